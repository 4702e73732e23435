// GET /api/availability's range and the horizon, through app.request with a fixed clock and a real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, AvailabilityResponse } from '../../core/api.ts';
import { bookingBody, duo, testConfig } from '../support/fixtures.ts';
import { stampAt } from '../support/stamp.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';
import { DAY_MS } from '../../core/time.ts';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

const iso = (ms: number) => new Date(ms).toISOString();
const starts = async (query = '') => {
  const res = await h.request(`/api/availability${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as AvailabilityResponse).slots.map((s) => s.start);
};
const issuesOf = async (query: string) => {
  const res = await h.request(`/api/availability${query}`);
  return [res.status, ((await res.json()) as ApiError).error.issues];
};

// Monday 30 November 2026, the 28th day after NOW: New York 08:00 and Berlin 10:00 first meet at 13:00Z.
const MONDAY_FIRST = '2026-11-30T13:00:00.000Z';

describe('the horizon', () => {
  it('offers no start at exactly now + 28 days, and offers it once it lies a quarter hour inside', async () => {
    h.setNow(Date.parse(MONDAY_FIRST) - 28 * DAY_MS);
    expect((await starts()).filter((s) => s.startsWith('2026-11-30'))).toEqual([]);
    h.setNow(Date.parse(MONDAY_FIRST) - 28 * DAY_MS + 15 * 60_000);
    expect((await starts()).filter((s) => s.startsWith('2026-11-30'))).toEqual([MONDAY_FIRST]);
  });

  it('refuses to book a start at exactly now + 28 days with 409 slot_unavailable, and books it a quarter hour later', async () => {
    const body = { ...bookingBody(MONDAY_FIRST), meta: { honeypot: '', stamp: stampAt(Date.parse(MONDAY_FIRST) - 28 * DAY_MS - 60_000) } };
    h.setNow(Date.parse(MONDAY_FIRST) - 28 * DAY_MS);
    const refused = await h.post('/api/bookings', body);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ApiError).error.code).toBe('slot_unavailable');
    h.setNow(Date.parse(MONDAY_FIRST) - 28 * DAY_MS + 15 * 60_000);
    expect((await h.post('/api/bookings', body)).status).toBe(201);
  });
});

describe('the range asked for', () => {
  it('defaults to now .. now + horizon: the first start is a day ahead, the last the Friday before the horizon', async () => {
    const all = await starts();
    expect([all[0], all.at(-1)]).toEqual(['2026-11-03T13:00:00.000Z', '2026-11-27T17:15:00.000Z']);
  });

  it('narrows to from .. to, the end exclusive', async () => {
    expect(await starts(`?from=2026-11-04T17:00:00Z&to=2026-11-04T17:30:00Z`)).toEqual([
      '2026-11-04T17:00:00.000Z',
      '2026-11-04T17:15:00.000Z',
    ]);
  });

  it('may span exactly the horizon, and not a minute more', async () => {
    expect((await h.request(`/api/availability?from=${iso(NOW)}&to=${iso(NOW + 28 * DAY_MS)}`)).status).toBe(200);
    expect(await issuesOf(`?from=${iso(NOW)}&to=${iso(NOW + 28 * DAY_MS + 60_000)}`)).toEqual([
      422,
      [{ path: 'to', message: 'the range may span at most 28 days' }],
    ]);
  });

  it('refuses a reversed range and a time that is not one, each by its parameter', async () => {
    expect(await issuesOf(`?from=${iso(NOW + DAY_MS)}&to=${iso(NOW)}`)).toEqual([422, [{ path: 'to', message: 'must be after from' }]]);
    expect(await issuesOf('?from=tomorrow')).toEqual([
      422,
      [{ path: 'from', message: 'expected an ISO 8601 time such as 2026-12-01T15:00:00Z' }],
    ]);
  });

  it('offers nothing past the horizon, even when the range asked for runs beyond it', async () => {
    const now = Date.parse(MONDAY_FIRST) - 28 * DAY_MS + 15 * 60_000; // the horizon ends Monday 13:15Z
    h.setNow(now);
    expect(await starts(`?from=${iso(now + 27 * DAY_MS)}&to=${iso(now + 40 * DAY_MS)}`)).toEqual([MONDAY_FIRST]);
    expect(await starts(`?from=${iso(now - 10 * DAY_MS)}&to=${iso(now)}`)).toEqual([]);
  });
});

describe('the per-coach daily cap, at booking time', () => {
  // Each call from another duo: one person's address may hold only two upcoming calls.
  const human = (start: string) => ({
    ...bookingBody(start, { people: duo(Date.parse(start)) }),
    meta: { honeypot: '', stamp: h.stamp() },
  });
  const TUESDAY = ['13:00', '14:00', '15:00', '16:00', '17:00'].map((t) => `2026-11-03T${t}:00.000Z`);

  it('without maxPerCoachPerDay, books every free time of one day', async () => {
    expect(h.config.call.maxPerCoachPerDay).toBeUndefined();
    const statuses = [];
    for (const start of TUESDAY) statuses.push((await h.post('/api/bookings', human(start))).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201]);
  });

  it('with a cap of two, refuses a third call that day with 409 slot_unavailable and stops offering the day', async () => {
    h.close();
    const config = testConfig({ call: { maxPerCoachPerDay: 2 } });
    h = harness({ config });
    const answers = [];
    for (const start of TUESDAY.slice(0, 3)) {
      const res = await h.post('/api/bookings', human(start));
      answers.push([res.status, res.status === 201 ? 'created' : ((await res.json()) as ApiError).error.code]);
    }
    expect(answers).toEqual([
      [201, 'created'],
      [201, 'created'],
      [409, 'slot_unavailable'],
    ]);
    const after = await starts();
    expect(after.filter((s) => s.startsWith('2026-11-03'))).toEqual([]);
    expect(after[0]).toBe('2026-11-04T13:00:00.000Z');
  });
});
