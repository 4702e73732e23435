// Busy intervals from the first hand-written fixtures (Google, Outlook, zones, all-day, series), as exact instants.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandBusy, readFeed } from '../../../../server/feeds/feedExpand.ts';
import { parseFeed } from '../../../../server/feeds/feedParse.ts';

const NOW = Date.parse('2026-03-02T12:00:00Z'); // a Monday; US DST starts Mar 8, EU DST Mar 29
const RANGE = { from: NOW, to: NOW + 31 * 86_400_000, timeZone: 'America/New_York' };

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url), 'utf8');

/** The busy intervals of a fixture as [startIso, endIso] pairs. */
function busyOf(name: string, range = RANGE): [string, string][] {
  const result = readFeed(fixture(name), range);
  if (!result.ok) throw new Error(`fixture ${name} did not parse: ${result.error}`);
  expect(result.skipped).toEqual([]);
  return result.busy.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()]);
}

const vcal = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');

describe('time zones', () => {
  it('reads UTC, TZID with its VTIMEZONE, floating times in the coach zone (either side of DST) and an undefined IANA TZID', () => {
    expect(busyOf('times.ics')).toEqual([
      ['2026-03-03T08:00:00.000Z', '2026-03-03T09:00:00.000Z'], // 09:00 Europe/Berlin (CET)
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z'], // UTC
      ['2026-03-04T14:00:00.000Z', '2026-03-04T15:00:00.000Z'], // floating 09:00, New York EST
      ['2026-03-05T00:00:00.000Z', '2026-03-05T01:00:00.000Z'], // TZID=Asia/Tokyo, no VTIMEZONE
      ['2026-03-10T13:00:00.000Z', '2026-03-10T14:00:00.000Z'], // floating 09:00, New York EDT
    ]);
  });

  it('reads floating times in the coach zone: the same feed for a Berlin coach', () => {
    const berlin = busyOf('times.ics', { ...RANGE, timeZone: 'Europe/Berlin' });
    expect(berlin).toContainEqual(['2026-03-04T08:00:00.000Z', '2026-03-04T09:00:00.000Z']);
    expect(berlin).toContainEqual(['2026-03-10T08:00:00.000Z', '2026-03-10T09:00:00.000Z']);
  });
});

describe('all-day events and events without DTEND', () => {
  it('blocks whole dates in the coach zone, also across a DST change and by DURATION', () => {
    expect(busyOf('all-day.ics')).toEqual([
      ['2026-03-05T05:00:00.000Z', '2026-03-06T05:00:00.000Z'],
      ['2026-03-07T05:00:00.000Z', '2026-03-10T04:00:00.000Z'], // Mar 7–9, the clocks change on Mar 8
      ['2026-03-16T04:00:00.000Z', '2026-03-18T04:00:00.000Z'], // DURATION:P2D
    ]);
  });

  it('a Berlin coach is busy on the Berlin date', () => {
    expect(busyOf('all-day.ics', { ...RANGE, timeZone: 'Europe/Berlin' })[0]).toEqual([
      '2026-03-04T23:00:00.000Z',
      '2026-03-05T23:00:00.000Z',
    ]);
  });

  it('uses DURATION, one day for a date and no length for a date-time (RFC 5545 defaults)', () => {
    expect(busyOf('no-dtend.ics')).toEqual([
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:30:00.000Z'],
      ['2026-03-05T05:00:00.000Z', '2026-03-06T05:00:00.000Z'],
    ]);
  });
});

describe('recurring events', () => {
  it('expands RRULE with EXDATE, moved and cancelled instances, COUNT, and instances moved into the range', () => {
    expect(busyOf('recurring.ics')).toEqual([
      ['2026-03-02T13:00:00.000Z', '2026-03-02T13:15:00.000Z'], // daily COUNT=3
      ['2026-03-03T13:00:00.000Z', '2026-03-03T13:15:00.000Z'],
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z'], // Tuesday 10:00 EST
      ['2026-03-04T13:00:00.000Z', '2026-03-04T13:15:00.000Z'],
      // Mar 10 is an EXDATE; Mar 17 moved to Wednesday 14:00 EDT; Mar 24 cancelled
      ['2026-03-18T18:00:00.000Z', '2026-03-18T19:00:00.000Z'],
      ['2026-03-20T04:00:00.000Z', '2026-03-21T04:00:00.000Z'], // yearly all-day since 2020
      ['2026-03-30T13:00:00.000Z', '2026-03-30T14:00:00.000Z'], // April 1st's instance moved to Mar 30
      ['2026-03-31T14:00:00.000Z', '2026-03-31T15:00:00.000Z'], // Tuesday 10:00 EDT
    ]);
  });

  it('occurrences overlapping either end of the range count, cut to it; one ending at its start does not', () => {
    const text = vcal(
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTAMP:20260301T000000Z',
      'DTSTART:20260301T110000Z',
      'DTEND:20260301T130000Z',
      'RRULE:FREQ=DAILY',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTAMP:20260301T000000Z',
      'DTSTART:20260301T100000Z',
      'DTEND:20260301T120000Z',
      'RRULE:FREQ=DAILY;COUNT=2',
      'END:VEVENT',
    );
    const r = readFeed(text, { ...RANGE, to: NOW + 86_400_000 });
    expect(r.ok && r.busy.map((i) => new Date(i.start).toISOString())).toEqual(['2026-03-02T12:00:00.000Z', '2026-03-03T11:00:00.000Z']);
  });
});

describe('free time blocks nothing', () => {
  it('skips TRANSP:TRANSPARENT, STATUS:CANCELLED and Outlook "free"; tentative still blocks', () => {
    expect(busyOf('free.ics')).toEqual([
      ['2026-03-05T15:00:00.000Z', '2026-03-05T16:00:00.000Z'],
      ['2026-03-06T15:00:00.000Z', '2026-03-06T16:00:00.000Z'],
    ]);
  });
});

describe('the shapes calendars publish', () => {
  it('Google Calendar: VTIMEZONE, weekly series with UNTIL, EXDATE and a moved instance, folded lines, transparent all-day', () => {
    expect(busyOf('google.ics')).toEqual([
      ['2026-03-02T19:00:00.000Z', '2026-03-02T20:00:00.000Z'],
      ['2026-03-04T17:00:00.000Z', '2026-03-04T18:00:00.000Z'],
      ['2026-03-10T20:00:00.000Z', '2026-03-10T21:00:00.000Z'], // Mar 9 moved to Mar 10, 16:00 EDT
      ['2026-03-12T04:00:00.000Z', '2026-03-14T04:00:00.000Z'], // out of office, two days
      ['2026-03-23T18:00:00.000Z', '2026-03-23T19:00:00.000Z'], // Mar 16 excluded; Mar 30 after UNTIL
    ]);
  });

  it('Outlook: a Windows zone name defined by its own VTIMEZONE (not the coach zone), busy status', () => {
    // The coach lives in New York; the times come from "W. Europe Standard Time" as the feed defines it.
    expect(busyOf('outlook.ics')).toEqual([
      ['2026-03-04T08:00:00.000Z', '2026-03-04T09:00:00.000Z'], // Wed 09:00 CET
      ['2026-03-06T15:00:00.000Z', '2026-03-06T15:30:00.000Z'], // TZID=UTC, tentative
      ['2026-03-18T13:00:00.000Z', '2026-03-18T14:00:00.000Z'], // moved instance, 14:00 CET; Mar 11 excluded
      ['2026-03-20T04:00:00.000Z', '2026-03-21T04:00:00.000Z'], // all-day out of office
      ['2026-03-25T08:00:00.000Z', '2026-03-25T09:00:00.000Z'],
      ['2026-04-01T07:00:00.000Z', '2026-04-01T08:00:00.000Z'], // 09:00 CEST after Mar 29
    ]);
  });
});

describe('what is not a calendar', () => {
  it.each([
    ['HTML', '<!DOCTYPE html><html><body>Sign in</body></html>', 'not_icalendar'],
    ['empty', '', 'not_icalendar'],
    ['JSON', '{"error":"not found"}', 'not_icalendar'],
    ['garbage after the header', 'BEGIN:VCALENDAR\r\nthis is no calendar line\r\nEND:VCALENDAR\r\n', 'parse_error'],
    ['binary', 'BEGIN:VCALENDAR\r\n\u0000\u0001\u0002\r\n', 'parse_error'],
    ['unterminated', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n', 'parse_error'],
  ])('%s is refused', (_name, text, error) => {
    expect(parseFeed(text)).toEqual({ ok: false, error });
  });

  it('an event with a broken date is skipped, the rest of the feed counts', () => {
    const parsed = parseFeed(
      vcal(
        'BEGIN:VEVENT',
        'UID:bad',
        'DTSTAMP:20260301T000000Z',
        'DTSTART:2026-99-99',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:good',
        'DTSTAMP:20260301T000000Z',
        'DTSTART:20260303T150000Z',
        'DTEND:20260303T160000Z',
        'END:VEVENT',
      ),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const r = expandBusy(parsed, RANGE);
    expect(r.skipped).toHaveLength(1);
    expect(r.busy).toEqual([{ start: Date.parse('2026-03-03T15:00:00Z'), end: Date.parse('2026-03-03T16:00:00Z') }]);
  });

  it('a byte-order mark before BEGIN:VCALENDAR is fine', () => {
    expect(parseFeed('\uFEFF' + fixture('free.ics')).ok).toBe(true);
  });
});
