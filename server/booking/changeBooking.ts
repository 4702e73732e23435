// Moving and cancelling a call from the duo's link: token, notice and slot checks as a plan inside the store's
// transaction, then the new state and its mail. Also the manage page's view of a booking and its own list of open times.
import type { ManagedBooking, Slot } from '../../core/api.ts';
import { changeDeadline } from '../../core/bookingPolicy.ts';
import type { Config } from '../../core/config.ts';
import { checkChange } from '../../core/manage.ts';
import { isHeld, releaseAt } from '../../core/partnerHold.ts';
import { isPoolOffered, poolSlots } from '../../core/pool.ts';
import { callEnd, DAY_MS, liveWindow } from '../../core/time.ts';
import { bookingMails } from '../mail/bookingMails.ts';
import { SlotTaken, type BookingRow, type BookingChange, type Planned, type QueuedWebhook } from '../store/port.ts';
import { webhookWrites } from '../webhooks/webhookWrites.ts';
import type { BookingDeps } from './bookingDeps.ts';
import { samePairQuery } from './callCoaches.ts';
import { bookingView, manageUrl } from './bookingLinks.ts';
import { personOfToken } from './personToken.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export type RescheduleCode = 'already_cancelled' | 'too_late' | 'slot_unavailable' | 'same_time';
export type CancelCode = 'already_cancelled' | 'too_late';

/** `you`: whose link made the change. */
export type ChangeResult<Code extends string> = { ok: true; booking: BookingRow; you: 0 | 1 } | { ok: false; code: Code | 'not_found' };

/**
 * What the manage page shows to person `you` (whose link it is): both people's names and zones, the practice to
 * write to, whether it may change.
 */
export function managedView(config: Config, booking: BookingRow, now: number, you: 0 | 1): ManagedBooking {
  return {
    booking: bookingView(config, booking),
    people:
      booking.intake?.people.map((p, i) => ({
        name: p.name,
        timeZone: p.timeZone,
        confirmed: i === 0 || booking.partnerConfirmedAt !== null,
      })) ?? [],
    practice: { name: config.practice.name, email: config.practice.email, website: config.practice.website },
    call: { title: config.call.title, minutes: config.call.minutes, cancelNoticeHours: config.call.cancelNoticeHours },
    canChange: checkChange(booking, now, config.call).ok,
    changeUntil: iso(changeDeadline(booking.start, config.call)),
    you,
  };
}

/** The booking `token` opens and whose link it is, or undefined for an unknown id and a wrong token alike. */
export async function authorised(deps: BookingDeps, id: string, token: unknown): Promise<{ booking: BookingRow; you: 0 | 1 } | undefined> {
  const booking = await deps.store.reads.booking(id);
  const you = booking && personOfToken(booking, token);
  return booking && you !== undefined ? { booking, you } : undefined;
}

const refused = <Code extends string>(code: Code | 'not_found'): Planned<ChangeResult<Code>> => ({ result: { ok: false, code } });

/** The plan's answer for a change it allows: the booking as it will be, and what to write. */
function changed<Code extends string>(
  b: BookingRow,
  you: 0 | 1,
  change: BookingChange,
  mails: Parameters<typeof bookingMails>[0] | undefined,
  webhooks: readonly QueuedWebhook[],
): Planned<ChangeResult<Code>> {
  return {
    result: { ok: true, you, booking: afterChange(b, change) },
    writes: { change, mails: mails ? bookingMails(mails) : [], webhooks },
  };
}

const afterChange = (b: BookingRow, change: BookingChange): BookingRow => ({
  ...b,
  status: change.status,
  start: change.start,
  end: change.end,
  sequence: b.sequence + 1,
});

/** Moves the call to `start` if its own two coaches are free then, with its own time left out of the conflicts. */
export function rescheduleBooking(deps: BookingDeps, id: string, token: string, start: number): Promise<ChangeResult<RescheduleCode>> {
  const now = deps.clock();
  const end = callEnd(start, deps.config.call.minutes);
  return deps.store
    .runPlan(now, async (reads) => {
      const b = await reads.booking(id);
      const you = b && personOfToken(b, token);
      if (!b || you === undefined) return refused<RescheduleCode>('not_found');
      const verdict = checkChange(b, now, deps.config.call);
      if (!verdict.ok) return refused<RescheduleCode>(verdict.code);
      if (start === b.start) return refused<RescheduleCode>('same_time');
      const live = await reads.liveBookings(liveWindow(start, end), b.id);
      if (!isPoolOffered(start, samePairQuery(deps.config, deps.busy(), now, b.coaches, live)))
        return refused<RescheduleCode>('slot_unavailable');
      const sequence = b.sequence + 1;
      const change: BookingChange = { id: b.id, sequence: b.sequence, status: 'confirmed', start, end };
      const webhooks = await webhookWrites(reads, deps.config, {
        event: { type: 'booking.rescheduled', from: { start: b.start, end: b.end }, by: { role: 'person', person: you } },
        booking: afterChange(b, change),
        at: now,
      });
      return changed<RescheduleCode>(
        b,
        you,
        change,
        b.intake
          ? {
              config: deps.config,
              booking: { id: b.id, uid: b.uid, start, end, sequence, coaches: b.coaches },
              intake: b.intake,
              method: 'REQUEST',
              previous: { start: b.start, end: b.end },
              actor: you,
              // A held call stays held at its new time: released at the end of the window, or earlier at the new time's notice.
              held: isHeld(b) ? { until: releaseAt(b.holdUntil!, start, deps.config.call) } : undefined,
              // Only the mover's own link is known here (tokens are stored hashed): the other keeps theirs from their invitation.
              manageUrls: you === 0 ? [manageUrl(deps.config, b.id, token), undefined] : [undefined, manageUrl(deps.config, b.id, token)],
              now,
            }
          : undefined,
        webhooks,
      );
    })
    .catch((e: unknown): ChangeResult<RescheduleCode> => {
      // The database refused the new time (a coach already held then: PostgreSQL's constraint): the plan's own answer.
      if (e instanceof SlotTaken) return { ok: false, code: 'slot_unavailable' };
      throw e;
    });
}

/** Cancels the call; `reason` (may be empty) goes to the coaches only. */
export function cancelBooking(deps: BookingDeps, id: string, token: string, reason: string): Promise<ChangeResult<CancelCode>> {
  const now = deps.clock();
  return deps.store.runPlan(now, async (reads) => {
    const b = await reads.booking(id);
    const you = b && personOfToken(b, token);
    if (!b || you === undefined) return refused<CancelCode>('not_found');
    const verdict = checkChange(b, now, deps.config.call);
    if (!verdict.ok) return refused<CancelCode>(verdict.code);
    const change: BookingChange = { id: b.id, sequence: b.sequence, status: 'cancelled', start: b.start, end: b.end };
    const webhooks = await webhookWrites(reads, deps.config, {
      event: { type: 'booking.cancelled', by: { role: 'person', person: you }, reason: reason || undefined },
      booking: afterChange(b, change),
      at: now,
    });
    return changed<CancelCode>(
      b,
      you,
      change,
      b.intake
        ? {
            config: deps.config,
            booking: { id: b.id, uid: b.uid, start: b.start, end: b.end, sequence: b.sequence + 1, coaches: b.coaches },
            intake: b.intake,
            method: 'CANCEL',
            reason: reason || undefined,
            actor: you,
            now,
          }
        : undefined,
      webhooks,
    );
  });
}

/** The times this booking could move to: when its own two coaches are free, its own time freed, less the time it has now. */
export async function rescheduleSlots(deps: BookingDeps, booking: BookingRow): Promise<Slot[]> {
  const now = deps.clock();
  const from = now;
  const to = now + deps.config.call.horizonDays * DAY_MS;
  const live = await deps.store.reads.liveBookings(liveWindow(from, to), booking.id);
  return poolSlots(samePairQuery(deps.config, deps.busy(), now, booking.coaches, live, from, to))
    .filter((s) => s.start !== booking.start)
    .map((s) => ({ start: iso(s.start), end: iso(s.end) }));
}
