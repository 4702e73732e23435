// The real server process over real HTTP against a real SQLite file: races, body limits, rate limits and CORS on the wire.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { MINUTE_MS } from '../../core/time.ts';

let server: RunningServer;
let slots: AvailabilityResponse['slots'];

/** One booking attempt from its own client (behind the one trusted proxy); each client of a race in its own /24. */
const book = (start: string, client: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client, ...headers },
    body: JSON.stringify(bookingBody(start)),
  });

/** The live bookings' starts, read through a second connection to the server's own file. */
const liveStarts = async () => {
  const store = openSqliteStore(join(server.dataDir, 'duet.sqlite'));
  try {
    return (await store.reads.liveBookings({ start: 0, end: Number.MAX_SAFE_INTEGER })).map((b) => b.start);
  } finally {
    await store.close();
  }
};

/** The first start t with t, t+15, t+30, t+45 all on offer, on or after `after`. */
function runOfFour(after: number): number {
  const offered = new Set(slots.map((s) => Date.parse(s.start)));
  const t = [...offered].sort((a, b) => a - b).find((s) => s >= after && [1, 2, 3].every((k) => offered.has(s + 15 * k * MINUTE_MS)));
  if (t === undefined) throw new Error('no run of four slots');
  return t;
}

beforeAll(async () => {
  server = await startServer({ config: testConfig({ practice: { trustProxyHops: 1 } }) });
  slots = ((await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse).slots;
});
afterAll(async () => {
  await server?.stop();
});

describe('simultaneous bookings', () => {
  it('of one time: exactly one 201, the other 99 are 409, none is a 5xx', async () => {
    const start = slots[0].start;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => book(start, `10.1.${i + 1}.1`)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    const codes = await Promise.all(
      answers.filter((r) => r.status === 409).map(async (r) => ((await r.json()) as { error: { code: string } }).error.code),
    );
    expect(new Set(codes)).toEqual(new Set(['slot_unavailable']));
    expect((await liveStarts()).filter((b) => b === Date.parse(start))).toHaveLength(1);
  });

  it('of neighbouring times within the buffer: only one of them is booked', async () => {
    const t = runOfFour(Date.parse(slots[0].start) + 2 * 86_400_000);
    const times = [0, 15, 30, 45].map((m) => new Date(t + m * MINUTE_MS).toISOString());
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => book(times[i % 4], `10.2.${i + 1}.1`)));
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(39);
    const booked = (await liveStarts()).filter((b) => b >= t && b < t + 60 * MINUTE_MS);
    expect(booked).toHaveLength(1);
    const body = (await created[0].json()) as BookingCreated;
    expect(Date.parse(body.booking.start)).toBe(booked[0]);
  });
});

describe('request bodies on the wire', () => {
  it('answers 413 to a 1 MB body that declares its length', async () => {
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.200' },
      body: 'x'.repeat(1_000_000),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'too_large', message: 'the body is larger than 65536 bytes' } });
  });

  it('answers 413 to a chunked body with no length once 64 KB have arrived', async () => {
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= 4_000_000) return controller.close();
        sent += 16_384;
        controller.enqueue(new Uint8Array(16_384).fill(0x20));
      },
    });
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.201' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe('the rate limit on the wire', () => {
  it('answers 429 with Retry-After once one client has spent its burst, however it varies the forwarded chain', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 11; i++) {
      last = await fetch(`${server.url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.9.${i}, 203.0.113.77` },
        body: '{',
      });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(10).fill(400), 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (
        await fetch(`${server.url}/api/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.78' },
          body: '{',
        })
      ).status,
    ).toBe(400);
  });
});

describe('CORS on the wire', () => {
  it('allows the configured origin exactly, with the booking headers and no credentials', async () => {
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:8787',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'idempotency-key, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8787');
    expect(res.headers.get('access-control-allow-headers')).toBe('Content-Type,Idempotency-Key');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
  });

  it('refuses a booking posted from another site with 403', async () => {
    const res = await book(slots[5].start, '203.0.113.90', { origin: 'https://attacker.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
  });
});
