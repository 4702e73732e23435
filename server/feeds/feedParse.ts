// Feed text → the calendar's shell (its VTIMEZONEs) and its events as raw text, each with a cheap glance
// (dates, recurrence, free/busy) so that expansion decodes with ical.js only the events that can matter.
import ICAL from 'ical.js';

export type FeedError = 'not_icalendar' | 'parse_error';

/** One VEVENT as published, with what its raw text tells without decoding it. */
export interface RawEvent {
  text: string;
  uid: string;
  /** YYYYMMDD as written (a wall-clock or UTC date) of DTSTART, DTEND and RECURRENCE-ID, when readable. */
  start?: string;
  end?: string;
  overrides?: string;
  recurring: boolean;
  /** Cancelled, TRANSP:TRANSPARENT or Outlook's "show as free": blocks nothing. */
  free: boolean;
}

export interface Feed {
  /** The VCALENDAR without its events, checked by ical.js. */
  shell: string;
  events: RawEvent[];
}

export type ParsedFeed = ({ ok: true } & Feed) | { ok: false; error: FeedError };

/** Splits and checks feed text; HTML, JSON, truncated or garbled text is refused without throwing. */
export function parseFeed(text: string): ParsedFeed {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!/^\s*BEGIN:VCALENDAR\r?\n/i.test(body)) return { ok: false, error: 'not_icalendar' };
  const unfolded = body.replace(/\r?\n[ \t]/g, '');
  const events: RawEvent[] = [];
  let shell = '';
  let at = 0;
  for (;;) {
    const begin = lineStart(unfolded, 'BEGIN:VEVENT', at);
    if (begin < 0) break;
    const end = lineStart(unfolded, 'END:VEVENT', begin);
    if (end < 0) return { ok: false, error: 'parse_error' };
    const next = unfolded.indexOf('\n', end);
    const stop = next < 0 ? unfolded.length : next + 1;
    shell += unfolded.slice(at, begin);
    events.push(glance(unfolded.slice(begin, stop)));
    at = stop;
  }
  shell += unfolded.slice(at);
  try {
    shellCalendar(shell);
  } catch {
    return { ok: false, error: 'parse_error' };
  }
  return { ok: true, shell, events };
}

/** The shell as an ICAL.Component; VTIMEZONEs of further VCALENDARs in the same file join the first. */
export function shellCalendar(shell: string): ICAL.Component {
  const jcal = ICAL.parse(shell) as unknown[];
  const list = (typeof jcal[0] === 'string' ? [jcal] : jcal).map((j) => new ICAL.Component(j as never));
  const calendar = list[0];
  if (!calendar || calendar.name !== 'vcalendar') throw new Error('not a VCALENDAR');
  for (const other of list.slice(1)) {
    for (const tz of other.getAllSubcomponents('vtimezone')) calendar.addSubcomponent(tz);
  }
  return calendar;
}

/** One event's text as an ICAL.Component under `calendar` (which resolves its TZIDs). */
export function decodeEvent(ev: RawEvent, calendar: ICAL.Component): ICAL.Component {
  const component = new ICAL.Component(ICAL.parse(ev.text) as never, calendar);
  if (component.name !== 'vevent') throw new Error('not a VEVENT');
  return component;
}

// The index of `marker` at the start of a line (and ending it), from `from` on; -1 if none.
function lineStart(text: string, marker: string, from: number): number {
  for (let i = text.indexOf(marker, from); i >= 0; i = text.indexOf(marker, i + 1)) {
    const before = i === 0 ? '\n' : text[i - 1];
    const after = text[i + marker.length];
    if (before === '\n' && (after === '\r' || after === '\n' || after === undefined)) return i;
  }
  return -1;
}

function glance(text: string): RawEvent {
  const ev: RawEvent = { text, uid: '', recurring: false, free: false };
  let nested = 0; // inside a VALARM: its properties are not the event's
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const semi = line.indexOf(';');
    const name = line.slice(0, semi >= 0 && semi < colon ? semi : colon).toUpperCase();
    const value = line.slice(colon + 1);
    if (name === 'BEGIN') { if (value.toUpperCase() !== 'VEVENT') nested++; continue; }
    if (name === 'END') { if (nested > 0) nested--; continue; }
    if (nested > 0) continue;
    // A quoted TZID may hold a colon: date values follow the last one.
    const last = line.slice(line.lastIndexOf(':') + 1);
    switch (name) {
      case 'UID': ev.uid = value; break;
      case 'DTSTART': ev.start = ymd(last); break;
      case 'DTEND': ev.end = ymd(last); break;
      case 'RECURRENCE-ID': ev.overrides = ymd(last) ?? ''; break;
      case 'RRULE': case 'RDATE': ev.recurring = true; break;
      case 'STATUS': if (value.trim().toUpperCase() === 'CANCELLED') ev.free = true; break;
      case 'TRANSP': if (value.trim().toUpperCase() === 'TRANSPARENT') ev.free = true; break;
      case 'X-MICROSOFT-CDO-BUSYSTATUS': if (value.trim().toUpperCase() === 'FREE') ev.free = true; break;
      default: break;
    }
  }
  return ev;
}

function ymd(value: string): string | undefined {
  return /^\d{8}/.test(value) ? value.slice(0, 8) : undefined;
}
