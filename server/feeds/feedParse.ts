// Feed text → the calendar's shell (its VTIMEZONEs) and its events as raw text, each with a cheap glance
// (dates, recurrence, free/busy, copies) so that expansion decodes with ical.js only the events that can matter.
import ICAL from 'ical.js';

export type FeedError = 'not_icalendar' | 'parse_error';

/** One VEVENT as published, with what its raw text tells without decoding it. */
export interface RawEvent {
  text: string;
  /** Its BEGIN:VEVENT line in the file, for reports. */
  line: number;
  uid: string;
  /** YYYYMMDD as written (a wall-clock or UTC date) of DTSTART, DTEND and RECURRENCE-ID, when readable. */
  start?: string;
  end?: string;
  overrides?: string;
  recurring: boolean;
  /** Cancelled, TRANSP:TRANSPARENT or Outlook's "show as free": blocks nothing. */
  free: boolean;
  /** Lower-cased addresses of the attendees who declined. */
  declined: string[];
  sequence: number;
  /** DTSTAMP as written (compares as text: YYYYMMDDTHHMMSSZ). */
  stamp: string;
  /** RECURRENCE-ID's parameters and value as written: with UID, what makes two copies one event. */
  recurrenceId: string;
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
  const lines = eventLines(body);
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
    events.push(glance(unfolded.slice(begin, stop), lines[events.length] ?? 0));
    at = stop;
  }
  shell += unfolded.slice(at);
  try {
    shellCalendar(shell);
  } catch {
    return { ok: false, error: 'parse_error' };
  }
  return { ok: true, shell, events: oneCopyEach(events) };
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

/**
 * Copies of one event (one UID and RECURRENCE-ID, as providers re-send or merge them) count once:
 * the highest SEQUENCE, then the latest DTSTAMP, then the later copy in the file.
 */
function oneCopyEach(events: RawEvent[]): RawEvent[] {
  const chosen = new Map<string, number>();
  events.forEach((ev, i) => {
    if (ev.uid === '') return;
    const key = `${ev.uid}\n${ev.recurrenceId}`;
    const other = chosen.get(key);
    if (other === undefined) {
      chosen.set(key, i);
      return;
    }
    const o = events[other];
    if (ev.sequence > o.sequence || (ev.sequence === o.sequence && ev.stamp >= o.stamp)) chosen.set(key, i);
  });
  return events.filter((ev, i) => ev.uid === '' || chosen.get(`${ev.uid}\n${ev.recurrenceId}`) === i);
}

// Line numbers (1-based, in the file as written) of each BEGIN:VEVENT, in order.
function eventLines(text: string): number[] {
  const out: number[] = [];
  for (let i = 0, line = 1; ; line++) {
    if (text.startsWith('BEGIN:VEVENT', i) && /^[\r\n]?$/.test(text.slice(i + 12, i + 13))) out.push(line);
    const next = text.indexOf('\n', i);
    if (next < 0) return out;
    i = next + 1;
  }
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

/** A content line's name, its parameters (as written, after the name) and its value; the colon may sit in quotes. */
export function splitLine(line: string): { name: string; params: string; value: string } | null {
  let colon = line.indexOf(':');
  if (colon < 0) return null;
  const quote = line.indexOf('"');
  if (quote >= 0 && quote < colon) {
    // A quoted parameter value may hold a colon: find the first one outside quotes.
    let quoted = false;
    colon = -1;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"') quoted = !quoted;
      else if (c === ':' && !quoted) {
        colon = i;
        break;
      }
    }
    if (colon < 0) return null;
  }
  const semi = line.indexOf(';');
  const nameEnd = semi >= 0 && semi < colon ? semi : colon;
  return { name: line.slice(0, nameEnd).toUpperCase(), params: line.slice(nameEnd, colon), value: line.slice(colon + 1) };
}

// The first letters (lower-cased) of the properties a glance reads: other lines are passed over unsplit.
const GLANCED = new Set([...'abderstux'].map((c) => c.charCodeAt(0)));
const is = (value: string, word: string) => value.trim().toUpperCase() === word;

function glance(text: string, line: number): RawEvent {
  const ev: RawEvent = { text, line, uid: '', recurring: false, free: false, declined: [], sequence: 0, stamp: '', recurrenceId: '' };
  let nested = 0; // inside a VALARM: its properties are not the event's
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    const stop = nl < 0 ? text.length : nl;
    const start = at;
    at = stop + 1;
    if (!GLANCED.has(text.charCodeAt(start) | 0x20)) continue;
    const parts = splitLine(text.slice(start, text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop));
    if (!parts) continue;
    const { name, params, value } = parts;
    if (name === 'BEGIN') {
      if (value.toUpperCase() !== 'VEVENT') nested++;
      continue;
    }
    if (name === 'END') {
      if (nested > 0) nested--;
      continue;
    }
    if (nested > 0) continue;
    switch (name) {
      case 'UID':
        ev.uid = value;
        break;
      case 'DTSTART':
        ev.start = ymd(value);
        break;
      case 'DTEND':
        ev.end = ymd(value);
        break;
      case 'RECURRENCE-ID':
        ev.overrides = ymd(value) ?? '';
        ev.recurrenceId = `${params}:${value}`;
        break;
      case 'RRULE':
      case 'RDATE':
        ev.recurring = true;
        break;
      case 'SEQUENCE':
        ev.sequence = Number.parseInt(value, 10) || 0;
        break;
      case 'DTSTAMP':
        ev.stamp = value.trim();
        break;
      case 'STATUS':
        if (is(value, 'CANCELLED')) ev.free = true;
        break;
      case 'TRANSP':
        if (is(value, 'TRANSPARENT')) ev.free = true;
        break;
      case 'X-MICROSOFT-CDO-BUSYSTATUS':
        if (is(value, 'FREE')) ev.free = true;
        break;
      case 'ATTENDEE':
        if (/;PARTSTAT=("?)DECLINED\1(;|$)/i.test(params))
          ev.declined.push(
            value
              .trim()
              .toLowerCase()
              .replace(/^mailto:/, ''),
          );
        break;
      default:
        break;
    }
  }
  return ev;
}

function ymd(value: string): string | undefined {
  return /^\d{8}/.test(value) ? value.slice(0, 8) : undefined;
}
