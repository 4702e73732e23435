// GET /api/availability: the open slots in a range, from the same slot engine the booking re-check uses.
import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';
import { availabilityCache } from '../availabilityCache.ts';
import { addressBuckets, clientAddress } from '../clientAddress.ts';
import { errorResponse } from '../httpErrors.ts';
import { DEFAULT_AVAILABILITY_RATE, rateLimit, tiers } from '../rateLimit.ts';

export function availabilityRoutes(deps: AppDeps) {
  const app = new Hono();
  const answer = availabilityCache(deps);
  const limiter = rateLimit(tiers(deps.availabilityRate ?? DEFAULT_AVAILABILITY_RATE), deps.clock,
    (c) => addressBuckets(clientAddress(c, deps.config.practice.trustProxyHops)), 'availability requests');
  app.get('/', limiter, (c) => {
    const result = answer(c.req.query('from'), c.req.query('to'));
    if (!result.ok) return errorResponse(c, 422, 'invalid', 'the time range is not valid', result.issues);
    return c.body(result.json, 200, { 'Content-Type': 'application/json' });
  });
  return app;
}
