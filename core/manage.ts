// Moving or cancelling a booked call from the duo's private link: the request bodies and the verdict on a change.
import * as v from 'valibot';
import { canChange } from './bookingPolicy.ts';
import type { CallSettings } from './config.ts';
import { IsoInstant } from './instant.ts';
import { FreeText } from './textHygiene.ts';
import type { BookingStatus } from './api.ts';

// The token is checked against its stored hash; the bounds only keep absurd input out.
const Token = v.pipe(
  v.string('the link is not complete'),
  v.minLength(1, 'the link is not complete'),
  v.maxLength(200, 'the link is not valid'),
);

export const RescheduleRequestSchema = v.object({ token: Token, start: IsoInstant });

export const CancelRequestSchema = v.object({
  token: Token,
  // Free text for the coaches only; "" is the same as no reason.
  reason: v.optional(FreeText(2000, 'write the reason as text'), ''),
});

export type RescheduleRequest = v.InferOutput<typeof RescheduleRequestSchema>;
export type CancelRequest = v.InferOutput<typeof CancelRequestSchema>;

export type ChangeVerdict = { ok: true } | { ok: false; code: 'already_cancelled' | 'too_late' };

/** Whether a booking may still be moved or cancelled at `now`: live, and not inside the cancellation notice. */
export function checkChange(
  booking: { status: BookingStatus; start: number },
  now: number,
  call: Pick<CallSettings, 'cancelNoticeHours'>,
): ChangeVerdict {
  if (booking.status === 'cancelled') return { ok: false, code: 'already_cancelled' };
  return canChange(booking.start, now, call) ? { ok: true } : { ok: false, code: 'too_late' };
}
