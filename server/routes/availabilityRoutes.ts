// GET /api/availability: the open slots in a range, from the same slot engine the booking re-check uses.
import { Hono } from 'hono';
import type { AppDeps } from '../serverApp.ts';
import { availabilityCache } from '../booking/availabilityCache.ts';
import { addressBuckets, clientAddress } from '../http/clientAddress.ts';
import { REFUSALS, refuse } from '../http/refusals.ts';
import { DEFAULT_AVAILABILITY_RATE, rateLimit, tiers } from '../http/rateLimit.ts';

/** Whether the client takes gzip (a q=0 refuses it). */
const takesGzip = (accept: string | undefined) =>
  !!accept &&
  accept.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });

export function availabilityRoutes(deps: AppDeps) {
  const app = new Hono();
  const answer = availabilityCache(deps);
  const limiter = rateLimit(
    tiers(deps.availabilityRate ?? DEFAULT_AVAILABILITY_RATE),
    deps.clock,
    (c) => addressBuckets(clientAddress(c, deps.config.practice.trustProxyHops)),
    'availability requests',
  );
  app.get('/', limiter, async (c) => {
    const result = await answer(c.req.query('from'), c.req.query('to'));
    if (!result.ok) return refuse(c, REFUSALS.invalidTimeRange, result.issues);
    const { json, gzip } = result.body;
    // The gzip made when the answer was computed: compress() leaves an answer with a Content-Encoding alone.
    if (gzip && takesGzip(c.req.header('accept-encoding'))) {
      return c.body(new Uint8Array(gzip), 200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
    }
    return c.body(json, 200, { 'Content-Type': 'application/json', ...(gzip ? { Vary: 'Accept-Encoding' } : {}) });
  });
  return app;
}
