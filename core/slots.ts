// The slot engine: the instants when both coaches can take the call, from their hours, bookings and busy times.
// Hours are wall-clock rules: an instant is working time when its local date and time in the coach's zone fall
// in that date's ranges, so a skipped hour simply has no instants and a repeated hour has two sets of them.
import { minutesOfDay, WEEKDAYS, type CallSettings, type Coach } from './config.ts';
import { intersect, normalize, subtract, type Interval } from './interval.ts';
import { localDay, segmentAt, zoneSegments, type OffsetSegment } from './zoneOffsets.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './time.ts';

export interface SlotQuery {
  call: CallSettings;
  practiceTimeZone: string;
  coaches: readonly Coach[];
  /** "Now" in epoch ms: never read from the clock here. */
  now: number;
  /** Earliest slot start asked for (inclusive). */
  from?: number;
  /** Latest slot start asked for (exclusive). */
  to?: number;
  /**
   * Live bookings; each one holds both coaches. Pass every live booking that starts within a day of
   * [from, to + call) at least: the per-day cap counts bookings on the coaches' whole local days.
   */
  bookings: readonly Interval[];
  /** Busy intervals per coach id (from the coaches' calendar feeds). */
  busy?: Readonly<Record<string, readonly Interval[]>>;
}

/** The window in which a slot may start: minimum notice to horizon, narrowed by from/to. */
export function bookingWindow(q: Pick<SlotQuery, 'call' | 'now' | 'from' | 'to'>): Interval {
  const start = Math.max(q.from ?? -Infinity, q.now + q.call.minNoticeHours * HOUR_MS);
  const end = Math.min(q.to ?? Infinity, q.now + q.call.horizonDays * DAY_MS);
  return { start, end };
}

/** A coach's working hours as UTC intervals over [from, to), read in the coach's own zone. */
export function workingIntervals(coach: Coach, from: number, to: number): Interval[] {
  if (!(to > from)) return [];
  const plan = weeklyPlan(coach);
  const out: Interval[] = [];
  for (const seg of zoneSegments(coach.timeZone, from, to)) {
    const o = seg.offset;
    const lo = seg.start + o;
    const hi = seg.end + o;
    for (let d = Math.floor(lo / DAY_MS); d * DAY_MS < hi; d++) {
      const ranges = plan.exceptions.get(d) ?? plan.weekly[weekdayIndex(d)];
      for (const [a, b] of ranges) {
        const start = Math.max(d * DAY_MS + a, lo);
        const end = Math.min(d * DAY_MS + b, hi);
        if (start < end) out.push({ start: start - o, end: end - o });
      }
    }
  }
  return normalize(out);
}

interface Plan {
  weekly: [number, number][][];
  exceptions: Map<number, [number, number][]>;
}

// Ranges as [start, end) milliseconds after local midnight, dates as days since 1970-01-01.
// Memoised per coach object: the server holds one config, so this parses once.
const plans = new WeakMap<Coach, Plan>();
function weeklyPlan(coach: Coach): Plan {
  let plan = plans.get(coach);
  if (plan) return plan;
  const parse = (ranges: readonly string[] = []): [number, number][] =>
    ranges.map((r) => {
      const [a, b] = r.split('-');
      return [minutesOfDay(a) * MINUTE_MS, minutesOfDay(b) * MINUTE_MS];
    });
  plan = {
    weekly: WEEKDAYS.map((w) => parse(coach.hours[w])),
    exceptions: new Map(
      coach.exceptions.flatMap((e) => {
        const day = dayNumber(e.date);
        return day === undefined ? [] : [[day, parse(e.hours)] as const];
      }),
    ),
  };
  plans.set(coach, plan);
  return plan;
}

// A date that does not exist (2026-02-30) is ignored rather than rolled over onto another day.
function dayNumber(isoDate: string): number | undefined {
  const [y, m, d] = isoDate.split('-').map(Number);
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? t / DAY_MS : undefined;
}

// 1970-01-01 was a Thursday; WEEKDAYS starts on Monday.
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Every slot start in the window, sorted, as intervals [start, start + call.minutes). */
export function findSlots(q: SlotQuery): Interval[] {
  const window = bookingWindow(q);
  if (!(window.end > window.start)) return [];
  const length = q.call.minutes * MINUTE_MS;
  const buffer = q.call.bufferMinutes * MINUTE_MS;
  const span = { start: window.start, end: window.end + length };

  let open: Interval[] = [span];
  for (const coach of q.coaches) open = intersect(open, workingIntervals(coach, span.start, span.end));
  if (open.length === 0) return [];

  const blocked: Interval[] = [];
  const block = (list: readonly Interval[] | undefined) => {
    for (const b of list ?? []) {
      const start = b.start - buffer;
      const end = b.end + buffer;
      if (end > span.start && start < span.end) blocked.push({ start, end });
    }
  };
  block(q.bookings);
  for (const coach of q.coaches) block(q.busy?.[coach.id]);
  open = subtract(open, normalize(blocked));

  const capped = cappedDays(q, span);
  const step = q.call.stepMinutes * MINUTE_MS;
  const grid = zoneSegments(q.practiceTimeZone, window.start, window.end);
  const slots: Interval[] = [];
  let g = 0;
  for (const piece of open) {
    let t = piece.start;
    for (;;) {
      while (g < grid.length && grid[g].end <= t) g++;
      if (g === grid.length) return slots;
      t = nextOnGrid(Math.max(t, grid[g].start), grid[g], step);
      if (t >= grid[g].end) {
        t = grid[g].end; // the clock jumped: the grid resumes where the next offset begins
        continue;
      }
      if (t + length > piece.end || t >= window.end) break;
      if (!capped || !capped(t)) slots.push({ start: t, end: t + length });
      t += 1;
    }
  }
  return slots;
}

/** The first instant ≥ t, read with this segment's offset, whose local minute of the day is a multiple of the step. */
export function nextOnGrid(t: number, seg: OffsetSegment, step: number): number {
  const local = t + seg.offset;
  const day = Math.floor(local / DAY_MS) * DAY_MS;
  const k = Math.ceil((local - day) / step) * step;
  return (k >= DAY_MS ? day + DAY_MS : day + k) - seg.offset;
}

// A test for "either coach already has the maximum number of calls on this slot's local day", or
// undefined when no cap is set. Day keys are precomputed so the hot loop does only a lookup.
function cappedDays(q: SlotQuery, span: Interval): ((t: number) => boolean) | undefined {
  const cap = q.call.maxPerCoachPerDay;
  if (!cap) return undefined;
  const tests: ((t: number) => boolean)[] = [];
  for (const coach of q.coaches) {
    const counts = new Map<number, number>();
    for (const b of q.bookings) {
      const day = localDay(coach.timeZone, b.start);
      counts.set(day, (counts.get(day) ?? 0) + 1);
    }
    const full = new Set([...counts].filter(([, n]) => n >= cap).map(([d]) => d));
    if (full.size === 0) continue;
    const segs = zoneSegments(coach.timeZone, span.start, span.end);
    tests.push((t) => full.has(Math.floor((t + segmentAt(segs, t).offset) / DAY_MS)));
  }
  return tests.length ? (t) => tests.some((test) => test(t)) : undefined;
}

/** Whether `start` is exactly one of the slots on offer: the server's re-check at booking time. */
export function isOffered(start: number, q: SlotQuery): boolean {
  if (!Number.isFinite(start)) return false;
  const around = { ...q, from: Math.max(q.from ?? -Infinity, start), to: Math.min(q.to ?? Infinity, start + 1) };
  return findSlots(around).some((s) => s.start === start);
}
