// POST /api/bookings and the duo's own views of a booking (JSON and .ics), each guarded by the manage token.
import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { BookingRequestSchema } from '../../core/intake.ts';
import { toFieldIssues } from '../../core/issues.ts';
import type { AppDeps } from '../serverApp.ts';
import { createBooking } from '../booking/createBooking.ts';
import { botVerdict, decoyCreated } from '../booking/botCheck.ts';
import { addressBuckets, clientAddress } from '../http/clientAddress.ts';
import { duoInvite } from '../mail/duoInvite.ts';
import { formStamps } from '../booking/formStamp.ts';
import { authorised, managedView } from '../booking/changeBooking.ts';
import { errorResponse, readJson } from '../http/errorResponse.ts';
import { bodyFingerprint, idempotencyKeyHash, readIdempotencyKey, seal, unseal } from '../booking/idempotency.ts';
import { DEFAULT_BOOKING_RATE, rateLimit, tiers } from '../http/rateLimit.ts';


/**
 * "Person one's email address already has calls booked on Tuesday, 3 November 2026 and Thursday, 5 November 2026…":
 * the days in that person's own zone, and where the link to change them is. The address itself is not repeated.
 */
export function alreadyBookedMessage(person: 0 | 1, starts: readonly number[], timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone });
  const days = new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(starts.map((s) => day.format(s)));
  return `${person === 0 ? 'Person one' : 'Person two'}'s email address already has calls booked on ${days}. ` +
    'To move or cancel one of them, use the link in the email we sent for it.';
}

/** Answers that carry a token or personal data are kept by no cache, the browser's included. */
const NO_STORE = { 'Cache-Control': 'no-store' };

export function bookingRoutes(deps: AppDeps) {
  const { config, store } = deps;
  const app = new Hono();
  const stamps = formStamps(deps.stampKey!);

  const limiter = rateLimit(tiers(deps.rateLimit ?? DEFAULT_BOOKING_RATE), deps.clock,
    (c) => addressBuckets(clientAddress(c, config.practice.trustProxyHops)));

  /** The recorded first answer for this key: replayed for the same body, 422 for another. */
  const replay = async (c: Context, key: string, bodyHash: string) => {
    const record = await store.reads.idempotencyRecord(idempotencyKeyHash(key), deps.clock());
    if (!record) return undefined;
    const answer = record.bodyHash === bodyHash ? unseal(key, record.response) : undefined;
    if (answer === undefined) {
      return errorResponse(c, 422, 'idempotency_mismatch', 'this Idempotency-Key was already used for another request');
    }
    deps.log.info({ event: 'idempotent_replay' });
    return c.body(answer, record.status as 201, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true', 'Cache-Control': 'no-store' });
  };

  app.post('/', limiter, async (c) => {
    const body = await readJson(c);
    if (!body.ok) return body.response;
    const parsed = v.safeParse(BookingRequestSchema, body.value);
    if (!parsed.success) {
      return errorResponse(c, 422, 'invalid', 'some answers need another look', toFieldIssues(parsed.issues));
    }
    const idem = readIdempotencyKey(c.req.header('idempotency-key'));
    if (!idem.ok) return errorResponse(c, 422, 'invalid', 'the Idempotency-Key header is not valid', idem.issues);
    // The validated output, not the raw value: it has a bounded shape (no deep nesting, no extra keys).
    // The stamp is left out: a retry after a reload carries a newer one, and is still the same request.
    const { stamp: _stamp, ...meta } = parsed.output.meta;
    const bodyHash = bodyFingerprint({ ...parsed.output, meta });
    if (idem.key !== undefined) {
      await store.purgeIdempotency(deps.clock());
      const replayed = await replay(c, idem.key, bodyHash);
      if (replayed) return replayed;
    }

    const verdict = botVerdict(parsed.output.meta, deps.clock(), stamps);
    if (verdict.bot) {
      deps.log.info({ event: 'bot_turned_away', reason: verdict.reason });
      return c.json(decoyCreated(config, Date.parse(parsed.output.slot.start)), 201, NO_STORE);
    }

    const key = idem.key;
    const outcome = await createBooking(deps, parsed.output,
      key === undefined ? undefined : { keyHash: idempotencyKeyHash(key), bodyHash, seal: (answer) => seal(key, answer) });
    if (!outcome.ok) {
      if (outcome.code === 'idempotency_key_used' && key !== undefined) {
        return (await replay(c, key, bodyHash)) ?? errorResponse(c, 409, 'slot_unavailable', 'this time is no longer free: please choose another');
      }
      if (outcome.code === 'already_booked') {
        deps.log.info({ event: 'already_booked', calls: outcome.starts.length });
        const zone = parsed.output.intake.people[outcome.person].timeZone;
        return errorResponse(c, 409, 'already_booked', alreadyBookedMessage(outcome.person, outcome.starts, zone),
          [{ path: `intake.people.${outcome.person}.email`, message: `this address already has ${outcome.starts.length} calls booked` }]);
      }
      return outcome.code === 'too_late'
        ? errorResponse(c, 409, 'too_late', `calls must be booked at least ${config.call.minNoticeHours} hours ahead`)
        : errorResponse(c, 409, 'slot_unavailable', 'this time is no longer free: please choose another');
    }
    deps.onOutbox?.();
    deps.log.info({ event: 'booked', bookingId: outcome.booking.id });
    return c.json(outcome.created, 201, NO_STORE);
  });


  app.get('/:id', async (c) => {
    const booking = await authorised(deps, c.req.param('id'), c.req.query('token'));
    if (!booking) return errorResponse(c, 404, 'not_found', 'no such booking');
    c.header('Cache-Control', 'no-store');
    return c.json(managedView(config, booking, deps.clock()));
  });

  app.get('/:id/invite.ics', async (c) => {
    const booking = await authorised(deps, c.req.param('id'), c.req.query('token'));
    if (!booking) return errorResponse(c, 404, 'not_found', 'no such booking');
    return c.body(duoInvite(config, booking, deps.clock()), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="discovery-call.ics"',
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
