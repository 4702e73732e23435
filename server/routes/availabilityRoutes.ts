// GET /api/availability: the open slots in a range, from the same slot engine the booking re-check uses.
import { Hono } from 'hono';
import type { AppDeps } from '../serverApp.ts';
import { availabilityCache } from '../booking/availabilityCache.ts';
import { REFUSALS, refuse } from '../http/refusals.ts';

export function availabilityRoutes(deps: AppDeps) {
  const app = new Hono();
  const answer = availabilityCache(deps);
  app.get('/', async (c) => {
    const result = await answer(c.req.query('from'), c.req.query('to'));
    if (!result.ok) return refuse(c, REFUSALS.invalidTimeRange, result.issues);
    return c.body(result.json, 200, { 'Content-Type': 'application/json' });
  });
  return app;
}
