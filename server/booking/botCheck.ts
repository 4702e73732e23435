// Bots are turned away quietly: a filled honeypot, no genuine form stamp, or a form sent faster than a person could fill it.
import type { BookingCreated } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import type { BookingRequest } from '../../core/intake.ts';
import { allowedPairs, newCallPool } from '../../core/pool.ts';
import { icsUrl, manageUrl } from './bookingLinks.ts';
import { coachesView, holdingPair } from './callCoaches.ts';
import type { FormStamps } from './formStamp.ts';
import { newId, newToken } from './tokens.ts';
import { callEnd } from '../../core/time.ts';

/** A person needs longer than this between the form's stamp being issued and sending the booking. */
export const MIN_FILL_MS = 3_000;
/**
 * The stamp carries the server's own clock, so a stamp "from the future" means this clock stepped back (or a
 * second server's runs a little behind). Just under zero is a bot as fast as can be; further out we cannot
 * judge, and a person wrongly told "booked" would be far worse than a bot let through (the rate limit holds it).
 */
export const CLOCK_TOLERANCE_MS = 2_000;

export type BotVerdict =
  { bot: false } | { bot: true; reason: 'honeypot' | 'too_fast' | 'stamp_missing' | 'stamp_forged' | 'stamp_expired' };

/**
 * A filled honeypot, a missing, forged or expired stamp, or a form sent within MIN_FILL_MS of its stamp is a bot.
 * The browser's `openedAt` is not consulted: anyone can write any time there.
 */
export function botVerdict(meta: BookingRequest['meta'], now: number, stamps: FormStamps): BotVerdict {
  if (meta.honeypot !== undefined && meta.honeypot.trim() !== '') return { bot: true, reason: 'honeypot' };
  const stamp = stamps.read(meta.stamp, now);
  if (!stamp.ok) return { bot: true, reason: `stamp_${stamp.reason}` };
  const fill = now - stamp.issuedAt;
  if (fill > -CLOCK_TOLERANCE_MS && fill < MIN_FILL_MS) return { bot: true, reason: 'too_fast' };
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
