// A per-client token bucket: each request takes a token, tokens refill steadily; an empty bucket answers 429 with Retry-After.
import type { MiddlewareHandler } from 'hono';
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

  return {
    take(client: string): Take {
      const now = clock();
      const known = buckets.get(client);
      const tokens = known ? level(known, now) : capacity;
      if (tokens < 1) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
      }
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

/** Middleware taking one token per request for the client `keyOf` names; 429 rate_limited when none is left. */
export function rateLimit(
  options: BucketOptions,
  clock: () => number,
  keyOf: (c: Parameters<MiddlewareHandler>[0]) => string,
): MiddlewareHandler {
  const buckets = tokenBuckets(options, clock);
  return async (c, next) => {
    const taken = buckets.take(keyOf(c));
    if (!taken.ok) {
      c.header('Retry-After', String(taken.retryAfterSeconds));
      return refuse(c, REFUSALS.rateLimited(taken.retryAfterSeconds));
    }
    await next();
  };
}

/** Booking attempts per client address: a burst of 10, then one every 30 seconds. */
export const DEFAULT_BOOKING_RATE: BucketOptions = { capacity: 10, refillPerMinute: 2 };
