// Bookings written straight through the store port (no HTTP, no slot rule), for tests of what happens after a booking.
import type { Config } from '../../core/config.ts';
import type { CallCoach } from '../../core/holding.ts';
import type { Intake } from '../../core/intake.ts';
import { callEnd } from '../../core/time.ts';
import { bookingMails } from '../../server/mail/bookingMails.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import type { BookingRow, Store } from '../../server/store/port.ts';

export interface Written {
  id: string;
  uid: string;
  start: number;
  end: number;
  sequence: number;
  coaches: CallCoach[];
}

/**
 * Books `id` at `start` with its four invitations, as the booking route would once its checks passed; the call goes
 * to `coaches` (default: the first two configured, coach one holding person one).
 */
export async function writeBooking(
  store: Store,
  config: Config,
  intake: Intake,
  id: string,
  start: number,
  now: number,
  opts: { manageUrl?: string; coaches?: CallCoach[] } = {},
): Promise<Written> {
  const coaches = opts.coaches ?? [
    { id: config.coaches[0].id, holds: 0 },
    { id: config.coaches[1].id, holds: 1 },
  ];
  const booking = { id, uid: `${id}@localhost`, start, end: callEnd(start, config.call.minutes), sequence: 0, coaches };
  const mails = bookingMails({
    config,
    booking,
    intake,
    method: 'REQUEST',
    manageUrls: opts.manageUrl ? [opts.manageUrl, opts.manageUrl] : undefined,
    now,
  });
  await store.runPlan(now, () => ({
    result: undefined,
    writes: { newBooking: { ...booking, tokenHash: 'h', partnerTokenHash: 'h2', intake, pairReason: '{}' }, mails },
  }));
  return booking;
}

/** Moves or cancels booking `id` (sequence + 1) with the given mail, as the manage routes would. */
export async function writeChange(
  store: Store,
  id: string,
  now: number,
  to: (b: BookingRow) => { status: BookingRow['status']; start: number; end: number; mails?: OutgoingMail[] },
): Promise<BookingRow> {
  return store.runPlan(now, async (reads) => {
    const b = (await reads.booking(id))!;
    const { mails, ...state } = to(b);
    return { result: { ...b, ...state, sequence: b.sequence + 1 }, writes: { change: { id, sequence: b.sequence, ...state }, mails } };
  });
}
