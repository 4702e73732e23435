// Races in the pool over real HTTP: the real server process, 100 simultaneous requests for one time, each from its
// own client and its own duo. Four free coaches make exactly two calls with disjoint pairs; one allowed pair, one call.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { duoBody, poolConfig } from '../support/poolFixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function race(pairs?: [string, string][]) {
  server = await startServer({ config: poolConfig({ pairs, practice: { trustProxyHops: 1 } }) });
  const url = server.url;
  const { slots } = (await (await fetch(`${url}/api/availability`)).json()) as AvailabilityResponse;
  // The first time all four coaches are free: Tuesday 13:00 UTC (12:00 has Ben and Cy only).
  const start = slots.find((s) => s.start.endsWith('T13:00:00.000Z'))!.start;
  const answers = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      fetch(`${url}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i + 1}.1` },
        body: JSON.stringify(duoBody(start, i + 1)),
      }),
    ),
  );
  const created = await Promise.all(answers.filter((r) => r.status === 201).map(async (r) => (await r.json()) as BookingCreated));
  const refused = await Promise.all(
    answers.filter((r) => r.status !== 201).map(async (r) => [r.status, ((await r.json()) as { error: { code: string } }).error.code]),
  );
  // What the file holds, through a store of this test's own on the same data.
  const store = openSqliteStore(join(server.dataDir, 'duet.sqlite'));
  try {
    const at = Date.parse(start);
    const live = await store.reads.liveBookings({ start: at, end: at + 1 });
    const stored = await Promise.all(
      created.map(async (c) => ({ id: c.booking.id, pair: (await store.reads.booking(c.booking.id))!.coaches.map((x) => x.id).join('+') })),
    );
    return { created, refused, stored, live };
  } finally {
    await store.close();
  }
}

describe('simultaneous bookings of one time in a pool of four', () => {
  it('make exactly two calls with disjoint pairs; the other 98 are 409, none a 5xx', async () => {
    const { created, refused, stored, live } = await race();
    expect(created).toHaveLength(2);
    expect(refused).toEqual(Array(98).fill([409, 'slot_unavailable']));
    const coaches = created.flatMap((c) => c.booking.coaches.map((x) => x.id));
    expect(new Set(coaches).size).toBe(4);
    expect(live.map((b) => [...b.coaches].sort().join('+')).sort()).toEqual(stored.map((s) => s.pair.split('+').sort().join('+')).sort());
    expect(stored.map((s) => s.pair)).toEqual(created.map((c) => c.booking.coaches.map((x) => x.id).join('+')));
  });

  it('with pairs allowing one pair only, make exactly one call', async () => {
    const { created, refused, live } = await race([['maya', 'ben']]);
    expect(created).toHaveLength(1);
    expect(created[0].booking.coaches.map((c) => c.id)).toEqual(['maya', 'ben']);
    expect(refused).toEqual(Array(99).fill([409, 'slot_unavailable']));
    expect(live.map((b) => b.coaches)).toEqual([['maya', 'ben']]);
  });
});
