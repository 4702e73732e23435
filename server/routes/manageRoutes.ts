// The duo's changes from the manage link: POST /api/bookings/:id/reschedule and /cancel, and the open times to move to.
// A wrong token and an unknown id get the same 404; every change is a POST, never a GET.
import { Hono } from 'hono';
import { ConfirmRequestSchema } from '../../core/confirm.ts';
import { CancelRequestSchema, checkChange, RescheduleRequestSchema } from '../../core/manage.ts';
import { authorised, cancelBooking, managedView, rescheduleBooking, rescheduleSlots } from '../booking/changeBooking.ts';
import { confirmPartner } from '../booking/confirmPartner.ts';
import { addressBuckets, clientAddress } from '../http/clientAddress.ts';
import { readBody } from '../http/jsonBody.ts';
import { DEFAULT_BOOKING_RATE, rateLimit, tiers } from '../http/rateLimit.ts';
import { changeRefusal, confirmRefusal, refuse } from '../http/refusals.ts';
import type { AppDeps } from '../serverApp.ts';

/** The answer names the two people: no cache keeps it. */
const NO_STORE = { 'Cache-Control': 'no-store' };

export function manageRoutes(deps: AppDeps) {
  const { config } = deps;
  const app = new Hono();
  const limiter = rateLimit(tiers(deps.rateLimit ?? DEFAULT_BOOKING_RATE), deps.clock, (c) =>
    addressBuckets(clientAddress(c, config.practice.trustProxyHops)),
  );

  app.post('/:id/reschedule', limiter, async (c) => {
    const req = await readBody(c, RescheduleRequestSchema);
    if (!req.ok) return req.response;
    const id = c.req.param('id');
    const outcome = await rescheduleBooking(deps, id, req.value.token, Date.parse(req.value.start));
    if (!outcome.ok) return refuse(c, changeRefusal(config, outcome.code));
    deps.onOutbox?.();
    deps.log.info({ event: 'rescheduled', bookingId: id, sequence: outcome.booking.sequence });
    return c.json(managedView(config, outcome.booking, deps.clock(), outcome.you), 200, NO_STORE);
  });

  app.post('/:id/cancel', limiter, async (c) => {
    const req = await readBody(c, CancelRequestSchema);
    if (!req.ok) return req.response;
    const id = c.req.param('id');
    const outcome = await cancelBooking(deps, id, req.value.token, req.value.reason);
    if (!outcome.ok) return refuse(c, changeRefusal(config, outcome.code));
    deps.onOutbox?.();
    deps.log.info({ event: 'cancelled', bookingId: id, sequence: outcome.booking.sequence, reason: req.value.reason !== '' });
    return c.json(managedView(config, outcome.booking, deps.clock(), outcome.you), 200, NO_STORE);
  });

  /** Person two confirms their part; the answers go to the coaches only and are never logged or echoed. */
  app.post('/:id/confirm', limiter, async (c) => {
    const req = await readBody(c, ConfirmRequestSchema);
    if (!req.ok) return req.response;
    const id = c.req.param('id');
    const outcome = await confirmPartner(deps, id, req.value);
    if (!outcome.ok) {
      // A confirm that came after the release time released the hold itself: its cancellations are queued.
      if (outcome.code === 'released') deps.onOutbox?.();
      return refuse(c, confirmRefusal(outcome.code));
    }
    deps.onOutbox?.();
    deps.log.info({ event: 'partner_confirmed', bookingId: id });
    return c.json(managedView(config, outcome.booking, deps.clock(), 1), 200, NO_STORE);
  });

  /** The open times this booking may move to (its own time freed); refused like a reschedule would be. */
  app.get('/:id/availability', async (c) => {
    const opened = await authorised(deps, c.req.param('id'), c.req.query('token'));
    if (!opened) return refuse(c, changeRefusal(config, 'not_found'));
    const { booking } = opened;
    const verdict = checkChange(booking, deps.clock(), config.call);
    if (!verdict.ok) return refuse(c, changeRefusal(config, verdict.code));
    c.header('Cache-Control', 'no-store');
    return c.json({ slots: await rescheduleSlots(deps, booking) });
  });
  return app;
}
