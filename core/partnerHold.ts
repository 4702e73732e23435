// A call held for person two's confirmation (call.partnerConfirmation "require"): until when, and when it is released.
import { changeDeadline } from './bookingPolicy.ts';
import type { Config } from './config.ts';
import { HOUR_MS } from './time.ts';

type CallConfig = Config['call'];

/** The end of person two's window to confirm a call booked at `bookedAt`; null when the call stands at once ("ask"). */
export function holdUntil(bookedAt: number, call: Pick<CallConfig, 'partnerConfirmation' | 'confirmWithinHours'>): number | null {
  return call.partnerConfirmation === 'require' ? bookedAt + call.confirmWithinHours * HOUR_MS : null;
}

/** When an unconfirmed hold is released: at the end of the window, and at the latest at the cancellation notice before the call. */
export function releaseAt(until: number, start: number, call: Pick<CallConfig, 'cancelNoticeHours'>): number {
  return Math.min(until, changeDeadline(start, call));
}

/** The part of a booking that says whether it is held. */
export interface HoldState {
  status: 'confirmed' | 'cancelled';
  holdUntil: number | null;
  partnerConfirmedAt: number | null;
}

/** A live call held for person two, who has not confirmed yet. */
export const isHeld = (b: HoldState): boolean => b.status === 'confirmed' && b.holdUntil !== null && b.partnerConfirmedAt === null;

/** A held call whose release time has come at `now`. */
export const isDueForRelease = (b: HoldState & { start: number }, now: number, call: Pick<CallConfig, 'cancelNoticeHours'>): boolean =>
  isHeld(b) && releaseAt(b.holdUntil!, b.start, call) <= now;
