// When a webhook that was not delivered is tried again: the retry schedule of the Standard Webhooks specification,
// about three days from the first attempt to the last, a receiver's Retry-After taken into account.
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../core/time.ts';

/** The pause after the 1st, 2nd … failed attempt; after the last one the webhook fails for good (75 h 35 min 5 s in all). */
export const RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND_MS,
  5 * MINUTE_MS,
  30 * MINUTE_MS,
  2 * HOUR_MS,
  5 * HOUR_MS,
  10 * HOUR_MS,
  14 * HOUR_MS,
  20 * HOUR_MS,
  24 * HOUR_MS,
];

/**
 * The pause before the next attempt after `failures` failed ones (1 after the first), or undefined when the schedule
 * is spent. A Retry-After longer than the schedule's pause is honoured (Retry-After is bounded to a day when read).
 */
export function nextAttemptDelay(failures: number, retryAfterMs?: number): number | undefined {
  const scheduled = RETRY_DELAYS_MS[failures - 1];
  if (scheduled === undefined) return undefined;
  return Math.max(scheduled, retryAfterMs ?? 0);
}
