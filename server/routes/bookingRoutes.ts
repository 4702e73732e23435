// POST /api/bookings and the duo's own views of a booking (JSON and .ics), each guarded by the manage token.
import { Hono, type Context } from 'hono';
import { BookingRequestSchema } from '../../core/intake.ts';
import { botVerdict, decoyCreated } from '../booking/botCheck.ts';
import { formStamps } from '../booking/formStamp.ts';
import { manageUrl } from '../booking/bookingLinks.ts';
import { reservedAddressIssues } from '../booking/reservedAddresses.ts';
import { authorised, managedView } from '../booking/changeBooking.ts';
import { createBooking } from '../booking/createBooking.ts';
import { bodyFingerprint, idempotencyKeyHash, readIdempotencyKey, seal, unseal } from '../booking/idempotency.ts';
import { addressBuckets, clientAddress } from '../http/clientAddress.ts';
import { readBody } from '../http/jsonBody.ts';
import { DEFAULT_BOOKING_RATE, rateLimit, tiers } from '../http/rateLimit.ts';
import { bookingRefusal, REFUSALS, refuse } from '../http/refusals.ts';
import { duoInvite } from '../mail/duoInvite.ts';
import type { AppDeps } from '../serverApp.ts';

/** Answers that carry a token or personal data are kept by no cache, the browser's included. */
const NO_STORE = { 'Cache-Control': 'no-store' };

export function bookingRoutes(deps: AppDeps) {
  const { config, store } = deps;
  const app = new Hono();
  const stamps = formStamps(deps.stampKey!);

  const limiter = rateLimit(tiers(deps.rateLimit ?? DEFAULT_BOOKING_RATE), deps.clock, (c) =>
    addressBuckets(clientAddress(c, config.practice.trustProxyHops)),
  );

  /** The recorded first answer for this key: replayed for the same body, 422 for another. */
  const replay = async (c: Context, key: string, bodyHash: string) => {
    const record = await store.reads.idempotencyRecord(idempotencyKeyHash(key), deps.clock());
    if (!record) return undefined;
    const answer = record.bodyHash === bodyHash ? unseal(key, record.response) : undefined;
    if (answer === undefined) return refuse(c, REFUSALS.idempotencyMismatch);
    deps.log.info({ event: 'idempotent_replay' });
    return c.body(answer, record.status as 201, {
      'Content-Type': 'application/json',
      'Idempotent-Replayed': 'true',
      'Cache-Control': 'no-store',
    });
  };

  app.post('/', limiter, async (c) => {
    const body = await readBody(c, BookingRequestSchema, REFUSALS.invalidAnswers);
    if (!body.ok) return body.response;
    const request = body.value;
    const reserved = reservedAddressIssues(config, request.intake.people);
    if (reserved.length > 0) return refuse(c, REFUSALS.invalidAnswers, reserved);
    const idem = readIdempotencyKey(c.req.header('idempotency-key'));
    if (!idem.ok) return refuse(c, REFUSALS.invalidIdempotencyKey, idem.issues);
    // The validated output, not the raw value: it has a bounded shape (no deep nesting, no extra keys).
    // The stamp is left out: a retry after a reload carries a newer one, and is still the same request.
    const { stamp: _stamp, ...meta } = request.meta;
    const bodyHash = bodyFingerprint({ ...request, meta });
    if (idem.key !== undefined) {
      await store.purgeIdempotency(deps.clock());
      const replayed = await replay(c, idem.key, bodyHash);
      if (replayed) return replayed;
    }

    const verdict = botVerdict(request.meta, deps.clock(), stamps);
    if (verdict.bot) {
      deps.log.info({ event: 'bot_turned_away', reason: verdict.reason });
      return c.json(decoyCreated(config, request), 201, NO_STORE);
    }

    const key = idem.key;
    const outcome = await createBooking(
      deps,
      request,
      key === undefined ? undefined : { keyHash: idempotencyKeyHash(key), bodyHash, seal: (answer) => seal(key, answer) },
    );
    if (!outcome.ok) {
      if (outcome.code === 'already_booked') {
        deps.log.info({ event: 'already_booked', calls: outcome.starts.length });
        return refuse(c, REFUSALS.alreadyBooked(outcome.person, outcome.starts, request.intake.people[outcome.person].timeZone));
      }
      // Another request with this key committed first: its answer is this one's too.
      const replayed = outcome.code === 'idempotency_key_used' && key !== undefined ? await replay(c, key, bodyHash) : undefined;
      return replayed ?? refuse(c, bookingRefusal(config, outcome.code));
    }
    deps.onOutbox?.();
    deps.log.info({ event: 'booked', bookingId: outcome.booking.id });
    return c.json(outcome.created, 201, NO_STORE);
  });

  app.get('/:id', async (c) => {
    const opened = await authorised(deps, c.req.param('id'), c.req.query('token'));
    if (!opened) return refuse(c, REFUSALS.bookingNotFound);
    c.header('Cache-Control', 'no-store');
    return c.json(managedView(config, opened.booking, deps.clock(), opened.you));
  });

  app.get('/:id/invite.ics', async (c) => {
    const opened = await authorised(deps, c.req.param('id'), c.req.query('token'));
    if (!opened) return refuse(c, REFUSALS.bookingNotFound);
    const manage = manageUrl(config, opened.booking.id, c.req.query('token') ?? '');
    return c.body(duoInvite(config, opened.booking, deps.clock(), manage), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="discovery-call.ics"',
      'Cache-Control': 'no-store',
    });
  });
  return app;
}
