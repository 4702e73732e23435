// Property tests for the pool: on random pools (2–5 coaches, with and without listed pairs), calls held by random
// pairs, busy times and "now" beside DST changes, a time is offered if and only if some allowed pair is free then.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pair } from '../../../core/config.ts';
import { choosePair } from '../../../core/pairChoice.ts';
import { freePairsAt, isPoolOffered, poolSlots, type PoolBooking, type PoolQuery } from '../../../core/pool.ts';
import { findSlots, type SlotQuery } from '../../../core/slots.ts';
import { MINUTE_MS } from '../../../core/time.ts';
import { callArb, CHANGES, coachArb, intervals, sometimes, ZONES } from '../../support/slotArbitraries.ts';
import { iso } from '../../support/slotFixtures.ts';
import { oracleFreePairs, oraclePoolSlots, pairKey } from '../../support/poolOracle.ts';

const IDS = ['ana', 'ben', 'cy', 'dee', 'eli'];

const nowArb = fc
  .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * 24 * 60, max: 24 * 60 }))
  .map(([change, m]) => change + m * MINUTE_MS);

// Two distinct indexes below n; index n stands for a coach who has left the pool (weight 0 or gone from the file).
const twoOf = (n: number) => fc.uniqueArray(fc.integer({ min: 0, max: n }), { minLength: 2, maxLength: 2 });

const poolArb = nowArb.chain((now) =>
  fc.integer({ min: 2, max: 5 }).chain((n) => {
    const allPairs: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) allPairs.push([i, j]);
    return fc
      .record({
        call: callArb,
        practiceTimeZone: fc.constantFrom(...ZONES),
        coaches: fc.tuple(...IDS.slice(0, n).map((id) => coachArb(id, now))),
        pairs: fc.option(
          fc
            .subarray(allPairs, { minLength: 1 })
            .chain((ps) => fc.tuple(...ps.map(([i, j]) => fc.boolean().map((flip): Pair => (flip ? [IDS[j], IDS[i]] : [IDS[i], IDS[j]]))))),
          { nil: undefined },
        ),
        calls: fc.array(fc.tuple(intervals(now, 1), twoOf(n)), { maxLength: 7 }),
        busy: fc.tuple(...IDS.slice(0, n).map(() => intervals(now, 3))),
        from: sometimes(fc.integer({ min: 0, max: 3 * 24 * 60 }).map((m) => now + m * MINUTE_MS)),
        to: sometimes(fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => now + m * MINUTE_MS)),
      })
      .map(({ calls, busy, ...rest }): PoolQuery => ({
        ...rest,
        now,
        bookings: calls.flatMap(([list, who]) => list.map((i): PoolBooking => ({ ...i, coaches: who.map((k) => IDS[k]) }))),
        busy: Object.fromEntries(busy.map((b, i) => [IDS[i], b])),
      }));
  }),
);

describe('the pool engine agrees with a minute-by-minute oracle', () => {
  it('offers exactly the starts at which the oracle finds an allowed pair free', () => {
    fc.assert(
      fc.property(poolArb, (q) => {
        expect(poolSlots(q).map((s) => iso(s.start))).toEqual(oraclePoolSlots(q).map(iso));
      }),
      { numRuns: 100 },
    );
  }, 120_000); // the oracle reads every minute through Intl: slow on a loaded machine, never a check of speed

  it('names exactly the free pairs at each offered start, and none at a start not offered', () => {
    fc.assert(
      fc.property(poolArb, fc.array(fc.integer({ min: 0, max: 4 * 24 * 60 }), { maxLength: 12 }), (q, probes) => {
        const offered = new Set(poolSlots(q).map((s) => s.start));
        const times = [...[...offered].slice(0, 12), ...probes.map((m) => q.now + m * MINUTE_MS)];
        for (const t of times) {
          const pairs = freePairsAt(t, q);
          expect(pairs.map(pairKey).sort()).toEqual(oracleFreePairs(q, t));
          expect(isPoolOffered(t, q)).toBe(offered.has(t));
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('the chosen pair is one of the pairs free at that time', () => {
    fc.assert(
      fc.property(poolArb, (q) => {
        for (const slot of poolSlots(q).slice(0, 10)) {
          const choice = choosePair({
            free: freePairsAt(slot.start, q),
            coaches: q.coaches,
            bookings: q.bookings,
            now: q.now,
            horizonDays: q.call.horizonDays,
          });
          expect(oracleFreePairs(q, slot.start)).toContain(pairKey(choice!.pair));
        }
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});

describe('with two coaches the pool is the engine of before', () => {
  const twoArb = nowArb.chain((now) =>
    fc
      .record({
        call: callArb,
        practiceTimeZone: fc.constantFrom(...ZONES),
        coaches: fc.tuple(coachArb('coach-a', now), coachArb('coach-b', now)),
        bookings: intervals(now, 4),
        busyA: intervals(now, 4),
        busyB: intervals(now, 4),
        from: sometimes(fc.integer({ min: 0, max: 3 * 24 * 60 }).map((m) => now + m * MINUTE_MS)),
        to: sometimes(fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => now + m * MINUTE_MS)),
      })
      .map(({ busyA, busyB, ...rest }): SlotQuery => ({ ...rest, now, busy: { 'coach-a': busyA, 'coach-b': busyB } })),
  );

  it('offers exactly what findSlots offers when every call holds both coaches', () => {
    fc.assert(
      fc.property(twoArb, (q) => {
        const pool: PoolQuery = { ...q, bookings: q.bookings.map((b) => ({ ...b, coaches: ['coach-a', 'coach-b'] })) };
        expect(poolSlots(pool)).toEqual(findSlots(q));
      }),
      { numRuns: 200 },
    );
  });
});
