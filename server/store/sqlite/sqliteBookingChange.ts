// The store side of moving and cancelling a booking: one BEGIN IMMEDIATE transaction per change, mail included.
// Works on the store's own SQLite connection (like mailStore), so a write bumps store.version() and the
// availability cache forgets its answers at once.
import type { Interval } from '../../../core/interval.ts';
import type { OutgoingMail } from '../../mail/bookingMails.ts';
import { mailStore } from './sqliteOutbox.ts';
import type { BookingRow, Store } from './sqliteStore.ts';

/** What the caller decided, given the booking as it is inside the transaction. */
export type ChangePlan<Code extends string> =
  | { ok: false; code: Code | 'not_found' }
  | { ok: true; change: { status: BookingRow['status']; start: number; end: number }; mails: OutgoingMail[] };

export type ChangeResult<Code extends string> = { ok: true; booking: BookingRow } | { ok: false; code: Code | 'not_found' };

export type ManageStore = ReturnType<typeof buildManageStore>;

const built = new WeakMap<Store, ManageStore>();

/** The manage statements on `store`'s connection, prepared once per store however often it is asked for. */
export function manageStore(store: Store): ManageStore {
  let made = built.get(store);
  if (!made) built.set(store, (made = buildManageStore(store)));
  return made;
}

function buildManageStore(store: Store) {
  const { db } = store;
  const mail = mailStore(store);
  const liveExcept = db.prepare<[string, number, number], { start_ms: number; end_ms: number }>(
    `SELECT start_ms, end_ms FROM bookings WHERE status = 'confirmed' AND id <> ? AND end_ms > ? AND start_ms < ? ORDER BY start_ms`);
  // The sequence guard makes a lost race impossible to miss, though BEGIN IMMEDIATE already serialises writers.
  const update = db.prepare(
    `UPDATE bookings SET status = @status, start_ms = @start, end_ms = @end, sequence = sequence + 1, updated_ms = @now
      WHERE id = @id AND sequence = @sequence`);

  const change = db.transaction(<Code extends string>(id: string, now: number,
    plan: (booking: BookingRow) => ChangePlan<Code>): ChangeResult<Code> => {
    const booking = store.booking(id);
    if (!booking) return { ok: false, code: 'not_found' };
    const decided = plan(booking);
    if (!decided.ok) return decided;
    const { status, start, end } = decided.change;
    if (update.run({ id, status, start, end, now, sequence: booking.sequence }).changes !== 1) throw new Error('booking changed under a write lock');
    mail.insertMails(decided.mails, now);
    return { ok: true, booking: { ...booking, status, start, end, sequence: booking.sequence + 1 } };
  });

  return {
    /** Live bookings overlapping [from, to), leaving out booking `id` (a call never conflicts with itself). */
    liveExcept(id: string, from: number, to: number): Interval[] {
      return liveExcept.all(id, from, to).map((r) => ({ start: r.start_ms, end: r.end_ms }));
    },
    /**
     * Reads booking `id`, asks `plan` what to do with it, and writes the new state (sequence + 1, updated_ms)
     * and the plan's mail, all in one BEGIN IMMEDIATE transaction; `plan` may query the store (liveExcept).
     */
    change: <Code extends string>(id: string, now: number, plan: (booking: BookingRow) => ChangePlan<Code>): ChangeResult<Code> =>
      change.immediate(id, now, plan) as ChangeResult<Code>,
  };
}
