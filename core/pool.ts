// The pool's slot engine: the instants when at least one allowed pair of coaches can take the call. Each coach is
// read alone (own hours, own bookings and busy times with the buffers, own daily cap); a booking holds its two only.
import type { CallSettings, Coach, Pair } from './config.ts';
import { intersect, normalize, subtract, type Interval } from './interval.ts';
import { bookingWindow, nextOnGrid, workingIntervals } from './slots.ts';
import { DAY_MS, MINUTE_MS } from './time.ts';
import { zoneSegments } from './zoneOffsets.ts';

/** A live call and the coaches it holds. */
export interface PoolBooking extends Interval {
  /** The ids of the call's coaches (its two; a call booked before the pool holds both configured coaches). */
  coaches: readonly string[];
  /** When the call was booked (epoch ms): the pair choice spreads pairings by it. */
  bookedAt?: number;
}

export interface PoolQuery {
  call: CallSettings;
  practiceTimeZone: string;
  /** The coaches who may take this call, in config order. */
  coaches: readonly Coach[];
  /** The pairs who may coach together; left out, any two of `coaches`. */
  pairs?: readonly Pair[];
  /** "Now" in epoch ms: never read from the clock here. */
  now: number;
  /** Earliest slot start asked for (inclusive). */
  from?: number;
  /** Latest slot start asked for (exclusive). */
  to?: number;
  /** Live calls starting within a day of [from, to + call) at least (the daily cap counts whole local days). */
  bookings: readonly PoolBooking[];
  /** Busy intervals per coach id (from the coaches' calendar feeds). */
  busy?: Readonly<Record<string, readonly Interval[]>>;
}

/** A coach's share of the calls: 1 unless the config says otherwise. */
export const weightOf = (coach: Pick<Coach, 'weight'>): number => coach.weight ?? 1;

/** Who may take a new call: every coach with a weight above 0, and of `pairs` those whose two coaches are among them. */
export function newCallPool(config: { coaches: readonly Coach[]; pairs?: readonly Pair[] }): Pick<PoolQuery, 'coaches' | 'pairs'> {
  const coaches = config.coaches.filter((c) => weightOf(c) > 0);
  if (!config.pairs) return { coaches };
  const ids = new Set(coaches.map((c) => c.id));
  return { coaches, pairs: config.pairs.filter(([a, b]) => ids.has(a) && ids.has(b)) };
}

/** The pairs that may take a call, each in config order ([earlier coach, later coach]), the list in config order. */
export function allowedPairs(q: Pick<PoolQuery, 'coaches' | 'pairs'>): Pair[] {
  const index = new Map(q.coaches.map((c, i) => [c.id, i]));
  if (!q.pairs) {
    const out: Pair[] = [];
    for (let i = 0; i < q.coaches.length; i++) {
      for (let j = i + 1; j < q.coaches.length; j++) out.push([q.coaches[i].id, q.coaches[j].id]);
    }
    return out;
  }
  const seen = new Set<string>();
  return q.pairs
    .filter(([a, b]) => a !== b && index.has(a) && index.has(b))
    .map(([a, b]): Pair => (index.get(a)! < index.get(b)! ? [a, b] : [b, a]))
    .filter(([a, b]) => !seen.has(`${a}\n${b}`) && !!seen.add(`${a}\n${b}`))
    .sort(([a1, b1], [a2, b2]) => index.get(a1)! - index.get(a2)! || index.get(b1)! - index.get(b2)!);
}

/** Every slot start in the window when at least one allowed pair is free, sorted, as [start, start + call.minutes). */
export function poolSlots(q: PoolQuery): Interval[] {
  const window = bookingWindow(q);
  if (!(window.end > window.start)) return [];
  const pairs = q.pairs && allowedPairs(q);
  const needed = pairs ? new Set(pairs.flat()) : undefined;
  const starts = startSets(q, window, needed ? q.coaches.filter((c) => needed.has(c.id)) : q.coaches);
  const open = pairs ? normalize(pairs.flatMap(([a, b]) => intersect(starts.get(a)!, starts.get(b)!))) : atLeastTwo([...starts.values()]);
  return gridStarts(open, window, q.practiceTimeZone, q.call.stepMinutes * MINUTE_MS).map((start) => ({
    start,
    end: start + q.call.minutes * MINUTE_MS,
  }));
}

/** The allowed pairs (config order) who are both free for a call starting exactly at `start`; none if it is off the grid. */
export function freePairsAt(start: number, q: PoolQuery): Pair[] {
  if (!Number.isFinite(start)) return [];
  const window = bookingWindow({ ...q, from: Math.max(q.from ?? -Infinity, start), to: Math.min(q.to ?? Infinity, start + 1) });
  if (!(window.end > window.start)) return [];
  if (gridStarts([window], window, q.practiceTimeZone, q.call.stepMinutes * MINUTE_MS).length === 0) return [];
  const pairs = allowedPairs(q);
  const needed = new Set(pairs.flat());
  const starts = startSets(
    q,
    window,
    q.coaches.filter((c) => needed.has(c.id)),
  );
  const free = (id: string) => starts.get(id)!.some((i) => i.start <= start && start < i.end);
  return pairs.filter(([a, b]) => free(a) && free(b));
}

/** Whether `start` is exactly one of the slots on offer: some allowed pair is free then. */
export function isPoolOffered(start: number, q: PoolQuery): boolean {
  return freePairsAt(start, q).length > 0;
}

/**
 * For each coach, the instants at which a call could start with that coach alone: inside the window, the whole
 * call inside their working hours, its buffered span clear of their own calls and busy times, their day not full.
 */
function startSets(q: PoolQuery, window: Interval, coaches: readonly Coach[]): Map<string, Interval[]> {
  const length = q.call.minutes * MINUTE_MS;
  const buffer = q.call.bufferMinutes * MINUTE_MS;
  const span = { start: window.start, end: window.end + length };
  const held = new Map<string, PoolBooking[]>();
  for (const b of q.bookings) {
    for (const id of b.coaches) {
      const list = held.get(id);
      if (list) list.push(b);
      else held.set(id, [b]);
    }
  }
  const out = new Map<string, Interval[]>();
  for (const coach of coaches) {
    let free = workingIntervals(coach, span.start, span.end);
    if (free.length) {
      const blocked: Interval[] = [];
      for (const list of [held.get(coach.id), q.busy?.[coach.id]]) {
        for (const b of list ?? []) {
          const start = b.start - buffer;
          const end = b.end + buffer;
          if (end > span.start && start < span.end) blocked.push({ start, end });
        }
      }
      free = subtract(free, normalize(blocked));
    }
    // A start t fits a free piece [a, b) when a ≤ t and t + length ≤ b: instants are whole milliseconds.
    const starts: Interval[] = [];
    for (const piece of free) {
      const start = Math.max(piece.start, window.start);
      const end = Math.min(piece.end - length + 1, window.end);
      if (start < end) starts.push({ start, end });
    }
    const full = fullDays(coach, held.get(coach.id) ?? [], q.call.maxPerCoachPerDay);
    out.set(coach.id, full.length && starts.length ? subtract(starts, full) : starts);
  }
  return out;
}

// The instants of the coach's local days on which they already have `cap` calls (counted on that local day).
function fullDays(coach: Coach, calls: readonly PoolBooking[], cap: number | undefined): Interval[] {
  if (!cap || calls.length < cap) return [];
  const counts = new Map<number, number>();
  for (const b of calls) {
    const [seg] = zoneSegments(coach.timeZone, b.start, b.start + 1);
    const day = Math.floor((b.start + seg.offset) / DAY_MS);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return normalize([...counts].filter(([, n]) => n >= cap).flatMap(([day]) => dayInstants(coach.timeZone, day)));
}

// Every instant whose local date in `zone` is `day` (days since 1970-01-01): one stretch, or two where a clock
// falls back across midnight. Offsets stay within ±26 hours, so two days either side cover them.
function dayInstants(zone: string, day: number): Interval[] {
  const out: Interval[] = [];
  for (const seg of zoneSegments(zone, (day - 2) * DAY_MS, (day + 3) * DAY_MS)) {
    const start = Math.max(seg.start, day * DAY_MS - seg.offset);
    const end = Math.min(seg.end, (day + 1) * DAY_MS - seg.offset);
    if (start < end) out.push({ start, end });
  }
  return out;
}

// Where at least two of the lists cover an instant: a sweep over their edges, counting free coaches, with no pairs listed.
function atLeastTwo(lists: readonly Interval[][]): Interval[] {
  const edges: [number, number][] = [];
  for (const list of lists) for (const i of list) edges.push([i.start, 1], [i.end, -1]);
  edges.sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  let count = 0;
  let openedAt = 0;
  for (let k = 0; k < edges.length;) {
    const t = edges[k][0];
    const before = count;
    for (; k < edges.length && edges[k][0] === t; k++) count += edges[k][1];
    if (before < 2 && count >= 2) openedAt = t;
    else if (before >= 2 && count < 2) out.push({ start: openedAt, end: t });
  }
  return out;
}

// The instants in `open` (normalized) that lie on the practice's step grid, within the window.
function gridStarts(open: readonly Interval[], window: Interval, zone: string, step: number): number[] {
  const grid = zoneSegments(zone, window.start, window.end);
  const out: number[] = [];
  let g = 0;
  for (const piece of open) {
    let t = piece.start;
    for (;;) {
      while (g < grid.length && grid[g].end <= t) g++;
      if (g === grid.length) return out;
      t = nextOnGrid(Math.max(t, grid[g].start), grid[g], step);
      if (t >= grid[g].end) {
        t = grid[g].end; // the clock jumped: the grid resumes where the next offset begins
        continue;
      }
      if (t >= piece.end) break;
      out.push(t);
      t += 1;
    }
  }
  return out;
}
