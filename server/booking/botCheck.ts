// Bots are turned away quietly: a filled honeypot or a form sent faster than a person could fill it.
import type { BookingCreated } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import type { BookingRequest } from '../../core/intake.ts';
import { allowedPairs, newCallPool } from '../../core/pool.ts';
import { icsUrl, manageUrl } from './bookingLinks.ts';
import { coachesView, holdingPair } from './callCoaches.ts';
import { newId, newToken } from './tokens.ts';
import { callEnd } from '../../core/time.ts';

/** A person needs longer than this between opening the widget and sending the booking. */
export const MIN_FILL_MS = 3_000;
/**
 * `openedAt` comes from the visitor's clock. A fill time just under zero is a bot whose clock runs a
 * little ahead; far outside the window is a skewed clock we cannot judge, and a person wrongly told
 * "booked" would be far worse than a bot let through (the rate limit still holds it back).
 */
export const CLOCK_TOLERANCE_MS = 2_000;

export type BotVerdict = { bot: false } | { bot: true; reason: 'honeypot' | 'too_fast' };

export function botVerdict(meta: BookingRequest['meta'], now: number): BotVerdict {
  if (meta.honeypot !== undefined && meta.honeypot.trim() !== '') return { bot: true, reason: 'honeypot' };
  if (meta.openedAt !== undefined) {
    const fill = now - Date.parse(meta.openedAt);
    if (fill > -CLOCK_TOLERANCE_MS && fill < MIN_FILL_MS) return { bot: true, reason: 'too_fast' };
  }
  return { bot: false };
}

/** What a bot is told: shaped like a real 201 (a pair of coaches too), with a fresh id and token that open nothing. */
export function decoyCreated(config: Config, req: BookingRequest): BookingCreated {
  const id = newId();
  const token = newToken();
  const start = Date.parse(req.slot.start);
  const [pair] = allowedPairs(newCallPool(config));
  const coaches = pair ? coachesView(config, holdingPair(config, pair, req.intake, start)) : [];
  return {
    booking: {
      id,
      start: new Date(start).toISOString(),
      end: new Date(callEnd(start, config.call.minutes)).toISOString(),
      status: 'confirmed',
      coaches,
    },
    manageUrl: manageUrl(config, id, token),
    icsUrl: icsUrl(config, id, token),
  };
}
