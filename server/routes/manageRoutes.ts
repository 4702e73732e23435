// The duo's changes from the manage link: POST /api/bookings/:id/reschedule and /cancel, and the open times to move to.
// A wrong token and an unknown id get the same 404; every change is a POST, never a GET.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { toFieldIssues } from '../../core/issues.ts';
import { CancelRequestSchema, checkChange, RescheduleRequestSchema } from '../../core/manage.ts';
import type { AppDeps } from '../serverApp.ts';
import { addressBuckets, clientAddress } from '../http/clientAddress.ts';
import { errorResponse, readJson } from '../http/errorResponse.ts';
import { authorised, cancelBooking, managedView, rescheduleBooking, rescheduleSlots } from '../booking/changeBooking.ts';
import { DEFAULT_BOOKING_RATE, rateLimit, tiers } from '../http/rateLimit.ts';

/** The answer names the two people: no cache keeps it. */
const NO_STORE = { 'Cache-Control': 'no-store' };

type Refusal = 'not_found' | 'already_cancelled' | 'too_late' | 'slot_unavailable' | 'same_time';

export function manageRoutes(deps: AppDeps) {
  const { config } = deps;
  const app = new Hono();
  const limiter = rateLimit(tiers(deps.rateLimit ?? DEFAULT_BOOKING_RATE), deps.clock,
    (c) => addressBuckets(clientAddress(c, config.practice.trustProxyHops)));
  const hours = config.call.cancelNoticeHours;

  const refuse = (c: Context, code: Refusal) => {
    switch (code) {
      case 'not_found': return errorResponse(c, 404, 'not_found', 'no such booking');
      case 'already_cancelled': return errorResponse(c, 409, 'already_cancelled', 'this call has already been cancelled');
      case 'too_late': return errorResponse(c, 409, 'too_late',
        `calls can be changed online until ${hours} hours before they start: please write to ${config.practice.email}`);
      case 'slot_unavailable': return errorResponse(c, 409, 'slot_unavailable', 'this time is no longer free: please choose another');
      case 'same_time': return errorResponse(c, 422, 'invalid', 'the call is already at this time',
        [{ path: 'start', message: 'the call is already at this time: choose another' }]);
    }
  };

  /** The validated body, or the 4xx answer for it. */
  async function body<S extends v.GenericSchema>(c: Context, schema: S): Promise<{ ok: true; value: v.InferOutput<S> } | { ok: false; response: Response }> {
    const raw = await readJson(c);
    if (!raw.ok) return raw;
    const parsed = v.safeParse(schema, raw.value);
    if (!parsed.success) return { ok: false, response: errorResponse(c, 422, 'invalid', 'the request is not valid', toFieldIssues(parsed.issues)) };
    return { ok: true, value: parsed.output };
  }

  app.post('/:id/reschedule', limiter, async (c) => {
    const req = await body(c, RescheduleRequestSchema);
    if (!req.ok) return req.response;
    const id = c.req.param('id');
    const outcome = await rescheduleBooking(deps, id, req.value.token, Date.parse(req.value.start));
    if (!outcome.ok) return refuse(c, outcome.code);
    deps.onOutbox?.();
    deps.log.info({ event: 'rescheduled', bookingId: id, sequence: outcome.booking.sequence });
    return c.json(managedView(config, outcome.booking, deps.clock()), 200, NO_STORE);
  });

  app.post('/:id/cancel', limiter, async (c) => {
    const req = await body(c, CancelRequestSchema);
    if (!req.ok) return req.response;
    const id = c.req.param('id');
    const outcome = await cancelBooking(deps, id, req.value.token, req.value.reason);
    if (!outcome.ok) return refuse(c, outcome.code);
    deps.onOutbox?.();
    deps.log.info({ event: 'cancelled', bookingId: id, sequence: outcome.booking.sequence, reason: req.value.reason !== '' });
    return c.json(managedView(config, outcome.booking, deps.clock()), 200, NO_STORE);
  });

  /** The open times this booking may move to (its own time freed); refused like a reschedule would be. */
  app.get('/:id/availability', async (c) => {
    const booking = await authorised(deps, c.req.param('id'), c.req.query('token'));
    if (!booking) return refuse(c, 'not_found');
    const verdict = checkChange(booking, deps.clock(), config.call);
    if (!verdict.ok) return refuse(c, verdict.code);
    c.header('Cache-Control', 'no-store');
    return c.json({ slots: await rescheduleSlots(deps, booking) });
  });
  return app;
}
