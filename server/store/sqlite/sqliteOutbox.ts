// The mail side of the store: reminder bookkeeping, superseded and stale outbox rows, the backlog for health.
// Works on the store's own SQLite connection, so it joins any transaction the caller has open.
import type { OutgoingMail } from '../../mail/bookingMails.ts';
import type { OutboxRow, Store } from './sqliteStore.ts';
import type { Intake } from '../../../core/intake.ts';

export interface ReminderCandidate {
  id: string; uid: string; start: number; end: number; sequence: number; intake: Intake;
}

export interface OutboxBacklog {
  /** Rows not yet delivered. */
  pending: number;
  /** Age of the oldest of them in ms, 0 when none wait. */
  oldestAgeMs: number;
}

export type MailStore = ReturnType<typeof buildMailStore>;

const built = new WeakMap<Store, MailStore>();

/** The mail statements on `store`'s connection, prepared once per store however often it is asked for. */
export function mailStore(store: Store): MailStore {
  let made = built.get(store);
  if (!made) built.set(store, (made = buildMailStore(store)));
  return made;
}

function buildMailStore(store: Store) {
  const { db } = store;
  const insert = db.prepare(`INSERT INTO outbox (booking_id, recipient, message, due_ms, created_ms) VALUES (?, ?, ?, ?, ?)`);
  const remindable = db.prepare<[number, number, number], { id: string; uid: string; start_ms: number; end_ms: number; sequence: number; intake: string }>(
    `SELECT id, uid, start_ms, end_ms, sequence, intake FROM bookings
      WHERE status = 'confirmed' AND start_ms > ? AND start_ms <= ? AND intake IS NOT NULL
        AND (reminded_sequence IS NULL OR reminded_sequence <> sequence)
        AND updated_ms <= start_ms - ?
      ORDER BY start_ms`);
  const claimReminder = db.prepare<[number, string, number]>(
    `UPDATE bookings SET reminded_ms = ?, reminded_sequence = sequence
      WHERE id = ? AND status = 'confirmed' AND sequence = ? AND (reminded_sequence IS NULL OR reminded_sequence <> sequence)`);
  const current = db.prepare<[string], { status: string; sequence: number }>(`SELECT status, sequence FROM bookings WHERE id = ?`);
  const sameRecipient = db.prepare<[string, string, number], { message: string }>(
    `SELECT message FROM outbox WHERE booking_id = ? AND recipient = ? AND id <> ?`);
  const voidRow = db.prepare<[string, number]>(`UPDATE outbox SET status = 'void', last_error = ? WHERE id = ? AND status = 'pending'`);
  const backlog = db.prepare<[], { n: number; oldest: number | null }>(
    `SELECT COUNT(*) AS n, MIN(created_ms) AS oldest FROM outbox WHERE status = 'pending'`);

  const insertMails = (mails: readonly OutgoingMail[], now: number) => {
    for (const m of mails) insert.run(m.bookingId, m.to, JSON.stringify(m), now, now);
  };

  const enqueueReminder = db.transaction((b: ReminderCandidate, mails: readonly OutgoingMail[], now: number): boolean => {
    if (claimReminder.run(now, b.id, b.sequence).changes !== 1) return false;
    insertMails(mails, now);
    return true;
  });

  return {
    /**
     * Writes mail to the outbox. Call it inside the transaction that changes the booking (a reschedule or a
     * cancel), so the change and its mail commit together.
     */
    insertMails,
    /**
     * Live bookings starting in (now, now + lead] that have no reminder for their current version yet.
     * A booking made or moved inside that window already has a fresh invitation and gets no reminder.
     */
    remindersDue(now: number, leadMs: number): ReminderCandidate[] {
      return remindable.all(now, now + leadMs, leadMs).map((r) => ({
        id: r.id, uid: r.uid, start: r.start_ms, end: r.end_ms, sequence: r.sequence, intake: JSON.parse(r.intake) as Intake,
      }));
    },
    /** Records the reminder for this version of the booking and queues its mail, at most once per version. */
    enqueueReminder: (b: ReminderCandidate, mails: readonly OutgoingMail[], now: number): boolean =>
      enqueueReminder.immediate(b, mails, now),
    /**
     * Why a due row should not go out any more, or null: a reminder for a call that was cancelled or moved
     * since, or an invitation already superseded by a later version for the same person.
     */
    staleReason(row: OutboxRow): string | null {
      const m = row.message;
      if (!row.bookingId || m.sequence === undefined) return null;
      if (m.kind === 'reminder') {
        const b = current.get(row.bookingId);
        return !b || b.status !== 'confirmed' || b.sequence !== m.sequence ? 'booking changed' : null;
      }
      const later = sameRecipient.all(row.bookingId, row.recipient, row.id).some((o) => {
        const other = JSON.parse(o.message) as Partial<OutgoingMail>;
        return (other.kind ?? 'invite') === 'invite' && (other.sequence ?? -1) > m.sequence;
      });
      return later ? 'superseded' : null;
    },
    /** Sets a pending row aside for good (`why` is a code, never user text). */
    markVoid(id: number, why: string) {
      voidRow.run(why, id);
    },
    backlog(now: number): OutboxBacklog {
      const r = backlog.get()!;
      return { pending: r.n, oldestAgeMs: r.oldest === null ? 0 : Math.max(0, now - r.oldest) };
    },
  };
}
