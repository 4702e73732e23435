// Busy intervals from parsed feed events over a range: single events, series (RRULE, RDATE, EXDATE), overrides.
import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import { normalize, type Interval } from '../../core/interval.ts';
import { decodeEvent, parseFeed, shellCalendar, type Feed, type FeedError } from './feedParse.ts';
import { WALL, dateTimeUtc, dateUtc, dayStart, epoch, floatingZone, isDefinedZone, timeAt, wallToEpoch, zonedEpoch } from './feedTime.ts';
import { DAY_MS } from '../../core/time.ts';

/** A runaway rule (FREQ=SECONDLY since 1970…) stops here rather than holding the event loop. */
const MAX_STEPS_PER_SERIES = 50_000;

// ICAL.Event relates every RECURRENCE-ID in the calendar to each event it wraps (quadratic in the feed's
// size); overridden instances are handled here instead, so each event is wrapped alone.
const NO_EXCEPTIONS = { exceptions: [] };

/** What to expand: the instants [from, to) and the coach's zone for floating times and all-day dates. */
export interface ExpandRange { from: number; to: number; timeZone: string }

export interface Expanded {
  /** Normalized (sorted, merged) busy intervals overlapping the range. */
  busy: Interval[];
  /** Events that could not be read (a bad date, a broken rule); the rest of the feed still counts. */
  skipped: number;
}

/** Parse and expand in one step; the error when the text is not a readable calendar. */
export function feedBusy(text: string, range: ExpandRange): ({ ok: true } & Expanded) | { ok: false; error: FeedError } {
  const parsed = parseFeed(text);
  return parsed.ok ? { ok: true, ...expandBusy(parsed, range) } : parsed;
}

/** The busy intervals of a parsed feed that overlap [from, to). */
export function expandBusy(feed: Feed, range: ExpandRange): Expanded {
  const zone = IANAZone.create(range.timeZone);
  // Raw dates outside these (wall-clock dates, so two days of slack for any UTC offset) cannot matter.
  const lo = ymd(range.from - 2 * DAY_MS);
  const hi = ymd(range.to + 2 * DAY_MS);
  const calendar = shellCalendar(feed.shell);
  const out: Interval[] = [];
  let skipped = 0;
  // Overridden instances stand on their own (they may move in or out of the range);
  // the series skips the occurrences they replace.
  const overridden = new Map<string, Set<string>>();
  const masters: ICAL.Component[] = [];
  for (const ev of feed.events) {
    const after = ev.start !== undefined && ev.start > hi;
    const outside = after || (ev.end !== undefined && ev.end < lo);
    try {
      if (ev.overrides === undefined) {
        // Most of a published calendar is past one-off events: judged on their raw text alone.
        if (!ev.free && (ev.recurring ? !after : !outside)) masters.push(decodeEvent(ev, calendar));
        continue;
      }
      // An override matters if it replaces an occurrence in the range or itself lands there.
      if (outside && ev.overrides !== '' && (ev.overrides < lo || ev.overrides > hi)) continue;
      const component = decodeEvent(ev, calendar);
      const ridProp = component.getFirstProperty('recurrence-id');
      const rid = ridProp?.getFirstValue();
      if (!(rid instanceof ICAL.Time)) throw new Error('unreadable RECURRENCE-ID');
      let set = overridden.get(ev.uid);
      if (!set) overridden.set(ev.uid, (set = new Set()));
      set.add(occurrenceKey(rid, floatingZone(ridProp, zone)));
      if (!ev.free && !outside) single(new ICAL.Event(component, NO_EXCEPTIONS), zone, range, out);
    } catch {
      skipped++;
    }
  }
  for (const component of masters) {
    try {
      const event = new ICAL.Event(component, NO_EXCEPTIONS);
      if (!event.startDate) throw new Error('no DTSTART');
      if (event.isRecurring()) {
        series(event, overridden.get(String(component.getFirstPropertyValue('uid') ?? '')) ?? new Set(), zone, range, out);
      } else {
        single(event, zone, range, out);
      }
    } catch {
      skipped++;
    }
  }
  return { busy: normalize(out), skipped };
}

function ymd(t: number): string {
  return new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
}
function single(event: ICAL.Event, zone: IANAZone, range: ExpandRange, out: Interval[]) {
  const comp = event.component;
  const start = event.startDate;
  let s: number;
  let e: number;
  if (start.isDate) {
    // RFC 5545: a DATE start without DTEND or DURATION lasts one day (ical.js's endDate does this).
    s = dayStart(start, zone);
    e = dayStart(event.endDate, zone);
  } else {
    s = epoch(start, floatingZone(comp.getFirstProperty('dtstart'), zone));
    // Without DTEND or DURATION a date-time event has no length (endDate = startDate).
    e = epoch(event.endDate, floatingZone(comp.getFirstProperty('dtend') ?? comp.getFirstProperty('dtstart'), zone));
  }
  if (e > range.from && s < range.to) out.push({ start: s, end: e });
}

/**
 * Occurrences of a series from RRULE and RDATE, less EXDATE and the overridden ones. Iterates the
 * rule itself (not ICAL.RecurExpansion, which compares every occurrence with the next EXDATE through
 * the slow VTIMEZONE lookup) and stops at the end of the range.
 */
function series(event: ICAL.Event, overridden: ReadonlySet<string>, zone: IANAZone, range: ExpandRange, out: Interval[]) {
  const comp = event.component;
  const start = event.startDate;
  const floating = floatingZone(comp.getFirstProperty('dtstart'), zone);
  const allDay = start.isDate;
  const end = event.endDate;
  // All-day series repeat whole dates; timed series repeat an elapsed length.
  const days = allDay ? Math.round((dateUtc(end) - dateUtc(start)) / DAY_MS) : 0;
  const length = allDay ? 0 : epoch(end, floatingZone(comp.getFirstProperty('dtend') ?? comp.getFirstProperty('dtstart'), zone)) - epoch(start, floating);

  const startZone = start.zone;
  const wallZone = isDefinedZone(startZone) ? WALL : null;
  const excluded = new Set(overridden);
  let dateExclusions = false; // an EXDATE;VALUE=DATE removes that date's occurrence of a timed series
  for (const prop of comp.getAllProperties('exdate')) {
    const exZone = floatingZone(prop, zone);
    for (const value of prop.getValues()) {
      if (!(value instanceof ICAL.Time)) continue;
      excluded.add(occurrenceKey(value, exZone));
      if (value.isDate) dateExclusions = true;
    }
  }

  /** Adds one occurrence; false once occurrences start after the range. */
  const add = (occ: ICAL.Time): boolean => {
    let s: number;
    let e: number;
    let key: string;
    if (allDay || occ.isDate) {
      s = dayStart(occ, zone);
      e = wallToEpoch(dateUtc(occ) + days * DAY_MS, zone);
      key = dateKey(occ);
    } else {
      s = occ.zone === wallZone ? zonedEpoch(occ, startZone) : epoch(occ, floating);
      e = s + length;
      key = String(s);
    }
    if (s >= range.to) return false;
    if (e <= range.from) return true;
    if (excluded.has(key) || (dateExclusions && excluded.has(dateKey(occ)))) return true;
    out.push({ start: s, end: e });
    return true;
  };

  const rules = comp.getAllProperties('rrule');
  for (const prop of rules) {
    const { rule, from } = iteration(prop.getFirstValue() as ICAL.Recur, start, range.from - (allDay ? days * DAY_MS : length) - 2 * DAY_MS);
    const it = rule.iterator(from);
    let steps = 0;
    for (let occ = it.next(); occ && add(occ); occ = it.next()) {
      if (++steps > MAX_STEPS_PER_SERIES) throw new Error('runaway recurrence rule');
    }
  }
  // DTSTART is always the first instance; with RRULE the iterator yields it.
  if (rules.length === 0) add(start);
  for (const prop of comp.getAllProperties('rdate')) {
    for (const value of prop.getValues()) {
      const t = value instanceof ICAL.Period ? value.start : value;
      if (t instanceof ICAL.Time) add(t);
    }
  }
}

// The identity of one occurrence, shared by the series and a RECURRENCE-ID or EXDATE naming it.
function occurrenceKey(t: ICAL.Time, floating: IANAZone): string {
  return t.isDate ? dateKey(t) : String(epoch(t, floating));
}

function dateKey(t: ICAL.Time): string {
  return `D${t.year}-${t.month}-${t.day}`;
}

// RecurIterator compares every candidate with DTSTART and UNTIL as instants, each through the
// VTIMEZONE lookup. Recurrence is wall-clock arithmetic, so a series in a VTIMEZONE zone iterates on
// its wall clock (marked WALL, offset 0) and UNTIL is moved to that wall clock first.
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/**
 * The rule and start to iterate. A plain daily or weekly series without COUNT also skips ahead by
 * whole periods to just before `earliestWall` (a wall-clock time as if UTC): published calendars
 * carry years-old weekly series, and stepping through every past week is most of the work.
 */
function iteration(recur: ICAL.Recur, start: ICAL.Time, earliestWall: number): { rule: ICAL.Recur; from: ICAL.Time } {
  const zone = start.zone;
  const wallClock = !start.isDate && isDefinedZone(zone);
  let rule = recur;
  if (wallClock && recur.until && !recur.until.isDate) {
    rule = recur.clone();
    const until = recur.until.zone === ICAL.Timezone.localTimezone ? recur.until : recur.until.convertToZone(zone);
    rule.until = timeAt(dateTimeUtc(until), false, WALL);
  }
  const period = periodDays(recur, start);
  const skip = period > 0 ? Math.floor((earliestWall - dateTimeUtc(start)) / (period * DAY_MS)) : 0;
  if (!wallClock && skip <= 0) return { rule, from: start };
  return { rule, from: timeAt(dateTimeUtc(start) + Math.max(0, skip) * period * DAY_MS, start.isDate, wallClock ? WALL : zone) };
}

/** Days after which the series repeats itself exactly from DTSTART on, or 0 when that is not simple. */
function periodDays(recur: ICAL.Recur, start: ICAL.Time): number {
  if (recur.count) return 0;
  const parts = Object.entries(recur.parts).filter(([, v]) => Array.isArray(v) && v.length > 0);
  const interval = recur.interval || 1;
  if (recur.freq === 'DAILY' && parts.length === 0) return interval;
  if (recur.freq !== 'WEEKLY') return 0;
  if (parts.length === 0) return 7 * interval;
  const [name, days] = parts[0];
  // DTSTART must itself match the rule, else a moved start would add an occurrence.
  if (parts.length === 1 && name === 'BYDAY' && (days as string[]).includes(WEEKDAYS[start.dayOfWeek() - 1])) return 7 * interval;
  return 0;
}

