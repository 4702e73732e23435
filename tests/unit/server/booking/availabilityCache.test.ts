// The availability cache: whatever range is asked, the answer is the slot engine's for exactly that range; random
// ranges cannot push out the answers everyone asks for; each answer is computed and compressed once.
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSlots } from '../../../../core/slots.ts';
import { availabilityCache } from '../../../../server/booking/availabilityCache.ts';
import { slotQuery, type BookingDeps } from '../../../../server/booking/bookingDeps.ts';
import type { Store } from '../../../../server/store/port.ts';
import { openSqliteStore } from '../../../../server/store/sqlite/sqliteStore.ts';
import { writeBooking } from '../../../support/storeWrites.ts';
import { bookingBody } from '../../../support/fixtures.ts';
import * as v from 'valibot';
import { BookingRequestSchema } from '../../../../core/intake.ts';
import { testConfig } from '../../../support/fixtures.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-02T12:03:20Z');
const iso = (ms: number) => new Date(ms).toISOString();

let store: Store;
let deps: BookingDeps;
let now: number;
beforeEach(() => {
  store = openSqliteStore(':memory:');
  now = NOW;
  deps = { config: testConfig(), store, clock: () => now, busy: () => ({}) };
});
afterEach(() => store.close());

/** The slot engine's own answer for the range exactly as asked, with no cache and no rounding. */
async function engine(from: number, to: number) {
  const live = await store.reads.liveBookings({ start: from - 2 * DAY, end: to + 2 * DAY });
  return findSlots(slotQuery(deps, now, live, from, to)).map((s) => ({ start: iso(s.start), end: iso(s.end) }));
}

const slotsOf = async (answer: ReturnType<ReturnType<typeof availabilityCache>>) => {
  const a = await answer;
  if (!a.ok) throw new Error('refused');
  return JSON.parse(a.body.json).slots;
};

describe('the availability cache', () => {
  it('answers any range within the horizon exactly as the slot engine does for that range', async () => {
    const answer = availabilityCache(deps);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -DAY, max: 29 * DAY }),
        fc.integer({ min: 1, max: 28 * DAY }),
        fc.integer({ min: 0, max: 20 * MINUTE }),
        async (offset, span, later) => {
          now = NOW + later;
          const from = NOW + offset;
          const to = Math.min(from + span, now + 28 * DAY + offset);
          if (to - from > 28 * DAY || to <= from) return;
          expect(await slotsOf(answer(iso(from), iso(to)))).toEqual(await engine(from, to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('computes one answer for questions that differ only between grid points, and serves the same bytes again', async () => {
    const answer = availabilityCache(deps);
    const first = await answer('2026-11-05T09:01:00Z', '2026-11-06T10:59:00Z');
    const second = await answer('2026-11-05T09:14:59.500Z', '2026-11-06T10:46:00Z');
    expect(answer.computed()).toBe(1);
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(second.body).toBe(first.body);
    expect(first.body.gzip && gunzipSync(first.body.gzip).toString()).toBe(first.body.json);
    now += 10 * MINUTE; // later within the same quarter hour: the default range is the same question
    await answer(undefined, undefined);
    await answer(undefined, undefined);
    expect(answer.computed()).toBe(2);
  });

  it('keeps an answer that is asked for while random ranges come and go, and holds no more than its bound', async () => {
    const answer = availabilityCache(deps, { maxEntries: 8 });
    const popular = await answer(undefined, undefined);
    for (let i = 0; i < 200; i++) {
      const from = NOW + DAY + i * 37 * MINUTE;
      await answer(iso(from), iso(from + ((i % 5) + 1) * DAY));
      // The very same entry, not one computed again.
      if (i % 4 === 0) expect(((await answer(undefined, undefined)) as { body: unknown }).body).toBe((popular as { body: unknown }).body);
    }
    expect(answer.size()).toBeLessThanOrEqual(8);
    // Far more answers went through than the cache holds: the popular one stayed because it was asked for.
    expect(answer.computed()).toBeGreaterThan(40);
    expect(answer.computed()).toBeLessThanOrEqual(201);
  });

  it('forgets every answer once a booking is written', async () => {
    const answer = availabilityCache(deps);
    const before = await slotsOf(answer(undefined, undefined));
    const slot = before[0];
    await writeBooking(
      store,
      deps.config,
      v.parse(BookingRequestSchema, bookingBody(slot.start)).intake,
      'b1',
      Date.parse(slot.start),
      NOW,
    );
    const after = await slotsOf(answer(undefined, undefined));
    expect(after.map((s: { start: string }) => s.start)).not.toContain(slot.start);
    expect(after).toEqual(await engine(NOW, NOW + 28 * DAY));
  });
});
