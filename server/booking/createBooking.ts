// Booking a call: the slot engine's re-check and the insert of booking and mail in one transaction.
import type { BookingCreated } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import type { BookingRequest } from '../../core/intake.ts';
import type { Interval } from '../../core/interval.ts';
import { checkSlot } from '../../core/bookingPolicy.ts';
import type { SlotQuery } from '../../core/slots.ts';
import { bookingMails } from '../mail/bookingMails.ts';
import { personCalls } from '../store/sqlite/sqlitePersonCalls.ts';
import type { BookingRow, IdempotencyRecord, RecheckRefusal, Store } from '../store/sqlite/sqliteStore.ts';
import { hashToken, newId, newToken } from './tokens.ts';

export interface BookingDeps {
  config: Config;
  store: Store;
  clock: () => number;
  /** Busy intervals per coach id from the coaches' calendar feeds. */
  busy: () => Readonly<Record<string, readonly Interval[]>>;
}

export type CreateOutcome =
  | { ok: true; booking: BookingRow; created: BookingCreated }
  | RecheckRefusal
  | { ok: false; code: 'idempotency_key_used' };

/** Upcoming calls one person's address may hold: a third is refused (`409 already_booked`). */
export const MAX_UPCOMING_PER_PERSON = 2;

/** How to record the answer under an Idempotency-Key, in the booking's own transaction. */
export interface Remember {
  keyHash: string;
  bodyHash: string;
  /** Turns the answer into what the store keeps (sealed: it holds the manage token). */
  seal: (answer: string) => string;
}

/** The slot engine's question for this config at `now`, over the given live bookings. */
export function slotQuery(deps: BookingDeps, now: number, bookings: readonly Interval[], from?: number, to?: number): SlotQuery {
  return {
    call: deps.config.call, practiceTimeZone: deps.config.practice.timeZone, coaches: deps.config.coaches,
    now, from, to, bookings, busy: deps.busy(),
  };
}

export function manageUrl(config: Config, id: string, token: string): string {
  return `${config.practice.baseUrl}/manage?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;
}

export function icsUrl(config: Config, id: string, token: string): string {
  return `${config.practice.baseUrl}/api/bookings/${encodeURIComponent(id)}/invite.ics?token=${encodeURIComponent(token)}`;
}

/** The 201 answer: the booking as the duo sees it and the two links that carry its token. */
export function createdView(config: Config, booking: Pick<BookingRow, 'id' | 'start' | 'end' | 'status'>, token: string): BookingCreated {
  return {
    booking: { id: booking.id, start: new Date(booking.start).toISOString(), end: new Date(booking.end).toISOString(), status: booking.status },
    manageUrl: manageUrl(config, booking.id, token),
    icsUrl: icsUrl(config, booking.id, token),
  };
}

/**
 * Books `req.slot.start` if it is on offer at this moment, writing the four invitations to the outbox
 * and, with `remember`, the answer under its Idempotency-Key, all in one transaction.
 */
/** The refusal when either of the two people already has MAX_UPCOMING_PER_PERSON calls to come. */
function personLimit(deps: BookingDeps, req: BookingRequest, now: number): RecheckRefusal | undefined {
  const calls = personCalls(deps.store);
  for (const person of [0, 1] as const) {
    const starts = calls.upcomingFor(req.intake.people[person].email, now);
    if (starts.length >= MAX_UPCOMING_PER_PERSON) return { ok: false, code: 'already_booked', starts, person };
  }
  return undefined;
}

export function createBooking(deps: BookingDeps, req: BookingRequest, remember?: Remember): CreateOutcome {
  const now = deps.clock();
  const start = Date.parse(req.slot.start);
  const end = start + deps.config.call.minutes * 60_000;

  const id = newId();
  const token = newToken();
  const uid = `${id}@${new URL(deps.config.practice.baseUrl).hostname || 'duet.local'}`;
  const booking = { id, uid, start, end, sequence: 0 };
  const mails = bookingMails({
    config: deps.config, booking, intake: req.intake, method: 'REQUEST', manageUrl: manageUrl(deps.config, id, token), now,
  });
  const created = createdView(deps.config, { id, start, end, status: 'confirmed' }, token);
  const record: IdempotencyRecord | undefined = remember && {
    keyHash: remember.keyHash, bodyHash: remember.bodyHash, status: 201, response: remember.seal(JSON.stringify(created)),
  };
  const result = deps.store.createBooking(
    { ...booking, tokenHash: hashToken(token), intake: req.intake, now },
    mails,
    // Inside the transaction: neither person already holds two upcoming calls, then the whole slot rule (notice
    // first, then the slot on offer) against the bookings as they are now.
    (live) => personLimit(deps, req, now) ?? checkSlot(start, slotQuery(deps, now, live)),
    record,
  );
  return result.ok ? { ok: true, booking: result.booking, created } : result;
}
