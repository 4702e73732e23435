// Booking a call: the pool's re-check, the choice of the pair and the insert of booking, coaches and mail in one
// transaction.
import type { BookingCreated } from '../../core/api.ts';
import type { Config, Pair } from '../../core/config.ts';
import type { CallCoach } from '../../core/holding.ts';
import type { BookingRequest } from '../../core/intake.ts';
import type { Interval } from '../../core/interval.ts';
import { checkPoolSlot } from '../../core/bookingPolicy.ts';
import { choosePair, FAIR_SHARE_DAYS_BEFORE, type PairChoice } from '../../core/pairChoice.ts';
import type { PoolBooking, PoolQuery } from '../../core/pool.ts';
import { bookingMails } from '../mail/bookingMails.ts';
import type { BookingPlan, BookingRow, Store } from '../store/sqlite/sqliteStore.ts';
import { coachesView, holdingPair, newCallQuery, pairReason, planWindow } from './callCoaches.ts';
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
  | { ok: false; code: 'slot_unavailable' | 'too_late' | 'idempotency_key_used' };

/** How to record the answer under an Idempotency-Key, in the booking's own transaction. */
export interface Remember {
  keyHash: string;
  bodyHash: string;
  /** Turns the answer into what the store keeps (sealed: it holds the manage token). */
  seal: (answer: string) => string;
}

/** The pool engine's question for a new call at `now`, over the given live calls. */
export function slotQuery(deps: BookingDeps, now: number, bookings: readonly PoolBooking[], from?: number, to?: number): PoolQuery {
  return newCallQuery(deps.config, deps.busy(), now, bookings, from, to);
}

export function manageUrl(config: Config, id: string, token: string): string {
  return `${config.practice.baseUrl}/manage?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;
}

export function icsUrl(config: Config, id: string, token: string): string {
  return `${config.practice.baseUrl}/api/bookings/${encodeURIComponent(id)}/invite.ics?token=${encodeURIComponent(token)}`;
}

/** The 201 answer: the booking as the duo sees it (with its two coaches) and the two links that carry its token. */
export function createdView(config: Config, booking: Pick<BookingRow, 'id' | 'start' | 'end' | 'status' | 'coaches'>, token: string): BookingCreated {
  return {
    booking: {
      id: booking.id, start: new Date(booking.start).toISOString(), end: new Date(booking.end).toISOString(), status: booking.status,
      coaches: coachesView(config, booking.coaches),
    },
    manageUrl: manageUrl(config, booking.id, token),
    icsUrl: icsUrl(config, booking.id, token),
  };
}

/** The pair the rules choose at `start` over these live calls, or why there is none. */
function choose(deps: BookingDeps, now: number, start: number, live: readonly PoolBooking[]):
  { ok: true; choice: PairChoice; free: Pair[] } | { ok: false; code: 'slot_unavailable' | 'too_late' } {
  const verdict = checkPoolSlot(start, slotQuery(deps, now, live));
  if (!verdict.ok) return verdict;
  const choice = choosePair({ free: verdict.free, coaches: deps.config.coaches, bookings: live, now, horizonDays: deps.config.call.horizonDays });
  return choice ? { ok: true, choice, free: verdict.free } : { ok: false, code: 'slot_unavailable' };
}

const samePair = (a: Pair, b: Pair) => (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);

/**
 * Books `req.slot.start` if some allowed pair is free then. The pair is chosen from the calls as they stand, then
 * again inside the transaction: if a coach of the first choice was taken by a call booked at the same moment,
 * the choice is made again among the pairs still free (and the booking records it) before the time is refused.
 * The four invitations and, with `remember`, the answer under its Idempotency-Key commit with the booking.
 */
export function createBooking(deps: BookingDeps, req: BookingRequest, remember?: Remember): CreateOutcome {
  const { config } = deps;
  const now = deps.clock();
  const start = Date.parse(req.slot.start);
  const end = start + config.call.minutes * 60_000;
  const window = planWindow(config, now, { start, end }, FAIR_SHARE_DAYS_BEFORE);
  const first = Number.isFinite(start) ? choose(deps, now, start, deps.store.liveBookings(window.start, window.end)) : undefined;

  const id = newId();
  const token = newToken();
  const uid = `${id}@${new URL(config.practice.baseUrl).hostname || 'duet.local'}`;
  let created: BookingCreated | undefined;

  const plan = (live: PoolBooking[]): BookingPlan => {
    const decided = choose(deps, now, start, live);
    if (!decided.ok) return decided;
    const taken = first?.ok && !decided.free.some((p) => samePair(p, first.choice.pair)) ? first.choice.pair : undefined;
    const coaches: CallCoach[] = holdingPair(config, decided.choice.pair, req.intake, start);
    const booking = { id, uid, start, end, sequence: 0, coaches };
    const mails = bookingMails({ config, booking, intake: req.intake, method: 'REQUEST', manageUrl: manageUrl(config, id, token), now });
    created = createdView(config, { ...booking, status: 'confirmed' }, token);
    return {
      ok: true, coaches, pairReason: pairReason(config, decided.choice, taken), mails,
      remember: remember && { keyHash: remember.keyHash, bodyHash: remember.bodyHash, status: 201, response: remember.seal(JSON.stringify(created)) },
    };
  };
  const result = deps.store.createBooking({ id, uid, start, end, tokenHash: hashToken(token), intake: req.intake, now }, window, plan, remember?.keyHash);
  return result.ok ? { ok: true, booking: result.booking, created: created! } : result;
}
