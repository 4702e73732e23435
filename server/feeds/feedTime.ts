// Instants from iCalendar times: UTC, a feed's own VTIMEZONE, an IANA zone, or floating in the coach's zone.
import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import { DAY_MS, MINUTE_MS } from '../../core/time.ts';

/**
 * The zone for a time that carries no resolvable zone: a TZID naming an IANA zone that the feed
 * did not define, else the coach's own zone (RFC 5545 floating time).
 */
export function floatingZone(prop: ICAL.Property | null, coachZone: IANAZone): IANAZone {
  const tzid = prop?.getParameter('tzid');
  if (typeof tzid === 'string' && tzid !== '' && tzid !== coachZone.name) {
    const named = IANAZone.create(tzid.replace(/^\//, ''));
    if (named.isValid) return named;
  }
  return coachZone;
}

/** A date-time as epoch ms: UTC, a zone from the feed's VTIMEZONE, or floating in `floating`. */
export function epoch(t: ICAL.Time, floating: IANAZone): number {
  const zone = t.zone;
  if (zone === ICAL.Timezone.utcTimezone) return dateTimeUtc(t);
  if (isDefinedZone(zone)) return zonedEpoch(t, zone);
  return wallToEpoch(dateTimeUtc(t), floating);
}

// ical.js finds a VTIMEZONE offset by scanning and deep-cloning its transitions on every call
// (~10 µs); a feed asks about the same few hundred days thousands of times. So each zone remembers,
// per wall-clock day, the offset when it is the same at both ends of the day (NaN on a change day,
// which goes to ical.js itself).
const vtimezoneDays = new WeakMap<ICAL.Timezone, Map<number, number>>();

/** A time's wall clock read in `zone` (a VTIMEZONE), whatever zone the time itself carries. */
export function zonedEpoch(t: ICAL.Time, zone: ICAL.Timezone): number {
  const wall = dateTimeUtc(t);
  const day = Math.floor(wall / DAY_MS);
  let days = vtimezoneDays.get(zone);
  if (!days) vtimezoneDays.set(zone, (days = new Map()));
  let offset = days.get(day);
  if (offset === undefined) {
    const at = (ms: number) => {
      const d = new Date(ms);
      return zone.utcOffset(ICAL.Time.fromData({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0, second: 0, isDate: false }));
    };
    const startOffset = at(day * DAY_MS);
    offset = startOffset === at((day + 1) * DAY_MS) ? startOffset * 1000 : NaN;
    days.set(day, offset);
  }
  if (!Number.isNaN(offset)) return wall - offset;
  if (t.zone === zone) return t.toUnixTime() * 1000;
  const inZone = ICAL.Time.fromData({ year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second, isDate: false }, zone);
  return inZone.toUnixTime() * 1000;
}

export function isDefinedZone(zone: ICAL.Timezone | undefined): zone is ICAL.Timezone {
  return !!zone && zone !== ICAL.Timezone.utcTimezone && zone !== ICAL.Timezone.localTimezone;
}

/** Wall clock times stand in this zone (offset 0) while a series iterates; see feedExpand.ts. */
export const WALL = ICAL.Timezone.utcTimezone;

/** An ICAL.Time with the wall-clock fields of `wall` (ms as if UTC). */
export function timeAt(wall: number, isDate: boolean, zone: ICAL.Timezone | undefined): ICAL.Time {
  const d = new Date(wall);
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: isDate ? 0 : d.getUTCHours(), minute: isDate ? 0 : d.getUTCMinutes(), second: isDate ? 0 : d.getUTCSeconds(), isDate,
  }, zone);
}

/** Midnight starting this date in the coach's zone. */
export function dayStart(t: ICAL.Time, zone: IANAZone): number {
  return wallToEpoch(dateUtc(t), zone);
}

export function dateUtc(t: ICAL.Time): number {
  return Date.UTC(t.year, t.month - 1, t.day);
}

export function dateTimeUtc(t: ICAL.Time): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/**
 * The instant a wall-clock time (given as if it were UTC) names in `zone`. A time skipped by a DST
 * gap moves forward by the gap, as RFC 5545 asks; an ambiguous one takes the first occurrence.
 */
export function wallToEpoch(wall: number, zone: IANAZone): number {
  const steady = steadyOffset(zone, Math.floor(wall / DAY_MS));
  if (!Number.isNaN(steady)) return wall - steady;
  const before = zone.offset(wall - DAY_MS) * MINUTE_MS;
  const after = zone.offset(wall + DAY_MS) * MINUTE_MS;
  // Near a change: try the earlier offset first (first of two readings), then the later one.
  const a = wall - before;
  if (zone.offset(a) * MINUTE_MS === before) return a;
  const b = wall - after;
  if (zone.offset(b) * MINUTE_MS === after) return b;
  return wall - before; // in the gap: the earlier offset reads as the later wall time
}

// Per zone and wall-clock day: the offset (ms) when it holds from a day before to a day after, else NaN.
const ianaDays = new Map<string, Map<number, number>>();

function steadyOffset(zone: IANAZone, day: number): number {
  let days = ianaDays.get(zone.name);
  if (!days || days.size > 20_000) ianaDays.set(zone.name, (days = new Map()));
  let offset = days.get(day);
  if (offset === undefined) {
    const before = zone.offset((day - 1) * DAY_MS);
    offset = before === zone.offset((day + 2) * DAY_MS) ? before * MINUTE_MS : NaN;
    days.set(day, offset);
  }
  return offset;
}
