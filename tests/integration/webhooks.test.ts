// Webhooks end to end: bookings made, moved and cancelled through the real API (app.request, a real SQLite file, a
// movable clock), delivered by the worker to real HTTP receivers on loopback that verify each one with the
// standardwebhooks package. Retries, 410, rotation, personal data, a receiver that hangs, two workers at once.
import { describe, expect, it, vi } from 'vitest';
import type { WebhookPayload } from '../../core/webhookEvents.ts';
import { DAY_MS, HOUR_MS, SECOND_MS } from '../../core/time.ts';
import { silentLogger } from '../../server/logger.ts';
import { erasureMatch } from '../../server/privacy/addressMatch.ts';
import { runRetention } from '../../server/privacy/retention.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { NOW } from '../support/apiHarness.ts';
import { bookingBody, duo } from '../support/fixtures.ts';
import { SECRET, types, webhookHarness } from '../support/webhookHarness.ts';

const NEW_SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

// Tuesday 3 November 2026, 13:00 UTC, and Wednesday 14:00: times both test coaches share.
const FIRST = '2026-11-03T13:00:00.000Z';
const WEDNESDAY = '2026-11-04T14:00:00.000Z';
const ALL = ['booking.created', 'booking.rescheduled', 'booking.cancelled'];

// Marker texts of what is personal: the answers (context, hopes, organisation), the emails, the cancel reason.
const ANSWERS = ['We disagree on hiring.', 'Decide together, faster.', 'Acme'];
const EMAILS = ['ada@example.com', 'grace@example.com'];
const REASON = 'Grace is unwell this week';

const wh = webhookHarness();
const { receiver, worker, setNow } = wh;
const start = (endpoints: unknown[]) => wh.start(endpoints);
const book = (at = FIRST, n?: number) => wh.book(at, n);

describe('webhooks through the real API', () => {
  it('tell of a booking made, moved and cancelled, signed as Standard Webhooks says, numbered per booking', async () => {
    const crm = await receiver();
    start([{ url: crm.url, secret: SECRET, events: ALL, allowLoopback: true }]);
    const w = worker();
    const b = await book();
    expect(await w.flush()).toBe(1);
    setNow(NOW + HOUR_MS);
    expect((await wh.h.post(`/api/bookings/${b.id}/reschedule`, { token: b.token, start: WEDNESDAY })).status).toBe(200);
    expect(await w.flush()).toBe(1);
    setNow(NOW + 2 * HOUR_MS);
    expect((await wh.h.post(`/api/bookings/${b.id}/cancel`, { token: b.token, reason: REASON })).status).toBe(200);
    expect(await w.flush()).toBe(1);

    expect(crm.received.map((r) => r.refused)).toEqual([undefined, undefined, undefined]);
    // Each attempt's own time, in whole seconds; the body's timestamp is when the change happened.
    expect(crm.received.map((r) => r.timestamp)).toEqual([NOW / 1000, NOW / 1000 + 3600, NOW / 1000 + 7200]);
    expect(crm.received.every((r) => /^msg_[A-Za-z0-9_-]+$/.test(r.id) && /^v1,[A-Za-z0-9+/]+=*$/.test(r.signature))).toBe(true);
    expect(new Set(crm.received.map((r) => r.id)).size).toBe(3);

    const coaches = [
      { id: 'maya', name: 'Maya Okafor', holds: 0 },
      { id: 'jonas', name: 'Jonas Weber', holds: 1 },
    ];
    const people = [
      { name: 'Ada Lovelace', timeZone: 'America/New_York' },
      { name: 'Grace Hopper', timeZone: 'Europe/London' },
    ];
    const [created, moved, cancelled] = crm.verified();
    expect(created).toEqual({
      type: 'booking.created',
      timestamp: new Date(NOW).toISOString(),
      data: { sequence: 1, booking: { id: b.id, status: 'confirmed', start: FIRST, end: '2026-11-03T13:45:00.000Z' }, coaches, people },
    });
    expect(moved).toEqual({
      type: 'booking.rescheduled',
      timestamp: new Date(NOW + HOUR_MS).toISOString(),
      data: {
        sequence: 2,
        booking: { id: b.id, status: 'confirmed', start: WEDNESDAY, end: '2026-11-04T14:45:00.000Z' },
        coaches,
        people,
        from: { start: FIRST, end: '2026-11-03T13:45:00.000Z' },
        to: { start: WEDNESDAY, end: '2026-11-04T14:45:00.000Z' },
        by: { role: 'person', person: 0 },
      },
    });
    expect(cancelled).toEqual({
      type: 'booking.cancelled',
      timestamp: new Date(NOW + 2 * HOUR_MS).toISOString(),
      data: {
        sequence: 3,
        booking: { id: b.id, status: 'cancelled', start: WEDNESDAY, end: '2026-11-04T14:45:00.000Z' },
        coaches,
        people,
        by: { role: 'person', person: 0 },
      },
    });
    expect((await wh.h.store.webhooks.ofBooking(b.id)).map((r) => [r.sequence, r.status, r.attempts])).toEqual([
      [1, 'sent', 1],
      [2, 'sent', 1],
      [3, 'sent', 1],
    ]);
  });

  it('queue nothing when the change is refused, and only the events an endpoint asked for', async () => {
    const onlyCancels = await receiver();
    start([{ url: onlyCancels.url, secret: SECRET, events: ['booking.cancelled'], allowLoopback: true }]);
    const w = worker();
    const b = await book();
    // The time is taken: no booking, no webhook.
    const again = { ...bookingBody(FIRST, { people: duo(5) }), meta: { honeypot: '', stamp: wh.h.stamp() } };
    expect((await wh.h.post('/api/bookings', again)).status).toBe(409);
    expect(await w.flush()).toBe(0);
    expect((await wh.h.post(`/api/bookings/${b.id}/cancel`, { token: b.token })).status).toBe(200);
    expect(await w.flush()).toBe(1);
    expect(types(onlyCancels.verified())).toEqual(['1 booking.cancelled']);
  });

  it('are tried again on the schedule after a 500, with the same id and a fresh timestamp, and a receiver orders them by sequence', async () => {
    const crm = await receiver(SECRET, 500);
    start([{ url: crm.url, secret: SECRET, events: ALL, allowLoopback: true }]);
    const w = worker();
    const b = await book();
    expect(await w.flush()).toBe(0);
    expect((await wh.h.post(`/api/bookings/${b.id}/reschedule`, { token: b.token, start: WEDNESDAY })).status).toBe(200);
    // The move goes out at once; the booking itself waits its 5 seconds.
    expect(await w.flush()).toBe(1);
    const [first] = await wh.h.store.webhooks.ofBooking(b.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'http_500', due: NOW + 5 * SECOND_MS });
    setNow(NOW + 5 * SECOND_MS - 1);
    expect(await w.flush()).toBe(0);
    setNow(NOW + 5 * SECOND_MS);
    expect(await w.flush()).toBe(1);

    expect(crm.received.map((r) => [r.answered, r.timestamp])).toEqual([
      [500, NOW / 1000],
      [200, NOW / 1000],
      [200, NOW / 1000 + 5],
    ]);
    expect(crm.received[2].id).toBe(crm.received[0].id);
    expect(crm.received[2].body).toBe(crm.received[0].body);
    // Arrived moved-then-created; the sequence puts them back in order.
    const delivered = crm.received.filter((r) => r.answered === 200).map((r) => r.payload!);
    expect(types(delivered)).toEqual(['2 booking.rescheduled', '1 booking.created']);
    expect(types([...delivered].sort((a, b2) => a.data.sequence - b2.data.sequence))).toEqual([
      '1 booking.created',
      '2 booking.rescheduled',
    ]);
    expect((await wh.h.store.webhooks.ofBooking(b.id)).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 2],
      ['sent', 1],
    ]);
  });

  it('keep trying for about three days on the Standard Webhooks schedule, then give up and say so in /healthz', async () => {
    const down = await receiver(SECRET, ...Array<number>(20).fill(503));
    start([{ url: down.url, secret: SECRET, events: ['booking.created'], allowLoopback: true }]);
    const w = worker();
    const b = await book();
    for (let i = 0; i < 12; i++) {
      await w.flush();
      const [row] = await wh.h.store.webhooks.ofBooking(b.id);
      if (row.status !== 'pending') break;
      setNow(row.due);
    }
    // The specification's table, "time since start": 0, 5 s, 5 min 5 s, 35 min 5 s, 2 h 35 min 5 s … 75 h 35 min 5 s.
    const since = ['0:00:00', '0:00:05', '0:05:05', '0:35:05', '2:35:05', '7:35:05', '17:35:05', '31:35:05', '51:35:05', '75:35:05'];
    const asSeconds = (t: string) =>
      t
        .split(':')
        .map(Number)
        .reduce((s, n) => s * 60 + n, 0);
    expect(down.received.map((r) => r.timestamp - NOW / 1000)).toEqual(since.map(asSeconds));
    expect(down.received.every((r) => r.payload !== undefined)).toBe(true);
    const [row] = await wh.h.store.webhooks.ofBooking(b.id);
    expect(row).toMatchObject({ status: 'failed', attempts: 10, lastError: 'http_503' });
    const health = (await (await wh.h.request('/healthz')).json()) as { webhooks: unknown };
    expect(health.webhooks).toEqual({ pending: 0, failed: 1, oldestPendingAgeMs: 0, disabled: [] });
    expect(wh.h.logs.filter((l) => l.event === 'webhook_given_up')).toHaveLength(1);
  });

  it('stop for an endpoint that answers 410 Gone: it is disabled, logged and shown in /healthz; the others go on', async () => {
    const gone = await receiver(SECRET, 410);
    const crm = await receiver(SECRET);
    start([
      { url: crm.url, secret: SECRET, events: ALL, allowLoopback: true },
      { url: gone.url, secret: SECRET, events: ALL, allowLoopback: true },
    ]);
    const w = worker({ lanes: 1 });
    const b = await book();
    await w.flush();
    expect((await wh.h.post(`/api/bookings/${b.id}/cancel`, { token: b.token })).status).toBe(200);
    await book(WEDNESDAY);
    await w.flush();

    expect(gone.received.map((r) => r.answered)).toEqual([410]);
    expect(types(crm.verified())).toEqual(['1 booking.created', '2 booking.cancelled', '1 booking.created']);
    expect((await wh.h.store.webhooks.ofBooking(b.id)).map((r) => [r.sequence, r.status, r.lastError])).toEqual([
      [1, 'sent', null],
      [1, 'failed', 'gone'],
      [2, 'sent', null],
    ]);
    const health = (await (await wh.h.request('/healthz')).json()) as { webhooks: unknown };
    expect(health.webhooks).toEqual({
      pending: 0,
      failed: 1,
      oldestPendingAgeMs: 0,
      disabled: [{ endpoint: 1, since: new Date(NOW).toISOString(), reason: 'gone' }],
    });
    expect(wh.h.logs.filter((l) => l.event === 'webhook_endpoint_disabled')).toEqual([
      expect.objectContaining({ endpoint: 1, status: 410 }),
    ]);
  });

  it('carry a signature for each secret while one is rotated: a receiver knowing either one verifies', async () => {
    const knowsNew = await receiver(NEW_SECRET);
    const knowsOld = await receiver(SECRET);
    const knowsNeither = await receiver(OTHER_SECRET);
    start([knowsNew, knowsOld, knowsNeither].map((r) => ({ url: r.url, secret: [NEW_SECRET, SECRET], events: ALL, allowLoopback: true })));
    const w = worker();
    await book();
    await w.flush();
    for (const r of [knowsNew, knowsOld, knowsNeither]) expect(r.received[0].signature.split(' ')).toHaveLength(2);
    expect(types(knowsNew.verified())).toEqual(['1 booking.created']);
    expect(types(knowsOld.verified())).toEqual(['1 booking.created']);
    expect(knowsNeither.received.map((r) => r.refused)).toEqual(['No matching signature found']);
  });

  it('name people by name and zone only, unless the endpoint includes personal data: then emails, answers and the reason too', async () => {
    const plain = await receiver();
    const personal = await receiver();
    start([
      { url: plain.url, secret: SECRET, events: ALL, allowLoopback: true },
      { url: personal.url, secret: SECRET, events: ALL, allowLoopback: true, includePersonalData: true },
    ]);
    const w = worker();
    const b = await book();
    expect((await wh.h.post(`/api/bookings/${b.id}/cancel`, { token: b.token, reason: REASON })).status).toBe(200);
    await w.flush();

    const plainText = plain.received.map((r) => r.body).join('\n');
    const personalText = personal.received.map((r) => r.body).join('\n');
    for (const marker of [...ANSWERS, ...EMAILS, REASON, 'CEO']) {
      expect(plainText).not.toContain(marker);
      expect(personalText).toContain(marker);
    }
    for (const text of [plainText, personalText]) expect(text).toContain('Grace Hopper');
    const [, cancelled] = personal.verified();
    expect(cancelled.data.people).toEqual([
      { name: 'Ada Lovelace', timeZone: 'America/New_York', email: 'ada@example.com', role: 'CEO' },
      { name: 'Grace Hopper', timeZone: 'Europe/London', email: 'grace@example.com', role: 'COO' },
    ]);
    expect(cancelled.data.reason).toBe(REASON);
    expect(cancelled.data.intake?.partnership.context).toBe('We disagree on hiring.');
    // Nothing personal, no secret and no address in the log.
    const logs = JSON.stringify(wh.h.logs);
    for (const marker of [...ANSWERS, ...EMAILS, REASON, 'Ada Lovelace', SECRET.slice(6), plain.url, personal.url, '127.0.0.1'])
      expect(logs).not.toContain(marker);
  });

  it('time out a receiver that never answers, without holding up the other endpoint or the server', async () => {
    const stuck = await receiver(SECRET, 'hang');
    const crm = await receiver(SECRET);
    start([
      { url: stuck.url, secret: SECRET, events: ALL, allowLoopback: true },
      { url: crm.url, secret: SECRET, events: ALL, allowLoopback: true },
    ]);
    const w = worker({ timeoutMs: 500 });
    const b = await book();
    const flushed = w.flush();
    // While the stuck receiver holds its request, the other is served and the API answers.
    await vi.waitUntil(() => crm.received.length === 1 && stuck.hanging() === 1, { timeout: 5_000, interval: 10 });
    expect((await wh.h.request('/healthz')).status).toBe(200);
    expect(await flushed).toBe(1);
    expect(stuck.hanging()).toBe(1);
    const rows = await wh.h.store.webhooks.ofBooking(b.id);
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([
      ['pending', 'timeout'],
      ['sent', null],
    ]);
  });

  it('go out only to public addresses: a private one, or this machine by another spelling, is refused when connecting', async () => {
    const local = await receiver();
    // The config takes both (https, not spelled as this machine); the agent refuses them when it connects.
    const port = new URL(local.url).port;
    start([
      { url: `https://[::ffff:127.0.0.1]:${port}/hooks/duet`, secret: SECRET, events: ALL },
      { url: 'https://10.0.0.1/hooks/duet', secret: SECRET, events: ALL },
    ]);
    const w = worker();
    const b = await book();
    await w.flush();
    expect(local.received).toEqual([]);
    expect((await wh.h.store.webhooks.ofBooking(b.id)).map((r) => [r.status, r.lastError])).toEqual([
      ['pending', 'private_address'],
      ['pending', 'private_address'],
    ]);
  });

  it('are delivered once by two instances (two connections to the data) draining the outbox at the same moment', async () => {
    const crm = await receiver();
    start([{ url: crm.url, secret: SECRET, events: ALL, allowLoopback: true }]);
    const ids = [];
    // Four duos: a person's address may hold two upcoming calls at most.
    for (const [n, at] of [FIRST, WEDNESDAY, '2026-11-05T14:00:00.000Z', '2026-11-06T14:00:00.000Z'].entries())
      ids.push((await book(at, n)).id);
    const second = openSqliteStore(wh.h.storeFile);
    const [one, two] = [worker({ owner: 'one' }), worker({ owner: 'two' }, second)];
    try {
      const [a, b2] = await Promise.all([one.flush(), two.flush()]);
      expect(a + b2).toBe(4);
      expect(crm.received).toHaveLength(4);
      expect(new Set(crm.verified().map((p) => p.data.booking.id))).toEqual(new Set(ids));
    } finally {
      await Promise.all([one.stop(), two.stop()]);
      await second.close();
    }
  });

  it("are personal data in the store too: retention deletes a call's webhooks with its answers, erasure those of the address", async () => {
    const crm = await receiver();
    start([{ url: crm.url, secret: SECRET, events: ALL, allowLoopback: true, includePersonalData: true }]);
    const w = worker();
    const kept = await book(WEDNESDAY, 1);
    const old = await book();
    await w.flush();
    expect(wh.h.storeBytes()).toContain('ada@example.com');
    const erased = await wh.h.store.privacy.erase(erasureMatch('ada.1@example.com'), wh.now);
    expect(erased).toMatchObject({ bookings: 1, webhooks: 1, bookingIds: [kept.id] });
    expect(await wh.h.store.webhooks.ofBooking(kept.id)).toEqual([]);
    expect(wh.h.storeBytes()).not.toContain('ada.1@example.com');

    // The invitations went out too (retention keeps mail still waiting to go out).
    for (const r of await wh.h.store.outbox.claim(wh.now, 'mailer', HOUR_MS, 100)) await wh.h.store.outbox.markSent(r.id, 'mailer', wh.now);
    // Retention runs daily (its cut-off moves a day or two a run) until 180 days after the call.
    const total = { bookings: 0, webhooks: 0 };
    for (let day = 0; day <= 182; day++) {
      const counts = await runRetention({ store: wh.h.store, retentionDays: 180, clock: () => NOW + day * DAY_MS, log: silentLogger });
      total.bookings += counts.bookings;
      total.webhooks += counts.webhooks;
    }
    expect(total).toEqual({ bookings: 1, webhooks: 1 });
    expect(await wh.h.store.webhooks.ofBooking(old.id)).toEqual([]);
    for (const marker of [...EMAILS, 'Ada Lovelace', ...ANSWERS]) expect(wh.h.storeBytes()).not.toContain(marker);
  });
});
