// Booking a call: a plan that re-checks the time with core's rule inside the store's transaction, then writes
// the booking, its four invitations and (with an Idempotency-Key) the answer, all together.
import type { BookingCreated } from '../../core/api.ts';
import { checkSlot } from '../../core/bookingPolicy.ts';
import type { BookingRequest } from '../../core/intake.ts';
import { callEnd, liveWindow } from '../../core/time.ts';
import { bookingMails } from '../mail/bookingMails.ts';
import { SlotTaken, type BookingRow, type IdempotencyRecord } from '../store/port.ts';
import { slotQuery, type BookingDeps } from './bookingDeps.ts';
import { createdView, manageUrl } from './bookingLinks.ts';
import { hashToken, newId, newToken } from './tokens.ts';

export type CreateOutcome =
  | { ok: true; booking: BookingRow; created: BookingCreated }
  | { ok: false; code: 'slot_unavailable' | 'too_late' | 'idempotency_key_used' }
  /** One of the two people already has MAX_UPCOMING_PER_PERSON calls to come: their start times. */
  | { ok: false; code: 'already_booked'; person: 0 | 1; starts: number[] };

/** Upcoming calls one person's address may hold: a third is refused (`409 already_booked`). */
export const MAX_UPCOMING_PER_PERSON = 2;

/** How to record the answer under an Idempotency-Key, in the booking's own transaction. */
export interface Remember {
  keyHash: string;
  bodyHash: string;
  /** Turns the answer into what the store keeps (sealed: it holds the manage token). */
  seal: (answer: string) => string;
}

/**
 * Books `req.slot.start` if it is on offer at this moment, writing the four invitations to the outbox
 * and, with `remember`, the answer under its Idempotency-Key, all in one transaction.
 */
export function createBooking(deps: BookingDeps, req: BookingRequest, remember?: Remember): Promise<CreateOutcome> {
  const now = deps.clock();
  const start = Date.parse(req.slot.start);
  const end = callEnd(start, deps.config.call.minutes);

  const id = newId();
  const token = newToken();
  const uid = `${id}@${new URL(deps.config.practice.baseUrl).hostname || 'duet.local'}`;
  const version = { id, uid, start, end, sequence: 0 };
  const mails = bookingMails({
    config: deps.config, booking: version, intake: req.intake, method: 'REQUEST', manageUrl: manageUrl(deps.config, id, token), now,
  });
  const created = createdView(deps.config, { id, start, end, status: 'confirmed' }, token);
  const idempotency: IdempotencyRecord | undefined = remember && {
    keyHash: remember.keyHash, bodyHash: remember.bodyHash, status: 201, response: remember.seal(JSON.stringify(created)),
  };
  const booking: BookingRow = { id, uid, start, end, status: 'confirmed', sequence: 0, tokenHash: hashToken(token), intake: req.intake };

  return deps.store.runPlan<CreateOutcome>(now, async (reads) => {
    // Another request with this key may have committed since the caller looked.
    if (remember && await reads.idempotencyRecord(remember.keyHash, now)) return { result: { ok: false, code: 'idempotency_key_used' } };
    // Neither person may already hold two calls to come (read inside the transaction, so two requests cannot both pass).
    for (const person of [0, 1] as const) {
      const starts = await reads.upcomingCalls(req.intake.people[person].email, now);
      if (starts.length >= MAX_UPCOMING_PER_PERSON) return { result: { ok: false, code: 'already_booked', person, starts } };
    }
    // The whole rule (notice first, then the slot on offer) against the bookings as they are inside the transaction.
    const verdict = checkSlot(start, slotQuery(deps, now, await reads.liveBookings(liveWindow(start, end))));
    if (!verdict.ok) return { result: verdict };
    return {
      result: { ok: true, booking, created },
      writes: { newBooking: { id, uid, start, end, tokenHash: booking.tokenHash, intake: req.intake }, mails, idempotency },
    };
  }).catch((e: unknown): CreateOutcome => {
    // The database refused the time (a coach already held then: PostgreSQL's constraint): the plan's own answer.
    if (e instanceof SlotTaken) return { ok: false, code: 'slot_unavailable' };
    throw e;
  });
}
