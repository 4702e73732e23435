// After the call, one of its coaches records who did not come (each person, each coach) as a plan in the store's
// transaction; a later record replaces an earlier one. Administrators see it on their page.
import type { Absent } from '../../core/webhookEvents.ts';
import type { BookingDeps } from '../booking/bookingDeps.ts';
import { webhookWrites } from '../webhooks/webhookWrites.ts';
import type { PlanWrites } from '../store/port.ts';
import type { Viewer } from './viewer.ts';

export type AttendanceOutcome = 'ok' | 'not_found' | string;

/** A record's key as the webhook names it: a person by their index, a coach by id. */
const absentOf = (key: string): Absent =>
  key.startsWith('person:') ? { role: 'person', person: key === 'person:1' ? 1 : 0 } : { role: 'coach', coach: key.slice('coach:'.length) };

/** The keys a call's record may hold: its two people and its two coaches. */
const keysOf = (coaches: readonly { id: string }[]) => new Set(['person:0', 'person:1', ...coaches.map((c) => `coach:${c.id}`)]);

/** 'ok', 'not_found' (not one of this call's coaches, or no such call), or the reason in words. */
export async function recordAttendance(
  deps: BookingDeps,
  viewer: Viewer,
  id: string,
  absent: readonly string[],
): Promise<AttendanceOutcome> {
  const now = deps.clock();
  return deps.store.runPlan<AttendanceOutcome>(now, async (reads) => {
    const b = await reads.booking(id);
    if (!b || !viewer.coachId || !b.coaches.some((c) => c.id === viewer.coachId)) return { result: 'not_found' };
    if (b.status !== 'confirmed') return { result: 'This call was cancelled: there is nothing to record.' };
    if (now < b.start) return { result: 'Who did not come can be recorded once the call has begun.' };
    const allowed = keysOf(b.coaches);
    const chosen = [...new Set(absent)];
    if (chosen.some((k) => !allowed.has(k))) return { result: 'Choose among the two people and the two coaches of this call.' };
    const ordered = [...allowed].filter((k) => chosen.includes(k));
    const writes: PlanWrites = { attendance: { id: b.id, absent: ordered, by: viewer.coachId, at: now } };
    // booking.no_show goes to the practice's tools in this same transaction (also "everyone came": an empty list).
    writes.webhooks = await webhookWrites(reads, deps.config, {
      event: { type: 'booking.no_show', absent: ordered.map(absentOf), by: { role: 'coach', coach: viewer.coachId } },
      booking: { id: b.id, start: b.start, end: b.end, status: b.status, coaches: b.coaches, intake: b.intake, partnerView: b.partnerView },
      at: now,
    });
    return { result: 'ok', writes };
  });
}
