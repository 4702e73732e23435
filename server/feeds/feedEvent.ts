// One VEVENT's text → the times that matter for busy time, read as leniently as libical and python-icalendar:
// an 8-digit value is a date, and a property that cannot be read costs that property, never the event.
import ICAL from 'ical.js';
import { splitLine, type RawEvent } from './feedParse.ts';

/** A time as written: its wall clock (ms as if UTC), a date or a date-time, UTC, or in a TZID (none: floating). */
export interface WallTime {
  wall: number;
  date: boolean;
  utc: boolean;
  tzid?: string;
}

/** A DURATION: nominal days (a day is the same wall-clock time the next day) plus exact milliseconds. */
export interface Length {
  days: number;
  ms: number;
}

/** An RDATE: a start, or a PERIOD with its own end or length. */
export interface RDate {
  start: WallTime;
  end?: WallTime;
  length?: Length;
}

export interface EventModel {
  line: number;
  start: WallTime;
  end?: WallTime;
  length?: Length;
  rrules: ICAL.Recur[];
  rdates: RDate[];
  exdates: WallTime[];
  recurrenceId?: WallTime;
  /** RECURRENCE-ID;RANGE=THISANDFUTURE: the change applies to the following instances too. */
  thisAndFuture: boolean;
}

type JProp = [string, Record<string, unknown>, string, ...unknown[]];

const DATE_PROPS = new Set(['DTSTART', 'DTEND', 'DUE', 'RECURRENCE-ID', 'EXDATE', 'RDATE']);

/** The event's times, or null (with the reason in `skipped`) when it has no readable DTSTART. */
export function decodeEvent(raw: RawEvent, skipped: string[]): EventModel | null {
  const props = properties(lenient(raw.text), raw.line, skipped);
  const unreadable = (name: string) =>
    skipped.push(`line ${raw.line}: ${name.toUpperCase()} of this event cannot be read; that property is ignored`);
  let start: WallTime | undefined;
  const ev: Omit<EventModel, 'start'> = { line: raw.line, rrules: [], rdates: [], exdates: [], thisAndFuture: false };
  for (const prop of props) {
    const [name, params, type, ...values] = prop;
    const tzid = typeof params.tzid === 'string' ? params.tzid : undefined;
    switch (name) {
      case 'dtstart':
        start = timeValue(values[0], type, tzid);
        break; // without it the event is skipped, below
      case 'dtend':
        ev.end = timeValue(values[0], type, tzid) ?? (unreadable(name), undefined);
        break;
      case 'duration':
        ev.length = lengthValue(values[0]) ?? (unreadable(name), undefined);
        break;
      case 'recurrence-id': {
        ev.recurrenceId = timeValue(values[0], type, tzid) ?? (unreadable(name), undefined);
        ev.thisAndFuture = String(params.range ?? '').toUpperCase() === 'THISANDFUTURE';
        break;
      }
      case 'rrule': {
        const recur = recurValue(prop);
        if (recur) ev.rrules.push(recur);
        else unreadable(name);
        break;
      }
      case 'exdate':
        for (const v of values) {
          const t = timeValue(v, type, tzid);
          if (t) ev.exdates.push(t);
          else unreadable(name);
        }
        break;
      case 'rdate':
        for (const v of values) {
          const r = rdateValue(v, type, tzid);
          if (r) ev.rdates.push(r);
          else unreadable(name);
        }
        break;
      default:
        break;
    }
  }
  if (!start) {
    skipped.push(`line ${raw.line}: an event without a readable DTSTART is ignored`);
    return null;
  }
  return { ...ev, start };
}

// "DTSTART:20180110" without VALUE=DATE is a date (libical, python-icalendar): say so before ical.js reads it.
function lenient(text: string): string {
  return text.replace(
    /^([A-Za-z-]+)((?:;[^:\r\n]*)?):(\d{8}(?:,\d{8})*)(\r?)$/gm,
    (whole, name: string, params: string, value: string, cr: string) => {
      if (!DATE_PROPS.has(name.toUpperCase()) || /;VALUE=/i.test(params)) return whole;
      return `${name};VALUE=DATE${params}:${value}${cr}`;
    },
  );
}

// The event's own properties (not its alarms'); a line ical.js cannot read is dropped and reported alone.
function properties(text: string, line: number, skipped: string[]): JProp[] {
  try {
    return topLevel(ICAL.parse(text));
  } catch {
    const out: JProp[] = [];
    let nested = 0;
    for (const raw of text.split(/\r?\n/)) {
      const parts = splitLine(raw);
      if (!parts) continue;
      if (parts.name === 'BEGIN') {
        if (parts.value.toUpperCase() !== 'VEVENT') nested++;
        continue;
      }
      if (parts.name === 'END') {
        if (nested > 0) nested--;
        continue;
      }
      if (nested > 0) continue;
      try {
        out.push(...topLevel(ICAL.parse(`BEGIN:VEVENT\r\n${raw}\r\nEND:VEVENT\r\n`)));
      } catch {
        skipped.push(`line ${line}: ${parts.name.slice(0, 40)} of this event cannot be read; that property is ignored`);
      }
    }
    return out;
  }
}

function topLevel(jcal: unknown): JProp[] {
  const list = jcal as [string, JProp[], unknown[]];
  if (!Array.isArray(list) || list[0] !== 'vevent') throw new Error('not a VEVENT');
  return list[1];
}

const DATE_TIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z?)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

function timeValue(value: unknown, type: string, tzid: string | undefined): WallTime | undefined {
  if (typeof value !== 'string') return undefined;
  // ical.js reads an 8-digit value where it expects a date-time as "YYYY-MM-DDT::": it is a date.
  if (type === 'date-time' && /^\d{4}-\d\d-\d\dT::$/.test(value)) return timeValue(value.slice(0, 10), 'date', undefined);
  const m = (type === 'date' ? DATE : DATE_TIME).exec(value);
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const wall = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59));
  const back = new Date(wall);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  const utc = m[7] === 'Z';
  return { wall, date: type === 'date', utc, tzid: utc || type === 'date' ? undefined : tzid };
}

// RFC 5545's grammar, as python-icalendar checks it: "PT1W" is not a duration.
const DURATION = /^\+?P(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;

function lengthValue(value: unknown): Length | undefined {
  if (typeof value !== 'string' || !DURATION.test(value) || /T$/.test(value)) return undefined;
  try {
    const d = ICAL.Duration.fromString(value);
    if (d.isNegative) return undefined;
    return { days: d.weeks * 7 + d.days, ms: ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000 };
  } catch {
    return undefined;
  }
}

function rdateValue(value: unknown, type: string, tzid: string | undefined): RDate | undefined {
  if (type !== 'period') {
    const start = timeValue(value, type, tzid);
    return start && { start };
  }
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  // A period of two dates is not RFC 5545, but python-icalendar reads it as one: so do we.
  const part = (v: unknown) => timeValue(v, 'date-time', tzid) ?? timeValue(v, 'date', tzid);
  const start = part(value[0]);
  if (!start) return undefined;
  const end = part(value[1]);
  if (end) return { start, end };
  const length = lengthValue(value[1]);
  return length && { start, length };
}

function recurValue(prop: JProp): ICAL.Recur | undefined {
  try {
    const recur = new ICAL.Property(prop as never).getFirstValue();
    if (!(recur instanceof ICAL.Recur) || !recur.freq) return undefined;
    if (recur.interval !== undefined && !(recur.interval >= 1)) return undefined;
    return recur;
  } catch {
    return undefined;
  }
}
