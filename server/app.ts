// The Hono app: every route of the API and the static files, built from its collaborators (no socket here).
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import * as v from 'valibot';
import type { AvailabilityResponse, BookingCreated, PublicConfig } from '../core/api.ts';
import type { Config } from '../core/config.ts';
import { BookingRequestSchema } from '../core/intake.ts';
import { toFieldIssues } from '../core/issues.ts';
import { findSlots } from '../core/slots.ts';
import { parseAvailabilityRange } from './availabilityRange.ts';
import { createBooking, icsUrl, manageUrl, slotQuery, type BookingDeps } from './bookings.ts';
import { errorResponse, readJson } from './httpErrors.ts';
import { duoInvite } from './duoInvite.ts';
import type { Logger } from './log.ts';
import { publicConfig } from './publicConfig.ts';
import { staticRoutes } from './staticFiles.ts';
import type { Store } from './store.ts';
import { tokenMatches } from './tokens.ts';

export interface AppDeps extends BookingDeps {
  config: Config;
  store: Store;
  log: Logger;
  /** Called after a change wrote mail to the outbox. */
  onOutbox?: () => void;
  /** Folder with the built embed (dist/) and the example pages. */
  distDir: string;
  examplesDir: string;
}

const DAY = 86_400_000;

export function createApp(deps: AppDeps) {
  const { config, store } = deps;
  const app = new Hono();
  const publicSettings: PublicConfig = publicConfig(config);

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    deps.log.info({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });

  app.use('/api/*', cors({
    origin: (origin) => (config.practice.allowedOrigins.includes(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Idempotency-Key'],
    maxAge: 600,
  }));
  app.use('/api/*', async (c, next) => {
    const origin = c.req.header('origin');
    if (c.req.method === 'POST' && origin && !config.practice.allowedOrigins.includes(origin)) {
      return errorResponse(c, 403, 'origin_not_allowed', 'this site may not book calls here');
    }
    await next();
  });

  app.get('/healthz', (c) => (store.ping() ? c.json({ ok: true }) : c.json({ ok: false }, 503)));

  app.get('/api/config', (c) => c.json(publicSettings));

  app.get('/api/availability', (c) => {
    const now = deps.clock();
    const range = parseAvailabilityRange(c.req.query('from'), c.req.query('to'), now, config.call.horizonDays);
    if (!range.ok) return errorResponse(c, 422, 'invalid', 'the time range is not valid', range.issues);
    const live = store.liveBookings(range.from - 2 * DAY, range.to + 2 * DAY);
    const slots = findSlots(slotQuery(deps, now, live, range.from, range.to));
    const body: AvailabilityResponse = {
      slots: slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
    };
    return c.json(body);
  });

  app.post('/api/bookings', async (c) => {
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

  app.get('/api/bookings/:id', (c) => {
    const booking = store.booking(c.req.param('id'));
    if (!booking || !tokenMatches(c.req.query('token'), booking.tokenHash)) {
      return errorResponse(c, 404, 'not_found', 'no such booking');
    }
    return c.json({
      booking: { id: booking.id, start: iso(booking.start), end: iso(booking.end), status: booking.status },
      people: booking.intake?.people.map((p) => ({ name: p.name, timeZone: p.timeZone })) ?? [],
    });
  });

  app.get('/api/bookings/:id/invite.ics', (c) => {
    const booking = store.booking(c.req.param('id'));
    if (!booking || !tokenMatches(c.req.query('token'), booking.tokenHash)) {
      return errorResponse(c, 404, 'not_found', 'no such booking');
    }
    return c.body(duoInvite(config, booking, deps.clock()), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="discovery-call.ics"',
      'Cache-Control': 'no-store',
    });
  });

  app.route('/', staticRoutes(deps.distDir, deps.examplesDir));

  app.notFound((c) => errorResponse(c, 404, 'not_found', 'not found'));
  app.onError((err, c) => {
    deps.log.warn({ event: 'error', path: c.req.path, error: err.name });
    return errorResponse(c, 500, 'internal', 'something went wrong on our side');
  });
  return app;
}

const iso = (ms: number) => new Date(ms).toISOString();
