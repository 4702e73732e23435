// Per-client token buckets: each request takes a token from its address's bucket and its network's, tokens refill
// steadily; an empty bucket answers 429 with Retry-After.
import type { MiddlewareHandler } from 'hono';
import type { AddressBuckets } from './clientAddress.ts';
import { REFUSALS, refuse } from './refusals.ts';
import { MINUTE_MS } from '../../core/time.ts';

export interface BucketOptions {
  /** Tokens a client may spend at once. */
  capacity: number;
  /** Tokens regained per minute. */
  refillPerMinute: number;
  /** The most clients remembered; full buckets are forgotten first when it is reached. */
  maxClients?: number;
}

export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** The buckets of every client, refilled lazily from the clock at each take. */
export function tokenBuckets(options: BucketOptions, clock: () => number) {
  const { capacity, refillPerMinute } = options;
  if (!(capacity >= 1) || !(refillPerMinute > 0)) throw new Error('rate limit: capacity must be ≥ 1 and refillPerMinute > 0');
  const perMs = refillPerMinute / MINUTE_MS;
  const maxClients = options.maxClients ?? 50_000;
  const buckets = new Map<string, Bucket>();

  const level = (b: Bucket, now: number) => Math.min(capacity, b.tokens + Math.max(0, now - b.at) * perMs);

  function forgetFull(now: number) {
    for (const [key, b] of buckets) if (level(b, now) >= capacity) buckets.delete(key);
    // Still full of distinct clients: drop the oldest entries rather than grow without bound.
    for (const key of buckets.keys()) {
      if (buckets.size < maxClients) break;
      buckets.delete(key);
    }
  }

  const refusal = (tokens: number): Take => ({ ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) });

  return {
    /** Whether `client` has a token now, taking nothing. */
    peek(client: string): Take {
      const known = buckets.get(client);
      const tokens = known ? level(known, clock()) : capacity;
      return tokens < 1 ? refusal(tokens) : { ok: true };
    },
    take(client: string): Take {
      const now = clock();
      const known = buckets.get(client);
      const tokens = known ? level(known, now) : capacity;
      if (tokens < 1) return refusal(tokens);
      if (!known && buckets.size >= maxClients) forgetFull(now);
      buckets.delete(client); // re-insert so Map order tracks recent use
      buckets.set(client, { tokens: tokens - 1, at: now });
      return { ok: true };
    },
    get size() {
      return buckets.size;
    },
  };
}

/** Limits for a client's own bucket (an IPv4 address, an IPv6 /64) and for its wider network (a /24, a /48). */
export interface RateTiers {
  own: BucketOptions;
  wide: BucketOptions;
}

/** A client's limit and its network's: three times as many, for a household or office behind one prefix. */
export const tiers = (own: BucketOptions): RateTiers => ({
  own,
  wide: { capacity: own.capacity * 3, refillPerMinute: own.refillPerMinute * 3, maxClients: own.maxClients },
});

/**
 * Middleware taking one token per request from each bucket `keysOf` names; 429 rate_limited (with Retry-After)
 * when either is empty, and then nothing is taken from the other.
 */
export function rateLimit(
  tiers: RateTiers,
  clock: () => number,
  keysOf: (c: Parameters<MiddlewareHandler>[0]) => AddressBuckets,
  what = 'booking attempts',
): MiddlewareHandler {
  const own = tokenBuckets(tiers.own, clock);
  const wide = tokenBuckets(tiers.wide, clock);
  return async (c, next) => {
    const keys = keysOf(c);
    const refused = [own.peek(keys.own), keys.wide === undefined ? ({ ok: true } as Take) : wide.peek(keys.wide)].filter(
      (t): t is Extract<Take, { ok: false }> => !t.ok,
    );
    if (refused.length) {
      const seconds = Math.max(...refused.map((t) => t.retryAfterSeconds));
      c.header('Retry-After', String(seconds));
      return refuse(c, REFUSALS.rateLimited(seconds, what));
    }
    own.take(keys.own);
    if (keys.wide !== undefined) wide.take(keys.wide);
    await next();
  };
}

/** Booking attempts per client address: a burst of 10, then one every 30 seconds; per /24 or /48 three times that. */
export const DEFAULT_BOOKING_RATE: BucketOptions = { capacity: 10, refillPerMinute: 2 };

/**
 * Availability questions per client: generous (a person's widget asks a handful of times; the answer is cached),
 * yet one client cannot keep the server computing random ranges for everyone else.
 */
export const DEFAULT_AVAILABILITY_RATE: BucketOptions = { capacity: 120, refillPerMinute: 120 };
