// Property tests: on random hours, zones, exceptions, bookings, busy times and "now" around DST changes,
// every offered slot obeys every rule, and the engine agrees exactly with a minute-by-minute oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WEEKDAYS, type CallSettings, type Coach } from '../../../core/config.ts';
import type { Interval } from '../../../core/interval.ts';
import { findSlots, isOffered, type SlotQuery } from '../../../core/slots.ts';
import { isOnGrid, isWorking, oracleSlots, WallClock } from '../../support/slotOracle.ts';
import { at, iso } from '../../support/slotFixtures.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../core/time.ts';

// DST changes in 2026 (and zones without DST) so that "now" often sits beside one.
const ZONES = [
  'America/New_York', 'Europe/Berlin', 'Europe/London', 'Australia/Lord_Howe', 'Australia/Sydney',
  'Pacific/Chatham', 'America/St_Johns', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/Sao_Paulo', 'Asia/Tokyo', 'UTC',
];
const CHANGES = [
  '2026-03-08T00:00:00Z', '2026-03-29T00:00:00Z', '2026-04-05T00:00:00Z', '2026-09-27T00:00:00Z',
  '2026-10-04T00:00:00Z', '2026-10-25T00:00:00Z', '2026-11-01T00:00:00Z', '2026-06-15T00:00:00Z',
].map(at);

const hhmm = (quarters: number) =>
  `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;

// A range in quarter hours: mostly long ones, so that two coaches in far-apart zones still overlap,
// and some short ones around 00:00–04:00, where most clocks change.
const range = fc.oneof(
  { weight: 1, arbitrary: fc.constant([0, 96] as [number, number]) },
  { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 24, max: 96 })) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 40 })) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 12 })) },
).map(([a, len]) => `${hhmm(a)}-${hhmm(Math.min(96, a + len))}`);

const ranges = fc.array(range, { minLength: 1, maxLength: 3 });

const coachArb = (id: string, base: number) =>
  fc.record({
    timeZone: fc.constantFrom(...ZONES),
    hours: fc.tuple(...WEEKDAYS.map(() => fc.option(ranges, { nil: undefined }))),
    exceptions: fc.array(fc.record({ day: fc.integer({ min: -1, max: 4 }), hours: fc.oneof(fc.constant<string[]>([]), ranges) }), { maxLength: 2 }),
  }).map(({ timeZone, hours, exceptions }): Coach => ({
    id, name: id, email: `${id}@example.org`, timeZone, busyFeeds: [],
    hours: Object.fromEntries(WEEKDAYS.flatMap((d, i) => (hours[i] ? [[d, hours[i]]] : []))),
    // One exception per date, as a config would hold.
    exceptions: [...new Map(exceptions.map((e) => [iso(base + e.day * DAY_MS).slice(0, 10), e.hours])).entries()]
      .map(([date, h]) => ({ date, hours: h })),
  }));

const intervals = (base: number, maxLength: number) =>
  fc.array(
    fc.tuple(fc.integer({ min: -2 * 24 * 60, max: 5 * 24 * 60 }), fc.integer({ min: 1, max: 180 })),
    { maxLength },
  ).map((list): Interval[] => list.map(([m, len]) => ({ start: base + m * MINUTE_MS, end: base + (m + len) * MINUTE_MS })));

const callArb = fc.record({
  minutes: fc.constantFrom(15, 20, 30, 45, 60, 90),
  stepMinutes: fc.constantFrom(5, 15, 20, 25, 30, 45, 60, 90),
  bufferMinutes: fc.constantFrom(0, 5, 10, 30),
  minNoticeHours: fc.constantFrom(0, 0.5, 1, 6, 24),
  extraDays: fc.integer({ min: 1, max: 2 }),
  maxPerCoachPerDay: fc.constantFrom(undefined, 1, 2),
}).map(({ extraDays, ...c }): CallSettings => ({
  title: 'Call', cancelNoticeHours: 24, horizonDays: Math.ceil(c.minNoticeHours / 24) + extraDays, ...c,
}));

// A from/to bound a third of the time; most queries use the whole window, as the page does.
const sometimes = (arb: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const queryArb = fc.tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -3 * 24 * 60, max: 24 * 60 }))
  .map(([change, m]) => change + m * MINUTE_MS)
  .chain((now) =>
    fc.record({
      call: callArb,
      practiceTimeZone: fc.constantFrom(...ZONES),
      coaches: fc.tuple(coachArb('coach-a', now), coachArb('coach-b', now)),
      bookings: intervals(now, 4),
      busyA: intervals(now, 4),
      busyB: intervals(now, 4),
      from: sometimes(fc.integer({ min: 0, max: 3 * 24 * 60 }).map((m) => now + m * MINUTE_MS)),
      to: sometimes(fc.integer({ min: 0, max: 4 * 24 * 60 }).map((m) => now + m * MINUTE_MS)),
    }).map(({ busyA, busyB, ...rest }): SlotQuery => ({ ...rest, now, busy: { 'coach-a': busyA, 'coach-b': busyB } })));

describe('every offered slot obeys every rule', () => {
  it('lies within both coaches\' hours, clear of buffers, on the grid, inside notice..horizon, sorted and unique', () => {
    fc.assert(fc.property(queryArb, (q) => {
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
    }), { numRuns: 150 });
  });
});

describe('the engine agrees with a minute-by-minute oracle', () => {
  it('offers exactly the starts the oracle finds', () => {
    fc.assert(fc.property(queryArb, (q) => {
      expect(findSlots(q).map((s) => iso(s.start))).toEqual(oracleSlots(q).map(iso));
    }), { numRuns: 200 });
  });

  it('the booking re-check accepts exactly the offered starts', () => {
    fc.assert(fc.property(queryArb, fc.array(fc.integer({ min: 0, max: 4 * 24 * 60 }), { maxLength: 20 }), (q, probes) => {
      const offered = new Set(findSlots(q).map((s) => s.start));
      for (const s of offered) expect(isOffered(s, q)).toBe(true);
      for (const m of probes) {
        const t = q.now + m * MINUTE_MS;
        expect(isOffered(t, q)).toBe(offered.has(t));
      }
    }), { numRuns: 100 });
  });
});
