// Time in epoch milliseconds: the units, and the few helpers every part uses (a call's end, the live-booking window).
import type { Interval } from './interval.ts';

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** When a call of `minutes` that starts at `start` ends. */
export function callEnd(start: number, minutes: number): number {
  return start + minutes * MINUTE_MS;
}

/**
 * How far either side of a time the live bookings still matter: the buffer and the per-day cap look at the
 * coaches' whole local days, which a day's margin covers in any zone; two days leave room to spare.
 */
export const LIVE_MARGIN_MS = 2 * DAY_MS;

/** The live bookings to read for a decision about [from, to): that range widened by the margin either side. */
export function liveWindow(from: number, to: number): Interval {
  return { start: from - LIVE_MARGIN_MS, end: to + LIVE_MARGIN_MS };
}
