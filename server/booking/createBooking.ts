// Booking a call: a plan that re-checks the time with core's rule inside the store's transaction, chooses the pair
// of coaches there, then writes the booking, its coaches, its four invitations, its webhooks and (with an Idempotency-Key) the answer.
import type { BookingCreated } from '../../core/api.ts';
import { checkPoolSlot } from '../../core/bookingPolicy.ts';
import type { Pair } from '../../core/config.ts';
import type { BookingRequest } from '../../core/intake.ts';
import { choosePair, FAIR_SHARE_DAYS_BEFORE, type PairChoice } from '../../core/pairChoice.ts';
import type { PoolBooking } from '../../core/pool.ts';
import { callEnd } from '../../core/time.ts';
import { holdUntil as holdUntilOf, releaseAt } from '../../core/partnerHold.ts';
import { bookingMails } from '../mail/bookingMails.ts';
import { NUDGE_AFTER_MS, partnerNudgeMail } from '../mail/partnerMails.ts';
import { SlotTaken, type BookingRow, type IdempotencyRecord } from '../store/port.ts';
import { webhookWrites } from '../webhooks/webhookWrites.ts';
import { slotQuery, type BookingDeps } from './bookingDeps.ts';
import { createdView, manageUrl } from './bookingLinks.ts';
import { holdingPair, pairReason, planWindow } from './callCoaches.ts';
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

type Choice = { ok: true; choice: PairChoice; free: Pair[] } | { ok: false; code: 'slot_unavailable' | 'too_late' };

/** The pair the rules choose at `start` over these live calls, leaving out `refused` pairs, or why there is none. */
function choose(deps: BookingDeps, now: number, start: number, live: readonly PoolBooking[], refused: readonly Pair[] = []): Choice {
  const verdict = checkPoolSlot(start, slotQuery(deps, now, live));
  if (!verdict.ok) return verdict;
  const free = verdict.free.filter((p) => !refused.some((r) => samePair(p, r)));
  const choice = choosePair({ free, coaches: deps.config.coaches, bookings: live, now, horizonDays: deps.config.call.horizonDays });
  return choice ? { ok: true, choice, free } : { ok: false, code: 'slot_unavailable' };
}

const samePair = (a: Pair, b: Pair) => (a[0] === b[0] && a[1] === b[1]) || (a[0] === b[1] && a[1] === b[0]);

/**
 * Books `req.slot.start` if some allowed pair is free then. The pair is chosen from the calls as they stand, then
 * again inside the transaction: if a coach of that first choice was taken by a call booked at the same moment, the
 * choice is made again among the pairs still free (and the booking records it) before the time is refused. When the
 * database itself refuses the chosen pair (SlotTaken: PostgreSQL's constraint saw a coach held then), the plan runs
 * again without that pair. The four invitations, the booking.created webhooks and, with `remember`, the answer under its Idempotency-Key commit
 * with the booking.
 */
export async function createBooking(deps: BookingDeps, req: BookingRequest, remember?: Remember): Promise<CreateOutcome> {
  const { config } = deps;
  const now = deps.clock();
  const start = Date.parse(req.slot.start);
  const end = callEnd(start, config.call.minutes);
  // The fairness window (28 days back, the horizon ahead) and the call's own days, for buffers and caps.
  const window = planWindow(config, now, { start, end }, FAIR_SHARE_DAYS_BEFORE);
  // "require": the time is only held for both coaches until person two confirms (a hold is a booking to every rule).
  const holdUntil = holdUntilOf(now, config.call);
  const first = choose(deps, now, start, await deps.store.reads.liveBookings(window));

  const id = newId();
  // Each person's own link: person one's token comes back in the 201 answer, person two's only in their invitation.
  const token = newToken();
  const partnerToken = newToken();
  const uid = `${id}@${new URL(config.practice.baseUrl).hostname || 'duet.local'}`;
  const tokenHash = hashToken(token);
  const partnerTokenHash = hashToken(partnerToken);

  // Pairs the database refused although the plan found them free; each retry leaves one more out, so this ends.
  const refused: Pair[] = [];
  for (;;) {
    let chosen: Pair | undefined;
    try {
      return await deps.store.runPlan<CreateOutcome>(now, async (reads) => {
        // Another request with this key may have committed since the caller looked.
        if (remember && (await reads.idempotencyRecord(remember.keyHash, now)))
          return { result: { ok: false, code: 'idempotency_key_used' } };
        // Neither person may already hold two calls to come (read inside the transaction, so two requests cannot both pass).
        for (const person of [0, 1] as const) {
          const starts = await reads.upcomingCalls(req.intake.people[person].email, now);
          if (starts.length >= MAX_UPCOMING_PER_PERSON) return { result: { ok: false, code: 'already_booked', person, starts } };
        }
        // The whole rule against the calls as they are inside the transaction, and the pair chosen from them.
        const live = await reads.liveBookings(window);
        const decided = choose(deps, now, start, live, refused);
        if (!decided.ok) return { result: decided };
        chosen = decided.choice.pair;
        const firstTaken = first.ok && !decided.free.some((p) => samePair(p, first.choice.pair)) ? first.choice.pair : undefined;
        const coaches = holdingPair(config, decided.choice.pair, req.intake, start);
        const reason = pairReason(config, decided.choice, refused[0] ?? firstTaken, refused);
        const version = { id, uid, start, end, sequence: 0, coaches };
        const partnerLink = manageUrl(config, id, partnerToken);
        const mails = bookingMails({
          config,
          booking: version,
          intake: req.intake,
          method: 'REQUEST',
          manageUrls: [manageUrl(config, id, token), partnerLink],
          now,
          held: holdUntil === null ? undefined : { until: releaseAt(holdUntil, start, config.call) },
        });
        // "ask": person two is asked again a day after booking, through their own link (only this request knows it).
        const nudge =
          holdUntil === null
            ? { due: now + NUDGE_AFTER_MS, mail: partnerNudgeMail({ config, booking: version, intake: req.intake, link: partnerLink }) }
            : undefined;
        const booking: BookingRow = {
          id,
          uid,
          start,
          end,
          status: 'confirmed',
          sequence: 0,
          tokenHash,
          partnerTokenHash,
          partnerConfirmedAt: null,
          partnerView: null,
          intake: req.intake,
          coaches,
          pairReason: reason,
          holdUntil,
          releasedAt: null,
        };
        const created = createdView(config, booking, token);
        const idempotency: IdempotencyRecord | undefined = remember && {
          keyHash: remember.keyHash,
          bodyHash: remember.bodyHash,
          status: 201,
          response: remember.seal(JSON.stringify(created)),
        };
        const webhooks = await webhookWrites(reads, config, { event: { type: 'booking.created' }, booking, at: now });
        return {
          result: { ok: true, booking, created },
          writes: {
            newBooking: {
              id,
              uid,
              start,
              end,
              tokenHash,
              partnerTokenHash,
              intake: req.intake,
              coaches,
              pairReason: reason,
              holdUntil,
              nudge,
            },
            mails,
            idempotency,
            webhooks,
          },
        };
      });
    } catch (e) {
      if (!(e instanceof SlotTaken) || !chosen) throw e;
      refused.push(chosen);
    }
  }
}
