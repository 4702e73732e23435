// The slot engine: the instants when both coaches can take the call, from their hours, bookings and busy times.
import { DateTime, IANAZone } from 'luxon';
import { minutesOfDay, WEEKDAYS, type CallSettings, type Coach } from './config.ts';
import { intersect, normalize, subtract, type Interval } from './interval.ts';

export interface SlotQuery {
  call: CallSettings;
  practiceTimeZone: string;
  coaches: readonly Coach[];
  /** "Now" in epoch ms: never read from the clock here. */
  now: number;
  from?: number;
  to?: number;
  /** Live bookings; each one holds both coaches. */
  bookings: readonly Interval[];
  /** Busy intervals per coach id (from the coaches' calendar feeds). */
  busy?: Readonly<Record<string, readonly Interval[]>>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The window in which a slot may start: minimum notice to horizon, narrowed by from/to. */
export function bookingWindow(q: Pick<SlotQuery, 'call' | 'now' | 'from' | 'to'>): Interval {
  const start = Math.max(q.from ?? -Infinity, q.now + q.call.minNoticeHours * HOUR);
  const end = Math.min(q.to ?? Infinity, q.now + q.call.horizonDays * DAY);
  return { start, end };
}

/** A coach's working hours as UTC intervals over [from, to), read in the coach's own zone. */
export function workingIntervals(coach: Coach, from: number, to: number): Interval[] {
  const exceptions = new Map(coach.exceptions.map((e) => [e.date, e.hours]));
  const out: Interval[] = [];
  let day = DateTime.fromMillis(from, { zone: coach.timeZone }).startOf('day').minus({ days: 1 });
  const last = DateTime.fromMillis(to, { zone: coach.timeZone }).endOf('day');
  while (day <= last) {
    const ranges = exceptions.get(day.toISODate()!) ?? coach.hours[WEEKDAYS[day.weekday - 1]] ?? [];
    for (const range of ranges) {
      const [a, b] = range.split('-');
      out.push({ start: localInstant(day, minutesOfDay(a)), end: localInstant(day, minutesOfDay(b)) });
    }
    day = day.plus({ days: 1 });
  }
  return normalize(out);
}

// A local wall time on `day` as an instant. A wall time skipped by a DST change maps to the
// moment the clock resumes, so hours that begin inside the gap begin when the gap ends.
function localInstant(day: DateTime, minutes: number): number {
  if (minutes >= 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

/** Every slot start in the window, sorted, as intervals [start, start + call.minutes). */
export function findSlots(q: SlotQuery): Interval[] {
  const window = bookingWindow(q);
  if (window.end <= window.start) return [];
  const length = q.call.minutes * MINUTE;
  const buffer = q.call.bufferMinutes * MINUTE;
  const span = { from: window.start - DAY, to: window.end + length + DAY };

  let open = [{ start: window.start, end: window.end + length }];
  const blocked: Interval[] = q.bookings.map((b) => ({ start: b.start - buffer, end: b.end + buffer }));
  for (const coach of q.coaches) {
    open = intersect(open, workingIntervals(coach, span.from, span.to));
    for (const b of q.busy?.[coach.id] ?? []) blocked.push({ start: b.start - buffer, end: b.end + buffer });
  }
  open = subtract(open, normalize(blocked));

  const full = fullDays(q);
  const step = q.call.stepMinutes * MINUTE;
  const zone = IANAZone.create(q.practiceTimeZone);
  const slots: Interval[] = [];
  for (const piece of open) {
    let t = alignUp(piece.start, step, zone);
    while (t + length <= piece.end && t < window.end) {
      if (!isCapped(t, q, full)) slots.push({ start: t, end: t + length });
      t = alignUp(t + step, step, zone);
    }
  }
  return slots;
}

// The first instant ≥ t whose wall-clock minute in the practice's zone is on the step grid.
function alignUp(t: number, step: number, zone: IANAZone): number {
  const offset = zone.offset(t) * MINUTE;
  const local = t + offset;
  const aligned = Math.ceil(local / step) * step - offset;
  return aligned < t ? aligned + step : aligned;
}

// Local dates (per coach) on which the coach already has the maximum number of calls.
function fullDays(q: SlotQuery): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const cap = q.call.maxPerCoachPerDay;
  if (!cap) return out;
  for (const coach of q.coaches) {
    const counts = new Map<string, number>();
    for (const b of q.bookings) {
      const date = DateTime.fromMillis(b.start, { zone: coach.timeZone }).toISODate()!;
      counts.set(date, (counts.get(date) ?? 0) + 1);
    }
    out.set(coach.id, new Set([...counts].filter(([, n]) => n >= cap).map(([d]) => d)));
  }
  return out;
}

function isCapped(t: number, q: SlotQuery, full: Map<string, Set<string>>): boolean {
  if (full.size === 0) return false;
  return q.coaches.some((c) => full.get(c.id)?.has(DateTime.fromMillis(t, { zone: c.timeZone }).toISODate()!));
}

/** Whether `start` is exactly one of the slots on offer: the server's re-check at booking time. */
export function isOffered(start: number, q: SlotQuery): boolean {
  const around = { ...q, from: Math.max(q.from ?? -Infinity, start), to: Math.min(q.to ?? Infinity, start + 1) };
  return findSlots(around).some((s) => s.start === start);
}
