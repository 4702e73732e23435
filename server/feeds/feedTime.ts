// Wall-clock times (ms as if UTC) to instants and back, in an IANA zone (luxon) or a feed's own VTIMEZONE (ical.js).
import ICAL from 'ical.js';
import type { IANAZone } from 'luxon';
import { DAY_MS } from '../../core/time.ts';

/** A zone a feed's times are read in: tzdata through luxon, or a VTIMEZONE the feed defines itself. */
export type FeedZone = { kind: 'iana'; zone: IANAZone } | { kind: 'vtimezone'; tz: ICAL.Timezone };

/** The instant a wall-clock time names in `zone`. */
export function wallToInstant(wall: number, zone: FeedZone): number {
  return zone.kind === 'iana' ? wallToEpoch(wall, zone.zone) : vtimezoneWallToEpoch(wall, zone.tz);
}

/** The wall clock in `zone` at an instant (ms as if UTC). */
export function instantToWall(instant: number, zone: FeedZone): number {
  if (zone.kind === 'iana') {
    const steady = steadyOffset(zone.zone, Math.floor(instant / DAY_MS));
    return instant + (Number.isNaN(steady) ? zone.zone.offset(instant) * 60_000 : steady);
  }
  return wallOf(timeAt(instant, false, ICAL.Timezone.utcTimezone).convertToZone(zone.tz));
}

/** An ICAL.Time with the wall-clock fields of `wall`. */
export function timeAt(wall: number, isDate: boolean, zone: ICAL.Timezone | undefined): ICAL.Time {
  const d = new Date(wall);
  return ICAL.Time.fromData(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: isDate ? 0 : d.getUTCHours(),
      minute: isDate ? 0 : d.getUTCMinutes(),
      second: isDate ? 0 : d.getUTCSeconds(),
      isDate,
    },
    zone,
  );
}

/** The wall-clock fields of an ICAL.Time as ms (as if UTC). */
export function wallOf(t: ICAL.Time): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.isDate ? 0 : t.hour, t.isDate ? 0 : t.minute, t.isDate ? 0 : t.second);
}

/** YYYY-MM-DD of a wall-clock time. */
export function wallDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/**
 * The instant a wall-clock time (given as if it were UTC) names in `zone`. A time skipped by a DST
 * gap moves forward by the gap, as RFC 5545 asks; an ambiguous one takes the first occurrence.
 */
export function wallToEpoch(wall: number, zone: IANAZone): number {
  const steady = steadyOffset(zone, Math.floor(wall / DAY_MS));
  if (!Number.isNaN(steady)) return wall - steady;
  // A day with a change: the same few wall times come back for every series, so each answer is kept.
  let near = changeDays.get(zone.name);
  if (!near || near.size > 20_000) changeDays.set(zone.name, (near = new Map()));
  let instant = near.get(wall);
  if (instant === undefined) near.set(wall, (instant = nearChange(wall, zone)));
  return instant;
}

const changeDays = new Map<string, Map<number, number>>();

function nearChange(wall: number, zone: IANAZone): number {
  const before = zone.offset(wall - DAY_MS) * 60_000;
  const after = zone.offset(wall + DAY_MS) * 60_000;
  // Near a change: try the earlier offset first (first of two readings), then the later one.
  const a = wall - before;
  if (zone.offset(a) * 60_000 === before) return a;
  const b = wall - after;
  if (zone.offset(b) * 60_000 === after) return b;
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
    offset = before === zone.offset((day + 2) * DAY_MS) ? before * 60_000 : NaN;
    days.set(day, offset);
  }
  return offset;
}

// ical.js finds a VTIMEZONE offset by scanning and deep-cloning its transitions on every call
// (~10 µs); a feed asks about the same few hundred days thousands of times. So each zone remembers,
// per wall-clock day, the offset when it is the same at both ends of the day (NaN on a change day,
// which goes to ical.js itself).
const vtimezoneDays = new WeakMap<ICAL.Timezone, Map<number, number>>();

function vtimezoneWallToEpoch(wall: number, tz: ICAL.Timezone): number {
  const day = Math.floor(wall / DAY_MS);
  let days = vtimezoneDays.get(tz);
  if (!days) vtimezoneDays.set(tz, (days = new Map()));
  let offset = days.get(day);
  if (offset === undefined) {
    const at = (ms: number) => tz.utcOffset(timeAt(ms, false, undefined));
    const startOffset = at(day * DAY_MS);
    offset = startOffset === at((day + 1) * DAY_MS) ? startOffset * 1000 : NaN;
    days.set(day, offset);
  }
  if (!Number.isNaN(offset)) return wall - offset;
  return timeAt(wall, false, tz).toUnixTime() * 1000;
}
