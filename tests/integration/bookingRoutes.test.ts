// The booking API through app.request with a fixed clock and a real SQLite file: every answer of the contract.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, BookingCreated, PublicConfig } from '../../core/api.ts';
import { bookingBody, duo, testConfig } from '../support/fixtures.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';
import { idempotencyKeyHash } from '../../server/booking/idempotency.ts';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;
/** A body as the widget sends it: its form stamp issued a minute and a half ago. */
const humanBody = (start: string) => ({ ...bookingBody(start), meta: { honeypot: '', stamp: h.stamp() } });

describe('booking a call', () => {
  it('answers 201 with the booking, the manage link and the calendar link, and writes four invitations', async () => {
    const [slot] = await h.slots();
    expect(slot).toEqual({ start: '2026-11-03T13:00:00.000Z', end: '2026-11-03T13:45:00.000Z' });
    const res = await h.post('/api/bookings', humanBody(slot.start));
    expect(res.status).toBe(201);
    // The answer carries the manage token: no cache may keep it.
    expect(res.headers.get('cache-control')).toBe('no-store');
    const created = (await res.json()) as BookingCreated;
    expect(created.booking).toMatchObject({ start: slot.start, end: slot.end, status: 'confirmed' });
    expect(created.manageUrl).toMatch(/^http:\/\/localhost:8787\/manage\?id=[\w-]+&token=[\w-]{43}$/);
    expect(await h.counts()).toEqual({ bookings: 1, outbox: 4, idempotency: 0 });
  });

  it('shows the duo their own booking with names only, and answers a wrong token exactly like an unknown id', async () => {
    const [slot] = await h.slots();
    const created = (await (await h.post('/api/bookings', humanBody(slot.start))).json()) as BookingCreated;
    const token = new URL(created.manageUrl).searchParams.get('token')!;
    const own = await h.request(`/api/bookings/${created.booking.id}?token=${token}`);
    expect(own.status).toBe(200);
    const view = await own.text();
    expect(view).toContain('Ada Lovelace');
    expect(view).not.toMatch(/ada@example\.com|hiring|Decide together|maya@/);

    const wrong = await h.request(`/api/bookings/${created.booking.id}?token=${'A'.repeat(43)}`);
    const unknown = await h.request(`/api/bookings/nope?token=${token}`);
    const none = await h.request(`/api/bookings/${created.booking.id}`);
    expect([wrong.status, unknown.status, none.status]).toEqual([404, 404, 404]);
    const bodies = await Promise.all([wrong.text(), unknown.text(), none.text()]);
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0])).toEqual({ error: { code: 'not_found', message: 'no such booking' } });
  });

  it('refuses a time already taken, or one within the buffer of a booking, with 409 slot_unavailable', async () => {
    const [slot] = await h.slots();
    expect((await h.post('/api/bookings', humanBody(slot.start))).status).toBe(201);
    const again = await h.post('/api/bookings', humanBody(slot.start));
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('slot_unavailable');
    // 45 + 10 min buffer: a call starting 45 minutes later would sit inside the buffer.
    const neighbour = new Date(Date.parse(slot.start) + 45 * 60_000).toISOString();
    const next = await h.post('/api/bookings', humanBody(neighbour));
    expect(next.status).toBe(409);
    expect((await h.counts()).bookings).toBe(1);
  });

  it('refuses a time inside the 24-hour notice with 409 too_late', async () => {
    const soon = new Date(NOW + 3 * 3_600_000).toISOString();
    const res = await h.post('/api/bookings', humanBody(soon));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: 'too_late', message: 'calls must be booked at least 24 hours ahead' });
  });
});

describe('availability', () => {
  it('drops a booked time and its buffer neighbours from the very next answer', async () => {
    const before = await h.slots();
    expect((await h.post('/api/bookings', humanBody(before[0].start))).status).toBe(201);
    const after = (await h.slots()).map((s) => s.start);
    // 13:00 is booked; with 45 minutes and a 10-minute buffer either side the next free start is 14:00.
    expect(after[0]).toBe('2026-11-03T14:00:00.000Z');
    expect(after).not.toContain(before[0].start);
  });

  it('follows a new busy snapshot from the calendar feeds at once', async () => {
    h.close();
    let busy: Record<string, { start: number; end: number }[]> = {};
    h = harness({ busy: () => busy });
    const first = (await h.slots())[0];
    busy = { maya: [{ start: Date.parse(first.start), end: Date.parse(first.end) }] };
    expect((await h.slots()).map((s) => s.start)).not.toContain(first.start);
  });
});

describe('bad input', () => {
  it('answers 415 for a body that is not JSON, 400 for JSON that does not parse', async () => {
    const text = await h.request('/api/bookings', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect((await errorOf(text)).code).toBe('unsupported_media_type');
    const broken = await h.post('/api/bookings', '{"slot":');
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toEqual({ code: 'invalid_json', message: 'the body is not valid JSON' });
  });

  it('answers 415 for a gzip-encoded body rather than 400 for garbled JSON, and books nothing', async () => {
    const { gzipSync } = await import('node:zlib');
    const res = await h.request('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(humanBody('2026-11-03T13:00:00Z'))),
    });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).code).toBe('unsupported_media_type');
    const plain = await h.request('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
      body: '{"slot":',
    });
    expect(plain.status).toBe(400);
    expect((await h.counts()).bookings).toBe(0);
  });

  it('answers 422 with the path of every wrong field', async () => {
    const body = humanBody('2026-11-03T13:00:00Z');
    body.intake.people[1].email = 'not an email';
    (body.intake.agreements as Record<string, unknown>).notice = false;
    const res = await h.post('/api/bookings', body);
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('invalid');
    expect(error.issues!.map((i) => i.path).sort()).toEqual(['intake.agreements.notice', 'intake.people.1.email']);
  });

  it('answers 413 for a body over 64 KB, whether it declares its length or not', async () => {
    const big = JSON.stringify({ ...humanBody('2026-11-03T13:00:00Z'), pad: 'x'.repeat(70_000) });
    const declared = await h.post('/api/bookings', big);
    expect(declared.status).toBe(413);
    expect(await errorOf(declared)).toEqual({ code: 'too_large', message: 'the body is larger than 65536 bytes' });

    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        if (pulled > 6400)
          controller.close(); // 100 MB if nobody stops reading
        else controller.enqueue(new Uint8Array(16_384).fill(0x20));
      },
    });
    const streamed = await h.request('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('connection')).toBe('close');
    // 64 KB kept, at most 4 MB more read and dropped so the client can read the answer; never the 100 MB.
    expect(pulled).toBeLessThan(300);

    const lying = await h.request('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '10' },
      body: big,
    });
    expect(lying.status).toBe(413);
    expect((await h.counts()).bookings).toBe(0);
  });

  it('answers 422 for an Idempotency-Key that is not printable ASCII', async () => {
    const res = await h.post('/api/bookings', humanBody('2026-11-03T13:00:00Z'), { 'idempotency-key': 'x'.repeat(300) });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues).toEqual([
      { path: 'Idempotency-Key', message: 'use 1 to 255 printable ASCII characters, such as a UUID' },
    ]);
  });
});

describe('Idempotency-Key', () => {
  it('gives a retry with the same body the first answer, with no second booking and no second mail', async () => {
    const [slot] = await h.slots();
    const key = { 'idempotency-key': '0b8f6a2e-5d1c-4f7a-9e3b-1c2d3e4f5a6b' };
    const first = await h.post('/api/bookings', humanBody(slot.start), key);
    expect(first.status).toBe(201);
    const firstBody = await first.text();
    h.setNow(NOW + 60_000);
    const retry = await h.post('/api/bookings', humanBody(slot.start), key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('cache-control')).toBe('no-store');
    expect(await retry.text()).toBe(firstBody);
    expect(await h.counts()).toEqual({ bookings: 1, outbox: 4, idempotency: 1 });
  });

  it('books once when two requests with the same key arrive together', async () => {
    const [slot] = await h.slots();
    const key = { 'idempotency-key': 'double-click' };
    const [a, b] = await Promise.all([
      h.post('/api/bookings', humanBody(slot.start), key),
      h.post('/api/bookings', humanBody(slot.start), key),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await a.text()).toBe(await b.text());
    expect(await h.counts()).toEqual({ bookings: 1, outbox: 4, idempotency: 1 });
  });

  it('keeps neither the key nor the manage token readable in the store', async () => {
    const [slot] = await h.slots();
    const created = (await (
      await h.post('/api/bookings', humanBody(slot.start), { 'idempotency-key': 'visible-key-123' })
    ).json()) as BookingCreated;
    const token = new URL(created.manageUrl).searchParams.get('token')!;
    // The key is in no byte of the store's files; person one's token only in her own invitation waiting in the outbox.
    const bytes = h.storeBytes();
    expect(bytes).toContain(created.booking.id);
    expect(bytes).not.toContain('visible-key-123');
    const record = await h.store.reads.idempotencyRecord(idempotencyKeyHash('visible-key-123'), NOW);
    expect(record).toBeDefined();
    expect(JSON.stringify(record)).not.toContain(token);
    expect(JSON.stringify(await h.store.reads.booking(created.booking.id))).not.toContain(token);
    const holders = (await h.store.outbox.ofBooking(created.booking.id)).filter((r) => JSON.stringify(r).includes(token));
    expect(holders.map((r) => r.recipient)).toEqual(['ada@example.com']);
  });

  it('answers the same key with another body 422 idempotency_mismatch', async () => {
    const [a, b] = await h.slots();
    const key = { 'idempotency-key': 'key-1' };
    expect((await h.post('/api/bookings', humanBody(a.start), key)).status).toBe(201);
    const other = await h.post('/api/bookings', humanBody(b.start), key);
    expect(other.status).toBe(422);
    expect((await errorOf(other)).code).toBe('idempotency_mismatch');
    expect((await h.counts()).bookings).toBe(1);
  });

  it('still gives the first answer to a retry a millisecond before the 24 hours are up', async () => {
    const [slot] = await h.slots();
    const key = { 'idempotency-key': 'key-3' };
    const first = await (await h.post('/api/bookings', humanBody(slot.start), key)).json();
    h.setNow(NOW + 24 * 3_600_000 - 1);
    const retry = await h.post('/api/bookings', humanBody(slot.start), key);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toEqual(first);
    expect(await h.counts()).toMatchObject({ bookings: 1, outbox: 4, idempotency: 1 });
  });

  it('forgets a key after 24 hours', async () => {
    const slots = await h.slots();
    const key = { 'idempotency-key': 'key-2' };
    expect((await h.post('/api/bookings', humanBody(slots[0].start), key)).status).toBe(201);
    h.setNow(NOW + 24 * 3_600_000 + 1);
    const later = slots.find((s) => Date.parse(s.start) > NOW + 72 * 3_600_000)!;
    const reused = await h.post('/api/bookings', humanBody(later.start), key);
    expect(reused.status).toBe(201);
    expect(await h.counts()).toMatchObject({ bookings: 2, idempotency: 1 });
  });
});

describe('at most two upcoming calls per person', () => {
  const alone = (start: string, people: ReturnType<typeof duo>) => ({
    ...bookingBody(start, { people }),
    meta: { honeypot: '', stamp: h.stamp() },
  });

  it("answers a third call for one address 409 already_booked, naming the days in that person's zone and where the links are", async () => {
    const slots = await h.slots();
    expect((await h.post('/api/bookings', humanBody(slots[0].start))).status).toBe(201);
    const second = slots[10];
    expect((await h.post('/api/bookings', humanBody(second.start))).status).toBe(201);
    // Grace again, now as person one with someone new: her address is the one that is full.
    const grace = { name: 'Grace Hopper', email: 'grace@example.com', role: '', timeZone: 'Asia/Tokyo' };
    const third = await h.post('/api/bookings', alone(slots[20].start, [grace, duo(2)[0]]));
    expect(third.status).toBe(409);
    const error = await errorOf(third);
    expect(error.code).toBe('already_booked');
    const day = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Asia/Tokyo' }).format(
        Date.parse(iso),
      );
    expect(error.message).toBe(
      `Person one's email address already has calls booked on ${day(slots[0].start)} and ${day(second.start)}. ` +
        'To move or cancel one of them, use the link in the email we sent for it.',
    );
    expect(error.issues).toEqual([{ path: 'intake.people.0.email', message: 'this address already has 2 calls booked' }]);
    expect(error.message).not.toContain('@');
    expect((await h.counts()).bookings).toBe(2);
  });

  it('counts upcoming live calls only: a cancelled call or one that has started no longer counts', async () => {
    const slots = await h.slots();
    const first = (await (await h.post('/api/bookings', humanBody(slots[0].start))).json()) as BookingCreated;
    expect((await h.post('/api/bookings', humanBody(slots[30].start))).status).toBe(201);
    expect((await h.post('/api/bookings', humanBody(slots[60].start))).status).toBe(409);
    const token = new URL(first.manageUrl).searchParams.get('token')!;
    expect((await h.post(`/api/bookings/${first.booking.id}/cancel`, { token })).status).toBe(200);
    expect((await h.post('/api/bookings', humanBody(slots[60].start))).status).toBe(201);
    expect((await h.post('/api/bookings', humanBody(slots[90].start))).status).toBe(409);
    // Once the earliest of them has begun, a new one may be booked again.
    h.setNow(Date.parse(slots[30].start));
    const later = (await h.slots()).at(-1)!;
    expect((await h.post('/api/bookings', humanBody(later.start))).status).toBe(201);
  });

  it('leaves other people free to book', async () => {
    const slots = await h.slots();
    for (let i = 0; i < 2; i++) expect((await h.post('/api/bookings', humanBody(slots[i * 10].start))).status).toBe(201);
    expect((await h.post('/api/bookings', alone(slots[40].start, duo(7)))).status).toBe(201);
  });
});

describe('abuse', () => {
  it('gives a filled honeypot a quiet 201 that books and mails nothing', async () => {
    const [slot] = await h.slots();
    const res = await h.post('/api/bookings', { ...humanBody(slot.start), meta: { honeypot: 'buy now', stamp: h.stamp() } });
    expect(res.status).toBe(201);
    const decoy = (await res.json()) as BookingCreated;
    expect(decoy.booking).toMatchObject({ start: slot.start, end: slot.end, status: 'confirmed' });
    expect(await h.counts()).toEqual({ bookings: 0, outbox: 0, idempotency: 0 });
    const token = new URL(decoy.manageUrl).searchParams.get('token');
    expect((await h.request(`/api/bookings/${decoy.booking.id}?token=${token}`)).status).toBe(404);
    expect((await h.slots())[0]).toEqual(slot);
  });

  it('answers a bot (or anyone) sending a time Date.parse cannot read with 422, never a 5xx', async () => {
    for (const start of ['2026-11-03T13:00:00+05', '2026-11-31T13:00:00Z']) {
      for (const honeypot of ['buy now', '']) {
        const res = await h.post('/api/bookings', { ...humanBody(start), meta: { honeypot, stamp: h.stamp() } });
        expect(res.status, `${start} ${honeypot}`).toBe(422);
        expect((await errorOf(res)).issues!.map((i) => i.path)).toEqual(['slot.start']);
      }
    }
    const opened = await h.post('/api/bookings', {
      ...humanBody('2026-11-03T13:00:00Z'),
      meta: { honeypot: '', stamp: h.stamp(), openedAt: '2026-11-01T10:00:00+05' },
    });
    expect(opened.status).toBe(422);
    const range = await h.request('/api/availability?from=2026-11-31T00:00:00Z');
    expect(range.status).toBe(422);
    expect(await h.counts()).toEqual({ bookings: 0, outbox: 0, idempotency: 0 });
  });

  it('gives a booking without a stamp, or with a forged or expired one, the same quiet 201 that books nothing', async () => {
    const [slot] = await h.slots();
    const forged = `${h.stamp().split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    const expired = h.stamp(24 * 3_600_000 + 1);
    const metas = [
      { honeypot: '' },
      { honeypot: '', openedAt: new Date(NOW - 3_600_000).toISOString() },
      { honeypot: '', stamp: forged },
      { honeypot: '', stamp: expired },
    ];
    for (const meta of metas) {
      const res = await h.post('/api/bookings', { ...humanBody(slot.start), meta });
      expect(res.status, JSON.stringify(meta)).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as BookingCreated).booking).toMatchObject({ start: slot.start, status: 'confirmed' });
    }
    expect(await h.counts()).toEqual({ bookings: 0, outbox: 0, idempotency: 0 });
    expect(h.logs.filter((l) => l.event === 'bot_turned_away').map((l) => l.reason)).toEqual([
      'stamp_missing',
      'stamp_missing',
      'stamp_forged',
      'stamp_expired',
    ]);
  });

  it('books with the stamp GET /api/config handed out, counting the fill time from when it was issued', async () => {
    const slots = await h.slots();
    const config = await h.request('/api/config');
    // A fresh stamp on every answer, which no cache may keep.
    expect(config.headers.get('cache-control')).toBe('no-store');
    const { stamp } = (await config.json()) as PublicConfig;
    expect(stamp).toMatch(/^v1\.[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
    const early = await h.post('/api/bookings', {
      ...humanBody(slots[0].start),
      meta: { honeypot: '', stamp, openedAt: new Date(NOW - 3_600_000).toISOString() },
    });
    expect(early.status).toBe(201);
    expect((await h.counts()).bookings).toBe(0);
    h.setNow(NOW + 3_000);
    expect((await h.post('/api/bookings', { ...humanBody(slots[0].start), meta: { honeypot: '', stamp } })).status).toBe(201);
    // The same stamp serves again (a second booking from the same open form).
    h.setNow(NOW + 2 * 3_600_000);
    expect((await h.post('/api/bookings', { ...humanBody(slots[8].start), meta: { honeypot: '', stamp } })).status).toBe(201);
    expect((await h.counts()).bookings).toBe(2);
  });

  it('gives a form sent a second after its stamp a quiet 201 that books nothing', async () => {
    const [slot] = await h.slots();
    const res = await h.post('/api/bookings', { ...humanBody(slot.start), meta: { honeypot: '', stamp: h.stamp(1_000) } });
    expect(res.status).toBe(201);
    expect(await h.counts()).toEqual({ bookings: 0, outbox: 0, idempotency: 0 });
  });

  it('limits booking attempts per client address with 429 and Retry-After, other clients unaffected', async () => {
    h.close();
    h = harness({ rateLimit: { capacity: 3, refillPerMinute: 2 } });
    const send = (address: string) => h.post('/api/bookings', '{', {}, address);
    expect(await Promise.all([1, 2, 3].map(() => send('198.51.100.1').then((r) => r.status)))).toEqual([400, 400, 400]);
    const limited = await send('198.51.100.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('30');
    expect((await errorOf(limited)).code).toBe('rate_limited');
    expect((await send('198.51.100.2')).status).toBe(400);
    // Availability has its own, more generous limit.
    expect((await h.request('/api/availability', undefined, '198.51.100.1')).status).toBe(200);
    h.setNow(NOW + 30_000);
    expect((await send('198.51.100.1')).status).toBe(400);
  });

  it('limits an IPv6 client by its /64, and a /48 as a whole at three times that, however many addresses it rotates through', async () => {
    h.close();
    h = harness({ rateLimit: { capacity: 2, refillPerMinute: 1 } });
    const send = (address: string) => h.post('/api/bookings', '{', {}, address).then((r) => r.status);
    // Two addresses in one /64 share its bucket.
    expect([await send('2001:db8:1:1::1'), await send('2001:db8:1:1::2'), await send('2001:db8:1:1:ffff::3')]).toEqual([400, 400, 429]);
    // Fresh /64s of the same /48: four more attempts, then the /48 is spent (6 = 3 × 2), for every /64 in it.
    const rotated = [];
    for (let i = 2; i < 12; i++) rotated.push(await send(`2001:db8:1:${i.toString(16)}::1`));
    expect(rotated).toEqual([400, 400, 400, 400, 429, 429, 429, 429, 429, 429]);
    const refused = await h.post('/api/bookings', '{', {}, '2001:db8:1:abcd::1');
    expect(refused.headers.get('retry-after')).toBe('20');
    // Another /48 is not held back.
    expect(await send('2001:db8:2:1::1')).toBe(400);
  });

  it("limits an IPv4 /24 as a whole at three times one address's limit", async () => {
    h.close();
    h = harness({ rateLimit: { capacity: 1, refillPerMinute: 1 } });
    const send = (address: string) => h.post('/api/bookings', '{', {}, address).then((r) => r.status);
    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push(await send(`198.51.100.${i}`));
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    expect(await send('198.51.101.1')).toBe(400);
  });

  it('gives availability its own, generous per-client limit', async () => {
    h.close();
    h = harness({ availabilityRate: { capacity: 3, refillPerMinute: 60 } });
    const ask = (address: string) => h.request('/api/availability', undefined, address);
    for (let i = 0; i < 3; i++) expect((await ask('198.51.100.1')).status).toBe(200);
    const limited = await ask('198.51.100.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await errorOf(limited)).code).toBe('rate_limited');
    expect((await ask('192.0.2.1')).status).toBe(200);
    // Booking is limited apart from it.
    expect((await h.post('/api/bookings', '{', {}, '198.51.100.1')).status).toBe(400);
  });

  it('does not let a client pick its own bucket with X-Forwarded-For when no proxy is trusted', async () => {
    h.close();
    h = harness({ rateLimit: { capacity: 1, refillPerMinute: 1 } });
    const send = (xff: string) => h.post('/api/bookings', '{', { 'x-forwarded-for': xff }, '198.51.100.1');
    expect((await send('1.1.1.1')).status).toBe(400);
    expect((await send('2.2.2.2')).status).toBe(429);
  });

  it('behind one trusted proxy, limits by the address the proxy appended', async () => {
    h.close();
    h = harness({ config: testConfig({ practice: { trustProxyHops: 1 } }), rateLimit: { capacity: 1, refillPerMinute: 1 } });
    const send = (xff: string) => h.post('/api/bookings', '{', { 'x-forwarded-for': xff }, '10.0.0.1');
    expect((await send('203.0.113.1')).status).toBe(400);
    expect((await send('6.6.6.6, 203.0.113.1')).status).toBe(429);
    expect((await send('203.0.113.2')).status).toBe(400);
  });
});

describe('origins', () => {
  const allowed = 'http://localhost:8787';

  it('answers a preflight from an allowed origin with that exact origin, the two headers, and no credentials', async () => {
    const res = await h.request('/api/bookings', {
      method: 'OPTIONS',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase().split(',')).toEqual(['content-type', 'idempotency-key']);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  it('names no origin for another site, and says the answer varies by Origin', async () => {
    const res = await h.request('/api/availability', { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Origin/);
    const ok = await h.request('/api/availability', { headers: { origin: allowed } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
  });

  it("says the answer varies by Origin on every kind of API answer, so no cache hands one site another's", async () => {
    const [slot] = await h.slots();
    const created = (await (await h.post('/api/bookings', humanBody(slot.start))).json()) as BookingCreated;
    const token = new URL(created.manageUrl).searchParams.get('token')!;
    const json = { 'content-type': 'application/json' };
    const answers: [string, string, RequestInit][] = [
      ['config', '/api/config', {}],
      ['availability', '/api/availability', {}],
      ['availability 422', '/api/availability?from=yesterday', {}],
      ['booking view', `/api/bookings/${created.booking.id}?token=${token}`, {}],
      ['calendar file', `/api/bookings/${created.booking.id}/invite.ics?token=${token}`, {}],
      ['404', '/api/bookings/nope?token=x', {}],
      ['unknown API path', '/api/nothing-here', {}],
      ['400', '/api/bookings', { method: 'POST', headers: json, body: '{' }],
      ['415', '/api/bookings', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }],
      ['409', '/api/bookings', { method: 'POST', headers: json, body: JSON.stringify(humanBody(slot.start)) }],
      ['preflight', '/api/bookings', { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST' } }],
    ];
    const seen: Record<string, [number, boolean]> = {};
    for (const origin of [allowed, 'https://evil.example', undefined]) {
      for (const [name, path, init] of answers) {
        const headers = { ...(init.headers as Record<string, string>), ...(origin ? { origin } : {}) };
        const res = await h.request(path, { ...init, headers });
        seen[`${name} from ${origin ?? 'no origin'}`] = [res.status, /(^|,\s*)Origin(\s*,|$)/.test(res.headers.get('vary') ?? '')];
      }
    }
    const statuses = [200, 200, 422, 200, 200, 404, 404, 400, 415, 409, 204];
    const expected: Record<string, [number, boolean]> = {};
    for (const origin of [allowed, 'https://evil.example', undefined]) {
      answers.forEach(([name], i) => {
        // POSTs from another site stop at 403 before they are read; they vary by Origin too.
        const refused = origin === 'https://evil.example' && answers[i][2].method === 'POST';
        expected[`${name} from ${origin ?? 'no origin'}`] = [refused ? 403 : statuses[i], true];
      });
    }
    expect(seen).toEqual(expected);
  });

  it('refuses a POST from another origin with 403 origin_not_allowed and books nothing', async () => {
    const [slot] = await h.slots();
    const res = await h.post('/api/bookings', humanBody(slot.start), { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('origin_not_allowed');
    expect((await h.counts()).bookings).toBe(0);
  });
});

describe('the public settings the widget words itself from', () => {
  it("carry the practice's own wording of a label from config.texts, and the seed's words for the rest", async () => {
    h.close();
    const config = testConfig();
    h = harness({
      config: {
        ...config,
        texts: { ...config.texts, focusAreas: { trust: 'Rebuilding trust after a hard year' }, sponsorNote: 'Sponsors hear themes only.' },
      },
    });
    const settings = (await (await h.request('/api/config')).json()) as PublicConfig;
    expect(settings.focusAreas.slice(0, 2)).toEqual([
      { value: 'trust', label: 'Rebuilding trust after a hard year' },
      { value: 'communication', label: 'Clarifying communication and collaboration norms' },
    ]);
    expect(settings.sponsorNote).toBe('Sponsors hear themes only.');
    expect(settings.relationships[0]).toEqual({ value: 'co-founders', label: 'Co-founders' });
  });
});

describe('whether a page may book, asked before anyone types', () => {
  it("GET /api/config is readable from any page and says whether that page's origin may book, naming it", async () => {
    h.close();
    h = harness({ config: testConfig({ practice: { baseUrl: 'https://book.example.org', allowedOrigins: ['https://www.example.org'] } }) });
    const ask = async (origin?: string) => {
      const res = await h.request('/api/config', { headers: origin ? { origin } : {} });
      const vary = /(^|,\s*)Origin(\s*,|$)/.test(res.headers.get('vary') ?? '');
      return { cors: res.headers.get('access-control-allow-origin'), vary, origin: ((await res.json()) as PublicConfig).origin };
    };
    expect(await ask('https://www.example.org')).toEqual({
      cors: 'https://www.example.org',
      vary: true,
      origin: { allowed: true, origin: 'https://www.example.org', because: 'listed' },
    });
    // Not allowed to book, yet allowed to read that it is not: the widget says so and the console names the origin to add.
    expect(await ask('http://localhost:8811')).toEqual({
      cors: 'http://localhost:8811',
      vary: true,
      origin: {
        allowed: false,
        origin: 'http://localhost:8811',
        line: '"allowedOrigins": ["https://www.example.org", "http://localhost:8811"]',
      },
    });
    // baseUrl's own origin is always allowed, listed or not.
    expect((await ask('https://book.example.org')).origin).toEqual({ allowed: true, origin: 'https://book.example.org', because: 'own' });
    // A same-origin GET carries no Origin: the page's Referer tells (the server's own page on another port than
    // baseUrl's is not allowed); with neither, nothing is known and nothing is refused.
    const same = async (referer: string) =>
      ((await (await h.request('/api/config', { headers: { referer } })).json()) as PublicConfig).origin;
    expect(await same('http://localhost:8811/?x=1')).toMatchObject({ allowed: false, origin: 'http://localhost:8811' });
    expect(await same('https://book.example.org/examples/dark.html')).toEqual({
      allowed: true,
      origin: 'https://book.example.org',
      because: 'own',
    });
    expect((await ask()).origin).toEqual({ allowed: true, origin: null });
    // Booking itself stays closed to the other origin; and nothing else of the API opens to it.
    const [slot] = await h.slots();
    expect((await h.post('/api/bookings', humanBody(slot.start), { origin: 'http://localhost:8811' })).status).toBe(403);
    expect(
      (await h.request('/api/availability', { headers: { origin: 'http://localhost:8811' } })).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it("carries the practice's website (baseUrl unless set) and its explainer, if it has one", async () => {
    const plain = (await (await h.request('/api/config')).json()) as PublicConfig;
    expect(plain.practice.website).toBe('http://localhost:8787');
    expect('explainerUrl' in plain.practice).toBe(false);
    h.close();
    h = harness({
      config: testConfig({ practice: { website: 'https://wbt.example.org/', explainerUrl: 'https://wbt.example.org/2x2.pdf' } }),
    });
    const set = (await (await h.request('/api/config')).json()) as PublicConfig;
    expect(set.practice).toMatchObject({ website: 'https://wbt.example.org/', explainerUrl: 'https://wbt.example.org/2x2.pdf' });
  });
});

describe('the notice the duo agrees to', () => {
  it('is the configured cancellation notice: 48 hours configured, 48 hours ticked; 24 by default', async () => {
    expect(((await (await h.request('/api/config')).json()) as PublicConfig).agreements[0]).toEqual({
      value: 'notice',
      label: 'We will keep appointments and honor commitments, and give 24 hours’ notice to cancel or reschedule.',
    });
    h.close();
    h = harness({ config: testConfig({ call: { cancelNoticeHours: 48 } }) });
    expect(((await (await h.request('/api/config')).json()) as PublicConfig).agreements[0]).toEqual({
      value: 'notice',
      label: 'We will keep appointments and honor commitments, and give 48 hours’ notice to cancel or reschedule.',
    });
  });
});

describe('the request log', () => {
  it('holds no names, emails, tokens, keys or answers', async () => {
    const [slot] = await h.slots();
    const created = (await (
      await h.post('/api/bookings', humanBody(slot.start), { 'idempotency-key': 'secret-key-9' })
    ).json()) as BookingCreated;
    const token = new URL(created.manageUrl).searchParams.get('token')!;
    await h.request(`/api/bookings/${created.booking.id}?token=${token}`);
    await h.post('/api/bookings', { ...humanBody(slot.start), meta: { honeypot: 'x' } });
    const text = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(3);
    for (const secret of ['Ada', 'Grace', 'ada@', 'grace@', token, 'secret-key-9', 'hiring', 'Acme']) expect(text).not.toContain(secret);
  });
});
