// The privacy side of the store: what still holds personal data, retention's deletes, and erasing one address.
// Works on the store's own SQLite connection; the store opens it with secure_delete, so deleted content is zeroed.
import type { Intake } from '../../../core/intake.ts';
import { mentions } from '../../privacy/privacyFiles.ts';
import type { HeldBooking, LooseMail } from '../../privacy/retention.ts';
import type { Store } from './sqliteStore.ts';

export interface ErasedRows {
  bookings: number;
  /** Of those, calls still to come (the coaches' calendars still hold their invitations). */
  upcoming: number;
  outbox: number;
  idempotency: number;
  /** The erased bookings' ids, to find their outbox files. */
  bookingIds: string[];
}

/** True when the intake names `address` as one of the two people, the sponsor, or anywhere in its free text. */
export function intakeMentions(intake: Intake, address: string): boolean {
  const emails = [...intake.people.map((p) => p.email), intake.sponsor?.email ?? ''].map((e) => e.trim().toLowerCase());
  return emails.includes(address) || mentions(JSON.stringify(intake), address);
}

export type PrivacyStore = ReturnType<typeof privacyStore>;

export function privacyStore(store: Store) {
  const { db } = store;
  const held = db.prepare<[], { id: string; end_ms: number; has_intake: number; outbox: string | null }>(
    `SELECT b.id, b.end_ms, b.intake IS NOT NULL AS has_intake,
            (SELECT group_concat(o.id || ':' || o.status) FROM outbox o WHERE o.booking_id = b.id) AS outbox
       FROM bookings b
      WHERE b.intake IS NOT NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = b.id)`);
  const loose = db.prepare<[], { id: number; created_ms: number; status: string }>(
    `SELECT id, created_ms, status FROM outbox WHERE booking_id IS NULL OR booking_id NOT IN (SELECT id FROM bookings)`);
  const markGet = db.prepare<[], { value: string }>(`SELECT value FROM settings WHERE key = 'retention_mark'`);
  const markSet = db.prepare<[string]>(
    `INSERT INTO settings (key, value) VALUES ('retention_mark', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const newest = db.prepare<[], { t: number | null }>(
    `SELECT MAX(t) AS t FROM (SELECT MAX(updated_ms) AS t FROM bookings UNION ALL SELECT MAX(created_ms) FROM outbox)`);
  const scrub = db.prepare<[string]>(`UPDATE bookings SET intake = NULL WHERE id = ? AND intake IS NOT NULL`);
  const deleteMail = db.prepare<[number]>(`DELETE FROM outbox WHERE id = ?`);
  const withIntake = db.prepare<[], { id: string; intake: string; status: string; start_ms: number }>(
    `SELECT id, intake, status, start_ms FROM bookings WHERE intake IS NOT NULL`);
  const allMail = db.prepare<[], { id: number; booking_id: string | null; recipient: string; message: string }>(
    `SELECT id, booking_id, recipient, message FROM outbox`);
  const deleteIdem = db.prepare<[string]>(`DELETE FROM idempotency WHERE booking_id = ?`);
  const deleteBooking = db.prepare<[string]>(`DELETE FROM bookings WHERE id = ?`);

  const applyRetention = db.transaction((bookingIds: readonly string[], outboxIds: readonly number[], mark: number | undefined) => {
    let bookings = 0;
    let outbox = 0;
    if (mark !== undefined) markSet.run(String(mark));
    for (const id of bookingIds) bookings += scrub.run(id).changes;
    for (const id of outboxIds) outbox += deleteMail.run(id).changes;
    return { bookings, outbox };
  });

  const erase = db.transaction((address: string, now: number): ErasedRows => {
    const doomed = withIntake.all().filter((b) => intakeMentions(JSON.parse(b.intake) as Intake, address));
    const ids = new Set(doomed.map((b) => b.id));
    const mail = allMail.all().filter((m) =>
      (m.booking_id !== null && ids.has(m.booking_id)) || m.recipient.toLowerCase() === address || mentions(m.message, address));
    let outbox = 0;
    let idempotency = 0;
    let bookings = 0;
    for (const m of mail) outbox += deleteMail.run(m.id).changes;
    for (const id of ids) {
      idempotency += deleteIdem.run(id).changes;
      bookings += deleteBooking.run(id).changes;
    }
    const upcoming = doomed.filter((b) => b.status === 'confirmed' && b.start_ms > now).length;
    return { bookings, upcoming, outbox, idempotency, bookingIds: [...ids] };
  });

  /** Copies the WAL into the database file and empties it, so deleted rows leave no copy behind there. */
  const checkpoint = (): { busy: boolean } => {
    const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return { busy: r.busy !== 0 || r.log !== r.checkpointed };
  };

  return {
    /** Bookings that still hold answers or outbox rows. */
    heldBookings(): HeldBooking[] {
      return held.all().map((r) => ({
        id: r.id, end: r.end_ms, hasIntake: r.has_intake === 1,
        outbox: r.outbox ? r.outbox.split(',').map((m) => ({ id: Number(m.split(':')[0]), pending: m.endsWith(':pending') })) : [],
      }));
    },
    /** Outbox rows without a booking in the store. */
    looseMail(): LooseMail[] {
      return loose.all().map((r) => ({ id: r.id, created: r.created_ms, pending: r.status === 'pending' }));
    },
    /** The cut-off the last retention run reached, if one ever ran on this store with data in it. */
    retentionMark(): number | undefined {
      const row = markGet.get();
      return row ? Number(row.value) : undefined;
    },
    /** The newest time the store recorded (a booking's last change, a message queued), or undefined when empty. */
    newestRecorded(): number | undefined {
      return newest.get()?.t ?? undefined;
    },
    /**
     * Sets the intake of `bookingIds` to NULL, deletes the outbox rows `outboxIds` and records the cut-off reached
     * (`mark`), in one transaction.
     */
    applyRetention: (bookingIds: readonly string[], outboxIds: readonly number[], mark?: number): { bookings: number; outbox: number } =>
      applyRetention.immediate(bookingIds, outboxIds, mark),
    /**
     * Deletes every booking whose intake names `address` (lower case) with its outbox rows and idempotency
     * records, and every other outbox row addressed to it or quoting it, in one transaction.
     */
    erase: (address: string, now: number): ErasedRows => erase.immediate(address, now),
    checkpoint,
    /** Rebuilds the database file without free pages, then empties the WAL the rebuild wrote. */
    compact(): { busy: boolean } {
      db.exec('VACUUM');
      return checkpoint();
    },
  };
}
