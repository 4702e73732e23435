// GET /api/availability: the open slots in a range, from the same slot engine the booking re-check uses.
import { Hono } from 'hono';
import type { AvailabilityResponse } from '../../core/api.ts';
import { findSlots } from '../../core/slots.ts';
import type { AppDeps } from '../app.ts';
import { parseAvailabilityRange } from '../availabilityRange.ts';
import { slotQuery } from '../bookings.ts';
import { errorResponse } from '../httpErrors.ts';

const DAY = 86_400_000;

export function availabilityRoutes(deps: AppDeps) {
  const app = new Hono();
  app.get('/', (c) => {
    const now = deps.clock();
    const range = parseAvailabilityRange(c.req.query('from'), c.req.query('to'), now, deps.config.call.horizonDays);
    if (!range.ok) return errorResponse(c, 422, 'invalid', 'the time range is not valid', range.issues);
    const live = deps.store.liveBookings(range.from - 2 * DAY, range.to + 2 * DAY);
    const slots = findSlots(slotQuery(deps, now, live, range.from, range.to));
    const body: AvailabilityResponse = {
      slots: slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
    };
    return c.json(body);
  });
  return app;
}
