// Coaches' published iCal feeds → busy intervals: parse with ical.js, expand over a range. Pure: "now" is a parameter.
import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import { normalize, type Interval } from '../../core/interval.ts';

const DAY = 86_400_000;
/** A runaway rule (FREQ=SECONDLY since 1970…) stops here rather than holding the event loop. */
const MAX_STEPS_PER_SERIES = 50_000;

export type FeedError = 'not_icalendar' | 'parse_error';

export type ParsedFeed =
  | { ok: true; calendars: ICAL.Component[] }
  | { ok: false; error: FeedError };

/** What to expand: the instants [from, to) and the coach's zone for floating times and all-day dates. */
export interface ExpandRange { from: number; to: number; timeZone: string }

export interface Expanded {
  /** Normalized (sorted, merged) busy intervals overlapping the range. */
  busy: Interval[];
  /** Events that could not be read (a bad date, a broken rule); the rest of the feed still counts. */
  skipped: number;
}

/** Parses feed text; HTML, JSON or anything that is not a VCALENDAR is refused without throwing. */
export function parseFeed(text: string): ParsedFeed {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!/^\s*BEGIN:VCALENDAR\r?\n/i.test(body)) return { ok: false, error: 'not_icalendar' };
  try {
    const jcal = ICAL.parse(body);
    // One VCALENDAR parses to a single jCal array, several to a list of them.
    const list = (typeof jcal[0] === 'string' ? [jcal] : jcal) as unknown[];
    const calendars = list.map((j) => new ICAL.Component(j as never)).filter((c) => c.name === 'vcalendar');
    return calendars.length > 0 ? { ok: true, calendars } : { ok: false, error: 'not_icalendar' };
  } catch {
    return { ok: false, error: 'parse_error' };
  }
}

/** The busy intervals of parsed calendars that overlap [from, to). */
export function expandBusy(calendars: readonly ICAL.Component[], range: ExpandRange): Expanded {
  const zone = IANAZone.create(range.timeZone);
  const out: Interval[] = [];
  let skipped = 0;
  for (const calendar of calendars) {
    const events = calendar.getAllSubcomponents('vevent');
    // Overridden instances stand on their own (they may move in or out of the range);
    // the series skips the occurrences they replace.
    const overridden = new Map<string, Set<string>>();
    const masters: ICAL.Component[] = [];
    for (const ev of events) {
      try {
        const rid = ev.getFirstPropertyValue('recurrence-id') as ICAL.Time | null;
        if (!rid) { masters.push(ev); continue; }
        const uid = String(ev.getFirstPropertyValue('uid') ?? '');
        let set = overridden.get(uid);
        if (!set) overridden.set(uid, (set = new Set()));
        set.add(occurrenceKey(rid, floatingZone(ev, 'recurrence-id', zone)));
        if (blocks(ev)) single(new ICAL.Event(ev), zone, range, out);
      } catch {
        skipped++;
      }
    }
    for (const ev of masters) {
      try {
        if (!blocks(ev)) continue;
        const event = new ICAL.Event(ev);
        if (!event.startDate) { skipped++; continue; }
        if (event.isRecurring()) {
          series(event, overridden.get(event.uid ?? '') ?? new Set(), zone, range, out);
        } else {
          single(event, zone, range, out);
        }
      } catch {
        skipped++;
      }
    }
  }
  return { busy: normalize(out), skipped };
}

/** Parse and expand in one step; the error when the text is not a readable calendar. */
export function feedBusy(text: string, range: ExpandRange): ({ ok: true } & Expanded) | { ok: false; error: FeedError } {
  const parsed = parseFeed(text);
  return parsed.ok ? { ok: true, ...expandBusy(parsed.calendars, range) } : parsed;
}

// Free time blocks nothing: cancelled events, TRANSP:TRANSPARENT, and Outlook's "show as free".
function blocks(ev: ICAL.Component): boolean {
  const status = String(ev.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return false;
  const transp = String(ev.getFirstPropertyValue('transp') ?? '').toUpperCase();
  if (transp === 'TRANSPARENT') return false;
  const msStatus = String(ev.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? '').toUpperCase();
  return msStatus !== 'FREE';
}

function single(event: ICAL.Event, zone: IANAZone, range: ExpandRange, out: Interval[]) {
  const start = event.startDate;
  const floating = floatingZone(event.component, 'dtstart', zone);
  let s: number;
  let e: number;
  if (start.isDate) {
    // RFC 5545: a DATE start without DTEND or DURATION lasts one day (ical.js's endDate does this).
    s = dayStart(start, zone);
    e = dayStart(event.endDate, zone);
  } else {
    s = epoch(start, floating);
    // Without DTEND or DURATION a date-time event has no length (endDate = startDate).
    e = epoch(event.endDate, floatingZone(event.component, event.component.hasProperty('dtend') ? 'dtend' : 'dtstart', zone));
  }
  if (e > range.from && s < range.to) out.push({ start: s, end: e });
}

function series(event: ICAL.Event, overridden: Set<string>, zone: IANAZone, range: ExpandRange, out: Interval[]) {
  const start = event.startDate;
  const floating = floatingZone(event.component, 'dtstart', zone);
  const allDay = start.isDate;
  const end = event.endDate;
  // All-day series repeat whole dates; timed series repeat an elapsed length.
  const days = allDay ? Math.round((dateUtc(end) - dateUtc(start)) / DAY) : 0;
  const length = allDay ? 0 : epoch(end, floatingZone(event.component, event.component.hasProperty('dtend') ? 'dtend' : 'dtstart', zone)) - epoch(start, floating);
  const expansion = new ICAL.RecurExpansion({ component: event.component, dtstart: start });
  const first = allDay ? 0 : epoch(start, floating);
  if (!allDay && first >= range.to) return;
  for (let steps = 0; steps < MAX_STEPS_PER_SERIES; steps++) {
    const occ = expansion.next();
    if (!occ) break;
    let s: number;
    let e: number;
    if (allDay || occ.isDate) {
      s = dayStart(occ, zone);
      e = wallToEpoch(dateUtc(occ) + days * DAY, zone);
    } else {
      s = epoch(occ, floating);
      e = s + length;
    }
    if (s >= range.to) break;
    if (e <= range.from) continue;
    if (overridden.size > 0 && overridden.has(occurrenceKey(occ, floating))) continue;
    out.push({ start: s, end: e });
  }
}

// The identity of one occurrence, shared by the series and a RECURRENCE-ID that overrides it.
function occurrenceKey(t: ICAL.Time, floating: IANAZone): string {
  return t.isDate ? `D${t.year}-${t.month}-${t.day}` : String(epoch(t, floating));
}

/**
 * The zone for a time that carries no resolvable zone: a TZID naming an IANA zone that the feed
 * did not define, else the coach's own zone (RFC 5545 floating time).
 */
function floatingZone(ev: ICAL.Component, prop: string, coachZone: IANAZone): IANAZone {
  const tzid = ev.getFirstProperty(prop)?.getParameter('tzid');
  if (typeof tzid === 'string' && tzid !== '') {
    const named = IANAZone.create(tzid.replace(/^\//, ''));
    if (named.isValid) return named;
  }
  return coachZone;
}

/** A date-time as epoch ms: UTC, a zone from the feed's VTIMEZONE, or floating in `floating`. */
function epoch(t: ICAL.Time, floating: IANAZone): number {
  const zone = t.zone;
  if (zone === ICAL.Timezone.utcTimezone) return dateTimeUtc(t);
  if (zone && zone !== ICAL.Timezone.localTimezone) return t.toUnixTime() * 1000;
  return wallToEpoch(dateTimeUtc(t), floating);
}

/** Midnight starting this date in the coach's zone. */
function dayStart(t: ICAL.Time, zone: IANAZone): number {
  return wallToEpoch(dateUtc(t), zone);
}

function dateUtc(t: ICAL.Time): number {
  return Date.UTC(t.year, t.month - 1, t.day);
}

function dateTimeUtc(t: ICAL.Time): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/**
 * The instant a wall-clock time (given as if it were UTC) names in `zone`. A time skipped by a DST
 * gap moves forward by the gap, as RFC 5545 asks; an ambiguous one takes the first occurrence.
 */
export function wallToEpoch(wall: number, zone: IANAZone): number {
  const before = zone.offset(wall - DAY) * 60_000;
  const after = zone.offset(wall + DAY) * 60_000;
  if (before === after) return wall - before;
  // Near a change: try the earlier offset first (first of two readings), then the later one.
  const a = wall - before;
  if (zone.offset(a) * 60_000 === before) return a;
  const b = wall - after;
  if (zone.offset(b) * 60_000 === after) return b;
  return wall - before; // in the gap: the earlier offset reads as the later wall time
}
