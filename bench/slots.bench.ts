// Slot engine benchmark: 2 coaches × N days × 1,000 busy events (plus a few dozen bookings), one JSON line each.
// It prints 28 days (budget: median ≤ 2 ms), then 130 days to show the growth.
import type { Coach } from '../core/config.ts';
import type { Interval } from '../core/interval.ts';
import { findSlots, type SlotQuery } from '../core/slots.ts';
import { MINUTE_MS } from '../core/time.ts';

const RUNS = 200;
const BUSY_EVENTS = 1000;
const BOOKINGS = 40;

// A fixed pseudo-random sequence, so every run measures the same input.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const week = (ranges: string[]): Coach['hours'] => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });
const coaches: Coach[] = [
  {
    id: 'coach-a',
    name: 'Coach A',
    email: 'a@example.org',
    timeZone: 'America/New_York',
    busyFeeds: [],
    hours: week(['08:00-12:00', '13:00-18:00']),
    exceptions: [{ date: '2026-12-24', hours: [] }],
  },
  {
    id: 'coach-b',
    name: 'Coach B',
    email: 'b@example.org',
    timeZone: 'Europe/Berlin',
    busyFeeds: [],
    hours: { ...week(['09:00-20:00']), sat: ['10:00-14:00'] },
    exceptions: [{ date: '2026-12-10', hours: ['15:00-22:00'] }],
  },
];

const now = Date.UTC(2026, 9, 20, 13, 7); // across both autumn DST changes
const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** One JSON line for a horizon of `days`: the same busy load spread over a longer stretch. */
function measure(days: number) {
  const events = (count: number, maxMinutes: number): Interval[] =>
    Array.from({ length: count }, () => {
      const start = now + Math.floor(random() * (days + 1) * 96) * 15 * MINUTE_MS;
      return { start, end: start + (15 + Math.floor(random() * maxMinutes)) * MINUTE_MS };
    });

  const query: SlotQuery = {
    call: {
      title: 'Call',
      minutes: 45,
      stepMinutes: 15,
      bufferMinutes: 10,
      minNoticeHours: 24,
      cancelNoticeHours: 24,
      horizonDays: days,
      maxPerCoachPerDay: 3,
    },
    practiceTimeZone: 'America/New_York',
    coaches,
    now,
    bookings: events(BOOKINGS, 30).map((b) => ({ start: b.start, end: b.start + 45 * MINUTE_MS })),
    busy: { 'coach-a': events(BUSY_EVENTS / 2, 30), 'coach-b': events(BUSY_EVENTS / 2, 30) },
  };

  let offered = 0;
  for (let i = 0; i < 50; i++) offered = findSlots(query).length; // warm up the JIT and the zone-offset memo
  if (offered === 0) throw new Error('the benchmark input offers no slot: it would measure nothing');

  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    findSlots(query);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'slots',
      coaches: coaches.length,
      days,
      busy_events: BUSY_EVENTS,
      median_ms: round(times[Math.floor(RUNS / 2)]),
      p95_ms: round(times[Math.floor(RUNS * 0.95)]),
      runs: RUNS,
    }),
  );
}

// 28 days is the budgeted figure; 130 days shows how it grows with the horizon.
measure(28);
measure(130);
