// Small builders for slot-engine tests: a call, a coach and a query, with readable defaults.
import type { CallSettings, Coach } from '../../core/config.ts';
import type { Interval } from '../../core/interval.ts';
import type { SlotQuery } from '../../core/slots.ts';

export const at = (iso: string) => Date.parse(iso);
export const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
export const span = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });

export function call(overrides: Partial<CallSettings> = {}): CallSettings {
  return {
    title: '2:2 Coaching discovery call',
    minutes: 45,
    stepMinutes: 15,
    bufferMinutes: 10,
    minNoticeHours: 24,
    cancelNoticeHours: 24,
    horizonDays: 28,
    ...overrides,
  };
}

export function coach(id: string, timeZone: string, hours: Coach['hours'], exceptions: Coach['exceptions'] = []): Coach {
  return { id, name: id, email: `${id}@example.org`, timeZone, hours, exceptions, busyFeeds: [] };
}

const weekdays = (range: string[]): Coach['hours'] => ({ mon: range, tue: range, wed: range, thu: range, fri: range });

/** Coach A in New York, 09:00–17:00 on weekdays. */
export const newYork = (exceptions: Coach['exceptions'] = []) =>
  coach('coach-a', 'America/New_York', weekdays(['09:00-17:00']), exceptions);

/** Coach B in Berlin, 09:00–18:00 on weekdays. */
export const berlin = (exceptions: Coach['exceptions'] = []) => coach('coach-b', 'Europe/Berlin', weekdays(['09:00-18:00']), exceptions);

export function query(overrides: Partial<SlotQuery> = {}): SlotQuery {
  return {
    call: call(),
    practiceTimeZone: 'America/New_York',
    coaches: [newYork(), berlin()],
    now: at('2026-12-01T12:00:00Z'),
    bookings: [],
    ...overrides,
  };
}

/** The slot starts of one query as ISO instants, the way a test states what it expects. */
export const starts = (slots: readonly Interval[]) => slots.map((s) => iso(s.start));

/** Every step from `first` to `last` inclusive, as ISO instants. */
export function startsEvery(first: string, last: string, stepMinutes = 15): string[] {
  const out: string[] = [];
  for (let t = at(first); t <= at(last); t += stepMinutes * 60_000) out.push(iso(t));
  return out;
}
