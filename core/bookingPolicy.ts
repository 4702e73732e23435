// When a booking may still be made, moved or cancelled: the notice rules, with "now" passed in.
import type { CallSettings } from './config.ts';

const HOUR = 3_600_000;

export type BookingCheck = { ok: true } | { ok: false; code: 'too_late' | 'slot_unavailable' };

/** A new call must start at least the minimum notice from now. */
export function checkNotice(start: number, now: number, call: Pick<CallSettings, 'minNoticeHours'>): BookingCheck {
  return start >= now + call.minNoticeHours * HOUR ? { ok: true } : { ok: false, code: 'too_late' };
}

/** A call may be moved or cancelled until `cancelNoticeHours` before it starts. */
export function canChange(start: number, now: number, call: Pick<CallSettings, 'cancelNoticeHours'>): boolean {
  return now <= start - call.cancelNoticeHours * HOUR;
}
