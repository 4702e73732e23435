// A deliberately simple reference for the slot engine: walk every minute and test each rule with Intl.
// It shares no code with core/slots.ts beyond the types, so the two can disagree when one is wrong.
import type { CallSettings, Coach } from '../../core/config.ts';
import type { SlotQuery } from '../../core/slots.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';

const WEEKDAY = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' } as const;

export interface Wall {
  date: string;
  minute: number;
  weekday: (typeof WEEKDAY)[keyof typeof WEEKDAY];
}

/** A zone's wall clock through Intl.DateTimeFormat, memoised per minute. */
export class WallClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly memo = new Map<number, Wall>();

  constructor(readonly zone: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  at(t: number): Wall {
    let wall = this.memo.get(t);
    if (wall) return wall;
    const p = Object.fromEntries(this.format.formatToParts(t).map((x) => [x.type, x.value]));
    wall = {
      date: `${p.year}-${p.month}-${p.day}`,
      minute: Number(p.hour) * 60 + Number(p.minute) + Number(p.second) / 60,
      weekday: WEEKDAY[p.weekday as keyof typeof WEEKDAY],
    };
    this.memo.set(t, wall);
    return wall;
  }
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the coach's wall clock at `t` reads a time inside that date's hours (exceptions first). */
export function isWorking(coach: Coach, clock: WallClock, t: number): boolean {
  const wall = clock.at(t);
  const exception = coach.exceptions.find((e) => e.date === wall.date);
  const ranges = exception ? exception.hours : (coach.hours[wall.weekday] ?? []);
  return ranges.some((r) => {
    const [a, b] = r.split('-');
    return toMinutes(a) <= wall.minute && wall.minute < toMinutes(b);
  });
}

/** Whether the practice's wall clock at `t` reads a whole multiple of the step since local midnight. */
export function isOnGrid(clock: WallClock, t: number, call: Pick<CallSettings, 'stepMinutes'>): boolean {
  return clock.at(t).minute % call.stepMinutes === 0;
}

/**
 * Every slot start by brute force: each whole minute in the window is tried against each rule.
 * Assumes every input instant (now, bookings, busy) is a whole minute.
 */
export function oracleSlots(q: SlotQuery): number[] {
  const { call } = q;
  const length = call.minutes * MINUTE_MS;
  const buffer = call.bufferMinutes * MINUTE_MS;
  const earliest = Math.max(q.now + call.minNoticeHours * HOUR_MS, q.from ?? -Infinity);
  const latest = Math.min(q.now + call.horizonDays * DAY_MS, q.to ?? Infinity);
  const practice = new WallClock(q.practiceTimeZone);
  const clocks = q.coaches.map((c) => new WallClock(c.timeZone));
  const blockers = [...q.bookings, ...q.coaches.flatMap((c) => q.busy?.[c.id] ?? [])];

  const overCap = (t: number) => {
    const cap = call.maxPerCoachPerDay;
    if (!cap) return false;
    return clocks.some((clock) => {
      const day = clock.at(t).date;
      return q.bookings.filter((b) => clock.at(b.start).date === day).length >= cap;
    });
  };

  const out: number[] = [];
  for (let t = Math.ceil(earliest / MINUTE_MS) * MINUTE_MS; t < latest; t += MINUTE_MS) {
    if (!isOnGrid(practice, t, call)) continue;
    let fits = true;
    for (let m = t; fits && m < t + length; m += MINUTE_MS) {
      fits = q.coaches.every((c, i) => isWorking(c, clocks[i], m));
    }
    if (!fits) continue;
    if (blockers.some((b) => b.start < t + length + buffer && b.end > t - buffer)) continue;
    if (overCap(t)) continue;
    out.push(t);
  }
  return out;
}
