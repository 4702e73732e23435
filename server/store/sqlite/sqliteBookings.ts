// Bookings, idempotency records and reminder bookkeeping in SQLite: the plan's reads, the plan's writes, and
// runPlan itself (one BEGIN IMMEDIATE transaction per plan, in turn with every other write of this connection).
import type Database from 'better-sqlite3';
import type { BookingStatus } from '../../../core/api.ts';
import type { CallCoach } from '../../../core/holding.ts';
import type { Interval } from '../../../core/interval.ts';
import type { PoolBooking } from '../../../core/pool.ts';
import {
  IDEMPOTENCY_TTL_MS,
  type BookingRow,
  type HoldPort,
  type Plan,
  type PlanReads,
  type PlanWrites,
  type ReminderPort,
  type StoredAnswer,
} from '../port.ts';
import { foldCalls, type LiveCallRow } from '../liveCalls.ts';
import type { OutgoingMail } from '../../mail/outgoingMail.ts';
import { sqliteDeskWrites } from './sqliteDesk.ts';
import type { SqliteOutbox } from './sqliteOutbox.ts';
import type { SqliteWebhooks } from './sqliteWebhooks.ts';
import type { SqliteRunner } from './sqliteTransaction.ts';
import { COLUMNS, fromRaw, reminderCandidate, type RawBooking } from '../bookingRow.ts';

export function sqliteBookings(db: Database.Database, run: SqliteRunner, outbox: SqliteOutbox, webhooks: SqliteWebhooks) {
  const byId = db.prepare<[string], RawBooking>(`SELECT ${COLUMNS} FROM bookings WHERE id = ?`);
  const coachesOf = db.prepare<[string], { coach_id: string; holds: 0 | 1 }>(
    `SELECT coach_id, holds FROM booking_coaches WHERE booking_id = ? ORDER BY position`,
  );
  // Booking ids are never empty, so '' leaves none out.
  const liveExcept = db.prepare<[string, number, number], LiveCallRow>(
    `SELECT b.id, b.start_ms, b.end_ms, b.created_ms, c.coach_id
       FROM bookings b LEFT JOIN booking_coaches c ON c.booking_id = b.id
      WHERE b.status = 'confirmed' AND b.id <> ? AND b.end_ms > ? AND b.start_ms < ?
      ORDER BY b.start_ms, b.id, c.position`,
  );
  const insertBooking = db.prepare(
    `INSERT INTO bookings (id, uid, start_ms, end_ms, status, sequence, token_hash, partner_token_hash, intake, pair_reason, created_ms, updated_ms, hold_until_ms, partner_nudge, partner_nudge_ms)
     VALUES (@id, @uid, @start, @end, 'confirmed', 0, @tokenHash, @partnerTokenHash, @intake, @pairReason, @now, @now, @holdUntil, @nudge, @nudgeDue)`,
  );
  const insertCoach = db.prepare(`INSERT INTO booking_coaches (booking_id, position, coach_id, holds) VALUES (?, ?, ?, ?)`);
  // The sequence guard makes a lost race impossible to miss, though BEGIN IMMEDIATE already serialises writers.
  const updateBooking = db.prepare(
    `UPDATE bookings SET status = @status, start_ms = @start, end_ms = @end, sequence = sequence + 1, updated_ms = @now
      WHERE id = @id AND sequence = @sequence`,
  );

  const confirmPartner = db.prepare(
    `UPDATE bookings SET partner_confirmed_ms = @at, partner_view = @view, partner_nudge = NULL, partner_nudge_ms = NULL
      WHERE id = @id AND status = 'confirmed' AND partner_confirmed_ms IS NULL`,
  );
  // Releasing a hold: only a live, held, unconfirmed call at the version the plan read (a confirm cannot also win).
  const releaseHold = db.prepare(
    `UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, released_ms = @now, updated_ms = @now,
            partner_nudge = NULL, partner_nudge_ms = NULL
      WHERE id = @id AND sequence = @sequence AND status = 'confirmed' AND hold_until_ms IS NOT NULL AND partner_confirmed_ms IS NULL`,
  );
  const dueNudges = db.prepare<
    [number],
    { id: string; partner_nudge: string; status: BookingStatus; partner_confirmed_ms: number | null; start_ms: number }
  >(
    `SELECT id, partner_nudge, status, partner_confirmed_ms, start_ms FROM bookings
      WHERE partner_nudge_ms IS NOT NULL AND partner_nudge_ms <= ? ORDER BY partner_nudge_ms, id`,
  );
  const takeNudge = db.prepare<[string]>(
    `UPDATE bookings SET partner_nudge = NULL, partner_nudge_ms = NULL WHERE id = ? AND partner_nudge IS NOT NULL`,
  );
  const dueHolds = db.prepare<[number, number, number, number], { id: string }>(
    `SELECT id FROM bookings
      WHERE status = 'confirmed' AND hold_until_ms IS NOT NULL AND partner_confirmed_ms IS NULL
        AND (hold_until_ms <= ? OR start_ms - ? <= ?)
      ORDER BY MIN(hold_until_ms, start_ms - ?), id`,
  );

  // Addresses are stored lowercased by the intake schema; a call whose answers retention deleted has no intake.
  const upcomingOf = db.prepare<[number, string, string], { start_ms: number }>(
    `SELECT start_ms FROM bookings
      WHERE status = 'confirmed' AND start_ms > ? AND intake IS NOT NULL
        AND (json_extract(intake, '$.people[0].email') = ? OR json_extract(intake, '$.people[1].email') = ?)
      ORDER BY start_ms`,
  );
  const idemByKey = db.prepare<[string, number], { body_hash: string; status: number; response: string }>(
    `SELECT body_hash, status, response FROM idempotency WHERE key_hash = ? AND created_ms > ?`,
  );
  const idemPurge = db.prepare<[number]>(`DELETE FROM idempotency WHERE created_ms <= ?`);
  const idemExpired = db.prepare<[string, number]>(`DELETE FROM idempotency WHERE key_hash = ? AND created_ms <= ?`);
  const idemInsert = db.prepare(
    `INSERT INTO idempotency (key_hash, body_hash, booking_id, status, response, created_ms) VALUES (?, ?, ?, ?, ?, ?)`,
  );

  const remindable = db.prepare<[number, number, number], RawBooking>(
    `SELECT ${COLUMNS} FROM bookings
      WHERE status = 'confirmed' AND start_ms > ? AND start_ms <= ? AND intake IS NOT NULL
        AND (reminded_sequence IS NULL OR reminded_sequence <> sequence)
        AND updated_ms <= start_ms - ?
      ORDER BY start_ms`,
  );
  const claimReminder = db.prepare<[number, string, number]>(
    `UPDATE bookings SET reminded_ms = ?, reminded_sequence = sequence
      WHERE id = ? AND status = 'confirmed' AND sequence = ? AND (reminded_sequence IS NULL OR reminded_sequence <> sequence)`,
  );

  const coaches = (id: string): CallCoach[] => coachesOf.all(id).map((c) => ({ id: c.coach_id, holds: c.holds }));
  const booking = (id: string): BookingRow | undefined => {
    const raw = byId.get(id);
    return raw && fromRaw(raw, coaches(raw.id));
  };
  const liveBookings = (window: Interval, exceptId = ''): PoolBooking[] => foldCalls(liveExcept.all(exceptId, window.start, window.end));
  const idempotencyRecord = (keyHash: string, now: number): StoredAnswer | undefined => {
    const row = idemByKey.get(keyHash, now - IDEMPOTENCY_TTL_MS);
    return row && { bodyHash: row.body_hash, status: row.status, response: row.response };
  };

  const upcomingCalls = (email: string, now: number): number[] => upcomingOf.all(now, email, email).map((r) => r.start_ms);

  /** Inside a plan's transaction: plain reads on the connection that holds the write lock. */
  const planReads: PlanReads = {
    booking: async (id) => booking(id),
    liveBookings: async (window, exceptId) => liveBookings(window, exceptId),
    idempotencyRecord: async (keyHash, now) => idempotencyRecord(keyHash, now),
    upcomingCalls: async (email, now) => upcomingCalls(email, now),
    lastWebhookSequence: async (bookingId) => webhooks.lastSequence(bookingId),
  };

  const deskWrites = sqliteDeskWrites(db);
  function apply(w: PlanWrites, now: number) {
    if (w.newBooking) {
      const b = w.newBooking;
      insertBooking.run({
        id: b.id,
        uid: b.uid,
        start: b.start,
        end: b.end,
        tokenHash: b.tokenHash,
        partnerTokenHash: b.partnerTokenHash,
        intake: JSON.stringify(b.intake),
        pairReason: b.pairReason,
        now,
        holdUntil: b.holdUntil ?? null,
        nudge: b.nudge ? JSON.stringify(b.nudge.mail) : null,
        nudgeDue: b.nudge?.due ?? null,
      });
      b.coaches.forEach((c, position) => insertCoach.run(b.id, position, c.id, c.holds));
    }
    if (w.change && updateBooking.run({ ...w.change, now }).changes !== 1) throw new Error('booking changed under a write lock');
    if (w.partnerConfirmation) {
      const c = w.partnerConfirmation;
      if (confirmPartner.run({ id: c.id, at: c.at, view: JSON.stringify(c.view) }).changes !== 1)
        throw new Error('booking confirmed under a write lock');
    }
    if (w.release && releaseHold.run({ ...w.release, now }).changes !== 1) throw new Error('hold changed under a write lock');
    deskWrites(w);
    if (w.mails) outbox.insert(w.mails, now);
    if (w.webhooks) webhooks.insert(w.webhooks, now);
    if (w.idempotency) {
      const r = w.idempotency;
      idemExpired.run(r.keyHash, now - IDEMPOTENCY_TTL_MS);
      idemInsert.run(r.keyHash, r.bodyHash, w.newBooking?.id ?? w.change?.id ?? null, r.status, r.response, now);
    }
  }

  const reminders: ReminderPort = {
    due: (now, leadMs) =>
      run.read(() => remindable.all(now, now + leadMs, leadMs).map((r) => reminderCandidate(fromRaw(r, coaches(r.id))))),
    enqueue: (bookingId, sequence, mails, now) =>
      run.transact(() => {
        if (claimReminder.run(now, bookingId, sequence).changes !== 1) return false;
        outbox.insert(mails, now);
        return true;
      }),
    // In one transaction: each due nudge taken off its booking, and queued if the call still waits for person two.
    queueNudges: (now) =>
      run.transact(() => {
        let queued = 0;
        for (const r of dueNudges.all(now)) {
          if (takeNudge.run(r.id).changes !== 1) continue;
          if (r.status !== 'confirmed' || r.partner_confirmed_ms !== null || r.start_ms <= now) continue;
          outbox.insert([JSON.parse(r.partner_nudge) as OutgoingMail], now);
          queued++;
        }
        return queued;
      }),
  };

  return {
    /** Outside a plan: the committed state, retried past another connection's lock. */
    reads: {
      booking: (id) => run.read(() => booking(id)),
      liveBookings: (window, exceptId) => run.read(() => liveBookings(window, exceptId)),
      idempotencyRecord: (keyHash, now) => run.read(() => idempotencyRecord(keyHash, now)),
      upcomingCalls: (email, now) => run.read(() => upcomingCalls(email, now)),
      lastWebhookSequence: (bookingId) => run.read(() => webhooks.lastSequence(bookingId)),
    } satisfies PlanReads,
    runPlan: <T>(now: number, plan: Plan<T>): Promise<T> =>
      run.transact(async () => {
        const planned = await plan(planReads);
        if (planned.writes) apply(planned.writes, now);
        return planned.result;
      }),
    /** A booking as committed, read on this connection (for reads that run inside `run.read`). */
    bookingNow: booking,
    purgeIdempotency: (now: number) => run.exclusive(() => idemPurge.run(now - IDEMPOTENCY_TTL_MS).changes),
    reminders,
    holds: {
      due: (now, noticeMs) => run.read(() => dueHolds.all(now, noticeMs, now, noticeMs).map((r) => r.id)),
    } satisfies HoldPort,
  };
}
