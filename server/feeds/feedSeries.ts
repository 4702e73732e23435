// The instances of one event over a window: a single event, or a series (RRULE, RDATE, EXDATE) with its
// overridden instances (RECURRENCE-ID, also RANGE=THISANDFUTURE), each as an interval of instants.
import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import type { Interval } from '../../core/interval.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../../core/time.ts';
import { OverBudget, type Meter } from './feedBudget.ts';
import type { EventModel, Length, WallTime } from './feedEvent.ts';
import { instantToWall, timeAt, wallDate, wallOf, wallToInstant, type FeedZone } from './feedTime.ts';
import type { ZoneResolver } from './feedZones.ts';

export interface ExpandContext {
  from: number;
  to: number;
  resolver: ZoneResolver;
  meter: Meter;
  out: Interval[];
  skipped: string[];
}

/** An instance given its own VEVENT (a RECURRENCE-ID); `free` when it blocks nothing. */
export interface Override {
  model: EventModel;
  free: boolean;
}

const UTC: FeedZone = { kind: 'iana', zone: IANAZone.create('UTC') };
/** Recurrence is wall-clock arithmetic: series iterate in this zone (offset 0) and are read in theirs after. */
const WALL = ICAL.Timezone.utcTimezone;

function zoneOf(t: WallTime, ctx: ExpandContext): FeedZone {
  if (t.utc) return UTC;
  return t.date ? ctx.resolver.coach : ctx.resolver.zone(t.tzid);
}

/** The instant a time names: UTC, its TZID's zone, or (floating, or a date) the coach's zone. */
export function instantOf(t: WallTime, ctx: ExpandContext): number {
  return t.utc ? t.wall : wallToInstant(t.wall, zoneOf(t, ctx));
}

// Nominal days on the wall clock, then exact time (RFC 5545 3.3.6).
function after(wall: number, zone: FeedZone, length: Length): number {
  return wallToInstant(wall + length.days * DAY_MS, zone) + length.ms;
}

/** The interval of a one-off event (or an overridden instance): DTEND, else DURATION, else RFC 5545's defaults. */
export function singleInterval(ev: EventModel, ctx: ExpandContext): Interval {
  const zone = zoneOf(ev.start, ctx);
  const start = instantOf(ev.start, ctx);
  if (ev.start.date) return { start, end: wallToInstant(ev.start.wall + allDayLength(ev) * DAY_MS, zone) };
  let end: number;
  if (ev.end) end = instantOf(ev.end, ctx);
  else if (ev.length) end = after(ev.start.wall, zone, ev.length);
  else end = start; // a date-time without DTEND or DURATION takes no time
  // Written the wrong way round (seen in the wild): the event still takes that time.
  return end < start ? { start: end, end: start } : { start, end };
}

/** Whole days of an all-day event: DTEND's date, DURATION's days, else one; an end not after the start is one day too. */
function allDayLength(ev: EventModel): number {
  const days = ev.end
    ? Math.round((Math.floor(ev.end.wall / DAY_MS) * DAY_MS - ev.start.wall) / DAY_MS)
    : ev.length
      ? ev.length.days + Math.floor(ev.length.ms / DAY_MS)
      : 1;
  return Math.max(1, days);
}

function push(ctx: ExpandContext, start: number, end: number) {
  if (end <= ctx.from || start >= ctx.to || end <= start) return;
  ctx.meter.instance();
  ctx.out.push({ start, end });
}

interface FutureChange {
  from: number;
  delta: number;
  length: number;
  free: boolean;
}

/** The busy instances of a series in [ctx.from, ctx.to). */
export function expandSeries(ev: EventModel, free: boolean, overrides: readonly Override[], ctx: ExpandContext): void {
  const allDay = ev.start.date;
  const zone = zoneOf(ev.start, ctx);
  const first = singleInterval(ev, ctx);
  // Timed series repeat the first instance's exact length (or its DURATION); all-day series whole dates.
  const days = allDay ? allDayLength(ev) : 0;
  const exact = ev.length && !ev.end ? null : first.end - first.start;
  const occurrence = (wall: number, s: number): number => {
    if (allDay) return wallToInstant(wall + days * DAY_MS, zone);
    return exact === null ? after(wall, zone, ev.length as Length) : s + exact;
  };

  // Which instances are excluded or replaced: by instant, or by date (a DATE value, or any value on an all-day series).
  const keyOf = (t: WallTime) => (t.date || allDay ? `D${wallDate(t.wall)}` : `T${instantOf(t, ctx)}`);
  const excluded = new Set(ev.exdates.map(keyOf));
  const replaced = new Set<string>();
  const changes: FutureChange[] = [];
  for (const o of overrides) {
    const rid = o.model.recurrenceId;
    if (!rid) continue;
    replaced.add(keyOf(rid));
    if (o.model.thisAndFuture) {
      const own = singleInterval(o.model, ctx);
      const from = allDay || rid.date ? wallToInstant(rid.wall, zone) : instantOf(rid, ctx);
      changes.push({ from, delta: own.start - from, length: own.end - own.start, free: o.free });
    }
  }
  changes.sort((a, b) => a.from - b.from);
  if (free && !changes.some((c) => !c.free)) return;
  const earlier = Math.max(0, ...changes.map((c) => -c.delta));

  const length = allDay ? days * DAY_MS : first.end - first.start;
  // An instance starting before this cannot reach the window: its length, and an earlier THISANDFUTURE move.
  const reach = length + earlier + (allDay ? DAY_MS : 0);
  const longest = length + 2 * DAY_MS;
  const later = Math.max(0, ...changes.map((c) => c.delta));
  const seen = new Set<number>(); // an RDATE or DTSTART that the rule also gives counts once

  /** One instance starting at `wall` (the series' wall clock); false once instances begin after the window. */
  const add = (wall: number, start?: number, end?: number): boolean => {
    let s = start ?? wallToInstant(wall, zone);
    if (s >= ctx.to + earlier) return false;
    if (s + longest + later < ctx.from) return true;
    const dateKey = `D${wallDate(wall)}`;
    const key = allDay ? dateKey : `T${s}`;
    if (excluded.has(key) || excluded.has(dateKey) || replaced.has(key) || replaced.has(dateKey)) return true;
    let e = end ?? occurrence(wall, s);
    let isFree = free;
    for (let i = changes.length - 1; i >= 0; i--) {
      const c = changes[i];
      if (s > c.from) {
        s += c.delta;
        e = s + c.length;
        isFree = c.free;
        break;
      }
    }
    if (isFree || e <= ctx.from || s >= ctx.to || seen.has(s)) return true;
    seen.add(s);
    push(ctx, s, e);
    return true;
  };

  for (const recur of ev.rrules) {
    try {
      const { rule, from } = iteration(recur, ev.start.wall, allDay, zone, earliestWall(ctx.from - reach, zone));
      const it = rule.iterator(from);
      for (let occ = it.next(); occ; occ = it.next()) {
        ctx.meter.step();
        if (!add(wallOf(occ))) break;
      }
    } catch (err) {
      if (err instanceof OverBudget) throw err;
      ctx.skipped.push(`line ${ev.line}: an RRULE of this event cannot be expanded; that property is ignored`);
    }
  }
  // DTSTART is always an instance, whether or not it matches the rule (RFC 5545 3.8.5.3).
  add(ev.start.wall);
  for (const r of ev.rdates) {
    ctx.meter.step();
    if (r.start.date && !allDay && !r.end && !r.length) {
      add(r.start.wall);
      continue;
    }
    const s = instantOf(r.start, ctx);
    const e = r.end ? instantOf(r.end, ctx) : r.length ? after(r.start.wall, zoneOf(r.start, ctx), r.length) : undefined;
    add(r.start.utc ? instantToWall(s, zone) : r.start.wall, s, e);
  }
}

/**
 * A wall-clock time no later than that of any instant from `instant` on. The wall clock only runs back
 * when the clocks go back: two hours of slack when that may happen near `instant`, none otherwise.
 */
function earliestWall(instant: number, zone: FeedZone): number {
  const wall = instantToWall(instant, zone);
  const steady = wall - instant === instantToWall(instant + 2 * DAY_MS, zone) - (instant + 2 * DAY_MS);
  return steady ? wall : wall - 2 * HOUR_MS;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const UNIT: Record<string, number> = { SECONDLY: SECOND_MS, MINUTELY: MINUTE_MS, HOURLY: HOUR_MS, DAILY: DAY_MS, WEEKLY: 7 * DAY_MS };

/**
 * The rule and start to iterate on the wall clock. UNTIL moves to that wall clock (a DATE UNTIL on a timed
 * series keeps that whole date). A rule without COUNT whose instances repeat exactly every period (no BY
 * parts, or a weekly BYDAY that includes DTSTART's day) skips whole periods to just before `earliestWall`:
 * published calendars carry years-old series, and a runaway FREQ=SECONDLY since 1970 starts near the window.
 */
function iteration(
  recur: ICAL.Recur,
  startWall: number,
  allDay: boolean,
  zone: FeedZone,
  earliestWall: number,
): { rule: ICAL.Recur; from: ICAL.Time } {
  const rule = recur.clone();
  if (recur.until) {
    const until = recur.until;
    let wall = wallOf(until);
    if (allDay) wall = Math.floor(wall / DAY_MS) * DAY_MS;
    else if (until.isDate) wall += DAY_MS - 1000;
    else if (until.zone === ICAL.Timezone.utcTimezone) wall = instantToWall(wall, zone);
    rule.until = timeAt(wall, allDay, WALL);
  }
  const period = periodMs(recur, startWall);
  const skip = period > 0 ? Math.floor((earliestWall - startWall) / period) : 0;
  return { rule, from: timeAt(startWall + Math.max(0, skip) * period, allDay, WALL) };
}

function periodMs(recur: ICAL.Recur, startWall: number): number {
  if (recur.count) return 0;
  const parts = Object.entries(recur.parts).filter(([, v]) => Array.isArray(v) && v.length > 0);
  const unit = UNIT[recur.freq];
  if (!unit) return 0;
  const period = (recur.interval || 1) * unit;
  if (parts.length === 0) return period;
  const [name, values] = parts[0];
  const weekday = WEEKDAYS[new Date(startWall).getUTCDay()];
  if (recur.freq === 'WEEKLY' && parts.length === 1 && name === 'BYDAY' && (values as string[]).includes(weekday)) return period;
  return 0;
}
