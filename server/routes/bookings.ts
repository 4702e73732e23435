// POST /api/bookings and the duo's own views of a booking (JSON and .ics), each guarded by the manage token.
import { Hono } from 'hono';
import * as v from 'valibot';
import type { BookingCreated } from '../../core/api.ts';
import { BookingRequestSchema } from '../../core/intake.ts';
import { toFieldIssues } from '../../core/issues.ts';
import type { AppDeps } from '../app.ts';
import { createBooking, icsUrl, manageUrl } from '../bookings.ts';
import { duoInvite } from '../duoInvite.ts';
import { errorResponse, readJson } from '../httpErrors.ts';
import { tokenMatches } from '../tokens.ts';

const iso = (ms: number) => new Date(ms).toISOString();

export function bookingRoutes(deps: AppDeps) {
  const { config, store } = deps;
  const app = new Hono();

  app.post('/', async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = v.safeParse(BookingRequestSchema, body.value);
    if (!parsed.success) {
      return errorResponse(c, 422, 'invalid', 'some answers need another look', toFieldIssues(parsed.issues));
    }
    const outcome = createBooking(deps, parsed.output);
    if (!outcome.ok) {
      return outcome.code === 'too_late'
        ? errorResponse(c, 409, 'too_late', `calls must be booked at least ${config.call.minNoticeHours} hours ahead`)
        : errorResponse(c, 409, 'slot_unavailable', 'this time is no longer free: please choose another');
    }
    deps.onOutbox?.();
    const { booking, token } = outcome;
    const created: BookingCreated = {
      booking: { id: booking.id, start: iso(booking.start), end: iso(booking.end), status: booking.status },
      manageUrl: manageUrl(config, booking.id, token),
      icsUrl: icsUrl(config, booking.id, token),
    };
    return c.json(created, 201);
  });

  /** The booking the token opens, or undefined for an unknown id or a wrong token alike. */
  const authorised = (id: string, token: string | undefined) => {
    const booking = store.booking(id);
    return booking && tokenMatches(token, booking.tokenHash) ? booking : undefined;
  };

  app.get('/:id', (c) => {
    const booking = authorised(c.req.param('id'), c.req.query('token'));
    if (!booking) return errorResponse(c, 404, 'not_found', 'no such booking');
    return c.json({
      booking: { id: booking.id, start: iso(booking.start), end: iso(booking.end), status: booking.status },
      people: booking.intake?.people.map((p) => ({ name: p.name, timeZone: p.timeZone })) ?? [],
    });
  });

  app.get('/:id/invite.ics', (c) => {
    const booking = authorised(c.req.param('id'), c.req.query('token'));
    if (!booking) return errorResponse(c, 404, 'not_found', 'no such booking');
    return c.body(duoInvite(config, booking, deps.clock()), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="discovery-call.ics"',
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
