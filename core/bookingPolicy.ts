// When a booking may still be made, moved or cancelled: the notice rules, with "now" passed in.
import type { CallSettings } from './config.ts';
import { isOffered, type SlotQuery } from './slots.ts';
import { HOUR_MS } from './time.ts';

export type BookingCheck = { ok: true } | { ok: false; code: 'too_late' | 'slot_unavailable' };

/** A new call must start at least the minimum notice from now. */
export function checkNotice(start: number, now: number, call: Pick<CallSettings, 'minNoticeHours'>): BookingCheck {
  return start >= now + call.minNoticeHours * HOUR_MS ? { ok: true } : { ok: false, code: 'too_late' };
}

/**
 * The whole verdict at booking time, in the order the duo should hear it: inside the notice window is
 * `too_late`; anything else that is not a slot on offer right now is `slot_unavailable`.
 */
export function checkSlot(start: number, q: SlotQuery): BookingCheck {
  if (!Number.isFinite(start)) return { ok: false, code: 'slot_unavailable' };
  const notice = checkNotice(start, q.now, q.call);
  if (!notice.ok) return notice;
  return isOffered(start, q) ? { ok: true } : { ok: false, code: 'slot_unavailable' };
}

/** The last instant at which the call may still be moved or cancelled online. */
export function changeDeadline(start: number, call: Pick<CallSettings, 'cancelNoticeHours'>): number {
  return start - call.cancelNoticeHours * HOUR_MS;
}

/** A call may be moved or cancelled until `cancelNoticeHours` before it starts, that moment included. */
export function canChange(start: number, now: number, call: Pick<CallSettings, 'cancelNoticeHours'>): boolean {
  return now <= changeDeadline(start, call);
}
