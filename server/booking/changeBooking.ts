// Moving and cancelling a call from the duo's link: token, notice and slot checks, then the new state and its
// mail in one transaction. Also the manage page's view of a booking and its own list of open times.
import type { ManagedBooking, Slot } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import { changeDeadline } from '../../core/bookingPolicy.ts';
import { checkChange } from '../../core/manage.ts';
import { findSlots, isOffered } from '../../core/slots.ts';
import { manageUrl, slotQuery, type BookingDeps } from './createBooking.ts';
import { bookingMails } from '../mail/bookingMails.ts';
import { manageStore, type ChangeResult } from '../store/sqlite/sqliteBookingChange.ts';
import type { BookingRow } from '../store/sqlite/sqliteStore.ts';
import { tokenMatches } from './tokens.ts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

export type RescheduleCode = 'already_cancelled' | 'too_late' | 'slot_unavailable' | 'same_time';
export type CancelCode = 'already_cancelled' | 'too_late';

/** What the manage page shows: both people's names and zones, the practice to write to, whether it may change. */
export function managedView(config: Config, booking: BookingRow, now: number): ManagedBooking {
  return {
    booking: { id: booking.id, start: iso(booking.start), end: iso(booking.end), status: booking.status },
    people: booking.intake?.people.map((p) => ({ name: p.name, timeZone: p.timeZone })) ?? [],
    practice: { name: config.practice.name, email: config.practice.email },
    call: { title: config.call.title, minutes: config.call.minutes, cancelNoticeHours: config.call.cancelNoticeHours },
    canChange: checkChange(booking, now, config.call).ok,
    changeUntil: iso(changeDeadline(booking.start, config.call)),
  };
}

/** The booking `token` opens, or undefined for an unknown id and a wrong token alike. */
export function authorised(deps: BookingDeps, id: string, token: unknown): BookingRow | undefined {
  const booking = deps.store.booking(id);
  return booking && tokenMatches(token, booking.tokenHash) ? booking : undefined;
}

/** Moves the call to `start` if it is on offer with this booking's own time left out of the conflicts. */
export function rescheduleBooking(deps: BookingDeps, id: string, token: string, start: number): ChangeResult<RescheduleCode> {
  const now = deps.clock();
  const end = start + deps.config.call.minutes * 60_000;
  const manage = manageStore(deps.store);
  return manage.change<RescheduleCode>(id, now, (b) => {
    if (!tokenMatches(token, b.tokenHash)) return { ok: false, code: 'not_found' };
    const verdict = checkChange(b, now, deps.config.call);
    if (!verdict.ok) return verdict;
    if (start === b.start) return { ok: false, code: 'same_time' };
    const live = manage.liveExcept(b.id, start - 2 * DAY, end + 2 * DAY);
    if (!isOffered(start, slotQuery(deps, now, live))) return { ok: false, code: 'slot_unavailable' };
    const sequence = b.sequence + 1;
    const mails = b.intake ? bookingMails({
      config: deps.config, booking: { id: b.id, uid: b.uid, start, end, sequence }, intake: b.intake, method: 'REQUEST',
      previous: { start: b.start, end: b.end }, manageUrl: manageUrl(deps.config, b.id, token), now,
    }) : [];
    return { ok: true, change: { status: 'confirmed', start, end }, mails };
  });
}

/** Cancels the call; `reason` (may be empty) goes to the coaches only. */
export function cancelBooking(deps: BookingDeps, id: string, token: string, reason: string): ChangeResult<CancelCode> {
  const now = deps.clock();
  return manageStore(deps.store).change<CancelCode>(id, now, (b) => {
    if (!tokenMatches(token, b.tokenHash)) return { ok: false, code: 'not_found' };
    const verdict = checkChange(b, now, deps.config.call);
    if (!verdict.ok) return verdict;
    const mails = b.intake ? bookingMails({
      config: deps.config, booking: { id: b.id, uid: b.uid, start: b.start, end: b.end, sequence: b.sequence + 1 },
      intake: b.intake, method: 'CANCEL', reason: reason || undefined, now,
    }) : [];
    return { ok: true, change: { status: 'cancelled', start: b.start, end: b.end }, mails };
  });
}

/** The times this booking could move to: every open slot with its own time freed, less the time it has now. */
export function rescheduleSlots(deps: BookingDeps, booking: BookingRow): Slot[] {
  const now = deps.clock();
  const q = slotQuery(deps, now, []);
  const from = now;
  const to = now + deps.config.call.horizonDays * DAY;
  const live = manageStore(deps.store).liveExcept(booking.id, from - 2 * DAY, to + 2 * DAY);
  return findSlots({ ...q, bookings: live, from, to })
    .filter((s) => s.start !== booking.start)
    .map((s) => ({ start: iso(s.start), end: iso(s.end) }));
}
