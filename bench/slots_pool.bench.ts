// Pool slot engine benchmark: 8 coaches in four zones × 28 days × 1,000 busy events per coach, with calls held by
// pairs; one JSON line without listed pairs (the sweep) and one with twelve listed pairs. Budget: median ≤ 5 ms.
import type { Coach, Pair } from '../core/config.ts';
import type { Interval } from '../core/interval.ts';
import { poolSlots, type PoolBooking, type PoolQuery } from '../core/pool.ts';

const MINUTE = 60_000;
const RUNS = 200;
const DAYS = 28;
const BUSY_EVENTS = 1000; // per coach
const BOOKINGS = 60;

// A fixed pseudo-random sequence, so every run measures the same input.
let seed = 7;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

const week = (ranges: string[]): Coach['hours'] => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });
const ZONES = ['America/New_York', 'Europe/Berlin', 'Europe/London', 'America/Chicago'];
const coaches: Coach[] = Array.from({ length: 8 }, (_, i) => ({
  id: `coach-${i}`,
  name: `Coach ${i}`,
  email: `c${i}@example.org`,
  timeZone: ZONES[i % ZONES.length],
  busyFeeds: [],
  hours: i % 2 ? week(['08:00-12:00', '13:00-19:00']) : { ...week(['09:00-17:00']), sat: ['10:00-14:00'] },
  exceptions: [{ date: '2026-11-05', hours: [] }],
}));

const now = Date.UTC(2026, 9, 20, 13, 7); // across both autumn DST changes
const round = (ms: number) => Math.round(ms * 1000) / 1000;
const events = (count: number, maxMinutes: number): Interval[] =>
  Array.from({ length: count }, () => {
    const start = now + Math.floor(random() * (DAYS + 1) * 96) * 15 * MINUTE;
    return { start, end: start + (15 + Math.floor(random() * maxMinutes)) * MINUTE };
  });

const bookings: PoolBooking[] = events(BOOKINGS, 0).map((b) => {
  const a = Math.floor(random() * 8);
  const c = (a + 1 + Math.floor(random() * 7)) % 8;
  return { start: b.start, end: b.start + 45 * MINUTE, coaches: [`coach-${a}`, `coach-${c}`] };
});
const busy = Object.fromEntries(coaches.map((c) => [c.id, events(BUSY_EVENTS, 30)]));

function measure(pairs?: Pair[]) {
  const query: PoolQuery = {
    call: {
      title: 'Call',
      minutes: 45,
      stepMinutes: 15,
      bufferMinutes: 10,
      minNoticeHours: 24,
      cancelNoticeHours: 24,
      horizonDays: DAYS,
      maxPerCoachPerDay: 3,
    },
    practiceTimeZone: 'America/New_York',
    coaches,
    pairs,
    now,
    bookings,
    busy,
  };
  let offered = 0;
  for (let i = 0; i < 50; i++) offered = poolSlots(query).length; // warm up the JIT and the zone-offset memo
  if (offered === 0) throw new Error('the benchmark input offers no slot: it would measure nothing');
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    poolSlots(query);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'slots_pool',
      coaches: coaches.length,
      ...(pairs ? { pairs: pairs.length } : {}),
      days: DAYS,
      busy_events: BUSY_EVENTS,
      median_ms: round(times[Math.floor(RUNS / 2)]),
      p95_ms: round(times[Math.floor(RUNS * 0.95)]),
      runs: RUNS,
      slots: offered,
    }),
  );
}

measure();
// Twelve of the 28 possible pairs: each coach with the two beside them in a ring of eight, and four across it.
const ring = Array.from({ length: 8 }, (_, i): Pair => [`coach-${i}`, `coach-${(i + 1) % 8}`]);
const across = Array.from({ length: 4 }, (_, i): Pair => [`coach-${i}`, `coach-${i + 4}`]);
measure([...ring, ...across]);
