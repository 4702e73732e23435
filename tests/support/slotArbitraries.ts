// Random inputs for the slot engines' property tests: zones around DST changes, hours, exceptions, calls, intervals.
import fc from 'fast-check';
import { WEEKDAYS, type CallSettings, type Coach } from '../../core/config.ts';
import type { Interval } from '../../core/interval.ts';
import { DAY_MS, MINUTE_MS } from '../../core/time.ts';
import { at, iso } from './slotFixtures.ts';

// DST changes in 2026 (and zones without DST) so that "now" often sits beside one.
export const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Europe/London',
  'Australia/Lord_Howe',
  'Australia/Sydney',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  'Asia/Tokyo',
  'UTC',
];
export const CHANGES = [
  '2026-03-08T00:00:00Z',
  '2026-03-29T00:00:00Z',
  '2026-04-05T00:00:00Z',
  '2026-09-27T00:00:00Z',
  '2026-10-04T00:00:00Z',
  '2026-10-25T00:00:00Z',
  '2026-11-01T00:00:00Z',
  '2026-06-15T00:00:00Z',
].map(at);

const hhmm = (quarters: number) => `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;

// A range in quarter hours: mostly long ones, so that two coaches in far-apart zones still overlap,
// and some short ones around 00:00–04:00, where most clocks change.
const range = fc
  .oneof(
    { weight: 1, arbitrary: fc.constant([0, 96] as [number, number]) },
    { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 24, max: 96 })) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 40 })) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1, max: 12 })) },
  )
  .map(([a, len]) => `${hhmm(a)}-${hhmm(Math.min(96, a + len))}`);

const ranges = fc.array(range, { minLength: 1, maxLength: 3 });

export const coachArb = (id: string, base: number) =>
  fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      hours: fc.tuple(...WEEKDAYS.map(() => fc.option(ranges, { nil: undefined }))),
      exceptions: fc.array(fc.record({ day: fc.integer({ min: -1, max: 4 }), hours: fc.oneof(fc.constant<string[]>([]), ranges) }), {
        maxLength: 2,
      }),
    })
    .map(({ timeZone, hours, exceptions }): Coach => ({
      id,
      name: id,
      email: `${id}@example.org`,
      timeZone,
      busyFeeds: [],
      hours: Object.fromEntries(WEEKDAYS.flatMap((d, i) => (hours[i] ? [[d, hours[i]]] : []))),
      // One exception per date, as a config would hold.
      exceptions: [...new Map(exceptions.map((e) => [iso(base + e.day * DAY_MS).slice(0, 10), e.hours])).entries()].map(([date, h]) => ({
        date,
        hours: h,
      })),
    }));

export const intervals = (base: number, maxLength: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: -2 * 24 * 60, max: 5 * 24 * 60 }), fc.integer({ min: 1, max: 180 })), { maxLength })
    .map((list): Interval[] => list.map(([m, len]) => ({ start: base + m * MINUTE_MS, end: base + (m + len) * MINUTE_MS })));

export const callArb = fc
  .record({
    minutes: fc.constantFrom(15, 20, 30, 45, 60, 90),
    stepMinutes: fc.constantFrom(5, 15, 20, 25, 30, 45, 60, 90),
    bufferMinutes: fc.constantFrom(0, 5, 10, 30),
    minNoticeHours: fc.constantFrom(0, 0.5, 1, 6, 24),
    extraDays: fc.integer({ min: 1, max: 2 }),
    maxPerCoachPerDay: fc.constantFrom(undefined, 1, 2),
  })
  .map(({ extraDays, ...c }): CallSettings => ({
    title: 'Call',
    cancelNoticeHours: 24,
    horizonDays: Math.ceil(c.minNoticeHours / 24) + extraDays,
    ...c,
  }));

// A from/to bound a third of the time; most queries use the whole window, as the page does.
export const sometimes = (arb: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
