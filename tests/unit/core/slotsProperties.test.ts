// Property tests: on random hours, zones, exceptions, bookings, busy times and "now" around DST changes,
// every offered slot obeys every rule, and the engine agrees exactly with a minute-by-minute oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSlots, isOffered, type SlotQuery } from '../../../core/slots.ts';
import { isOnGrid, isWorking, oracleSlots, WallClock } from '../../support/slotOracle.ts';
import { iso } from '../../support/slotFixtures.ts';
import { callArb, CHANGES, coachArb, intervals, sometimes, ZONES } from '../../support/slotArbitraries.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../core/time.ts';

const queryArb = fc
  .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * 24 * 60, max: 24 * 60 }))
  .map(([change, m]) => change + m * MINUTE_MS)
  .chain((now) =>
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

describe('every offered slot obeys every rule', () => {
  it("lies within both coaches' hours, clear of buffers, on the grid, inside notice..horizon, sorted and unique", () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const slots = findSlots(q);
        const length = q.call.minutes * MINUTE_MS;
        const buffer = q.call.bufferMinutes * MINUTE_MS;
        const practice = new WallClock(q.practiceTimeZone);
        const clocks = q.coaches.map((c) => new WallClock(c.timeZone));
        const blockers = [...q.bookings, ...Object.values(q.busy ?? {}).flat()];
        for (const [i, s] of slots.entries()) {
          expect(s.end - s.start).toBe(length);
          if (i > 0) expect(s.start).toBeGreaterThan(slots[i - 1].start);
          expect(s.start).toBeGreaterThanOrEqual(q.now + q.call.minNoticeHours * HOUR_MS);
          expect(s.start).toBeLessThan(q.now + q.call.horizonDays * DAY_MS);
          if (q.from !== undefined) expect(s.start).toBeGreaterThanOrEqual(q.from);
          if (q.to !== undefined) expect(s.start).toBeLessThan(q.to);
          expect(isOnGrid(practice, s.start, q.call)).toBe(true);
          for (let m = s.start; m < s.end; m += MINUTE_MS) {
            q.coaches.forEach((c, k) => expect(isWorking(c, clocks[k], m)).toBe(true));
          }
          for (const b of blockers) expect(b.start >= s.end + buffer || b.end <= s.start - buffer).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000); // the checks read every minute through Intl: slow on a loaded machine, never a check of speed
});

describe('the engine agrees with a minute-by-minute oracle', () => {
  it('offers exactly the starts the oracle finds', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        expect(findSlots(q).map((s) => iso(s.start))).toEqual(oracleSlots(q).map(iso));
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('the booking re-check accepts exactly the offered starts', () => {
    fc.assert(
      fc.property(queryArb, fc.array(fc.integer({ min: 0, max: 4 * 24 * 60 }), { maxLength: 20 }), (q, probes) => {
        const offered = new Set(findSlots(q).map((s) => s.start));
        for (const s of offered) expect(isOffered(s, q)).toBe(true);
        for (const m of probes) {
          const t = q.now + m * MINUTE_MS;
          expect(isOffered(t, q)).toBe(offered.has(t));
        }
      }),
      { numRuns: 100 },
    );
  });
});
