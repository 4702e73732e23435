// Each rule of how a coach's calendar becomes busy time, with the exact instants it must give.
import { describe, expect, it } from 'vitest';
import { readFeed, type ExpandRange } from '../../../../server/feeds/feedExpand.ts';

const FROM = Date.parse('2026-03-01T00:00:00Z'); // US clocks change on Mar 8, European ones on Mar 29
const BERLIN: ExpandRange = { from: FROM, to: Date.parse('2026-04-15T00:00:00Z'), timeZone: 'Europe/Berlin' };

const cal = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Duet rules//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
let uid = 0;
/** A VEVENT with a fresh UID (unless one is given) and a DTSTAMP. */
const ev = (...lines: string[]) => [
  'BEGIN:VEVENT',
  ...(lines.some((l) => l.startsWith('UID:')) ? [] : [`UID:rule-${++uid}`]),
  'DTSTAMP:20260201T000000Z',
  ...lines,
  'END:VEVENT',
];

function read(text: string, range: Partial<ExpandRange> = {}) {
  const result = readFeed(text, { ...BERLIN, ...range });
  if (!result.ok) throw new Error(result.error);
  return { ...result, busy: result.busy.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()]) };
}
const busy = (text: string, range: Partial<ExpandRange> = {}) => read(text, range).busy;

/** A VTIMEZONE that says UTC+00:00 all year under any name: whoever uses it reads times as UTC. */
const wrongZone = (tzid: string) => [
  'BEGIN:VTIMEZONE',
  `TZID:${tzid}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0000',
  'END:STANDARD',
  'END:VTIMEZONE',
];

describe("time zones, in order: IANA name, Windows name, the feed's VTIMEZONE, the coach's zone", () => {
  it.each([
    [
      "an IANA name over the feed's own (wrong) VTIMEZONE",
      cal(...wrongZone('Europe/Berlin'), ...ev('DTSTART;TZID=Europe/Berlin:20260303T090000', 'DTEND;TZID=Europe/Berlin:20260303T100000')),
      ['2026-03-03T08:00:00.000Z', '2026-03-03T09:00:00.000Z'],
    ],
    [
      'an IANA name with no VTIMEZONE',
      cal(...ev('DTSTART;TZID=Asia/Tokyo:20260303T090000', 'DTEND;TZID=Asia/Tokyo:20260303T100000')),
      ['2026-03-03T00:00:00.000Z', '2026-03-03T01:00:00.000Z'],
    ],
    [
      'a Mozilla-prefixed IANA name',
      cal(
        ...ev(
          'DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260303T100000',
          'DTEND;TZID=/mozilla.org/20050126_1/America/New_York:20260303T110000',
        ),
      ),
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z'],
    ],
    [
      'a Windows name with no VTIMEZONE (Microsoft 365): 10:00 Eastern, not 10:00 Berlin',
      cal(...ev('DTSTART;TZID=Eastern Standard Time:20260303T100000', 'DTEND;TZID=Eastern Standard Time:20260303T110000')),
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z'],
    ],
    [
      'a quoted Windows name after the US change',
      cal(...ev('DTSTART;TZID="Pacific Standard Time":20260310T090000', 'DTEND;TZID="Pacific Standard Time":20260310T100000')),
      ['2026-03-10T16:00:00.000Z', '2026-03-10T17:00:00.000Z'],
    ],
    [
      "a Windows name over the feed's own (wrong) VTIMEZONE",
      cal(
        ...wrongZone('W. Europe Standard Time'),
        ...ev('DTSTART;TZID=W. Europe Standard Time:20260401T090000', 'DTEND;TZID=W. Europe Standard Time:20260401T100000'),
      ),
      ['2026-04-01T07:00:00.000Z', '2026-04-01T08:00:00.000Z'],
    ],
    [
      "a name of the feed's own, by its VTIMEZONE",
      cal(
        ...wrongZone('Customized Time Zone'),
        ...ev('DTSTART;TZID=Customized Time Zone:20260303T090000', 'DTEND;TZID=Customized Time Zone:20260303T100000'),
      ),
      ['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z'],
    ],
    ['UTC', cal(...ev('DTSTART:20260303T090000Z', 'DTEND:20260303T100000Z')), ['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z']],
    [
      "a floating time in the coach's zone",
      cal(...ev('DTSTART:20260303T090000', 'DTEND:20260303T100000')),
      ['2026-03-03T08:00:00.000Z', '2026-03-03T09:00:00.000Z'],
    ],
  ])('%s', (_rule, text, interval) => {
    const r = read(text);
    expect(r.busy).toEqual([interval]);
    expect(r.warnings).toEqual([]);
  });

  it("a name that is none of these is read in the coach's zone, and says so", () => {
    const r = read(cal(...ev('DTSTART;TZID=Foo Standard Time:20260303T090000', 'DTEND;TZID=Foo Standard Time:20260303T100000')));
    expect(r.busy).toEqual([['2026-03-03T08:00:00.000Z', '2026-03-03T09:00:00.000Z']]);
    expect(r.warnings).toEqual(['zone "Foo Standard Time" is unknown: read in the coach\'s zone']);
  });

  it('a weekly series in a Windows zone keeps its wall-clock time across the US change', () => {
    expect(
      busy(
        cal(
          ...ev(
            'DTSTART;TZID=Eastern Standard Time:20260303T100000',
            'DTEND;TZID=Eastern Standard Time:20260303T110000',
            'RRULE:FREQ=WEEKLY;COUNT=2',
          ),
        ),
      ),
    ).toEqual([
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z'],
      ['2026-03-10T14:00:00.000Z', '2026-03-10T15:00:00.000Z'],
    ]);
  });
});

describe('lenient values, as libical and python-icalendar read them', () => {
  it("an 8-digit DTSTART without VALUE=DATE is a date: the whole day in the coach's zone", () => {
    expect(busy(cal(...ev('DTSTART:20260303')))).toEqual([['2026-03-02T23:00:00.000Z', '2026-03-03T23:00:00.000Z']]);
  });

  it("an 8-digit EXDATE on a timed series removes that date's instance", () => {
    expect(
      busy(
        cal(
          ...ev(
            'DTSTART;TZID=Europe/Berlin:20260302T090000',
            'DTEND;TZID=Europe/Berlin:20260302T100000',
            'RRULE:FREQ=DAILY;COUNT=3',
            'EXDATE:20260303',
          ),
        ),
      ),
    ).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'],
      ['2026-03-04T08:00:00.000Z', '2026-03-04T09:00:00.000Z'],
    ]);
  });

  it("an 8-digit RECURRENCE-ID replaces that date's instance", () => {
    expect(
      busy(
        cal(
          ...ev(
            'UID:s',
            'DTSTART;TZID=Europe/Berlin:20260302T090000',
            'DTEND;TZID=Europe/Berlin:20260302T100000',
            'RRULE:FREQ=DAILY;COUNT=2',
          ),
          ...ev(
            'UID:s',
            'RECURRENCE-ID:20260303',
            'DTSTART;TZID=Europe/Berlin:20260303T150000',
            'DTEND;TZID=Europe/Berlin:20260303T160000',
          ),
        ),
      ),
    ).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'],
      ['2026-03-03T14:00:00.000Z', '2026-03-03T15:00:00.000Z'],
    ]);
  });

  it('an unreadable EXDATE costs that EXDATE, not the biweekly series, and is reported by line', () => {
    const r = read(
      cal(
        ...ev(
          'DTSTART;TZID=Europe/Berlin:20260302T090000',
          'DTEND;TZID=Europe/Berlin:20260302T100000',
          'RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=3',
          'EXDATE;TZID=Europe/Berlin:20260316T090000',
          'EXDATE;TZID=Europe/Berlin:2026-03-30T09:00',
        ),
      ),
    );
    expect(r.busy).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'],
      ['2026-03-30T07:00:00.000Z', '2026-03-30T08:00:00.000Z'],
    ]);
    expect(r.skipped).toEqual(['line 4: EXDATE of this event cannot be read; that property is ignored']);
  });

  it('an unreadable RRULE leaves the event at its DTSTART', () => {
    const r = read(cal(...ev('DTSTART:20260303T090000Z', 'DTEND:20260303T100000Z', 'RRULE:FREQ=FORTNIGHTLY')));
    expect(r.busy).toEqual([['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z']]);
    expect(r.skipped).toEqual(['line 4: RRULE of this event cannot be read; that property is ignored']);
  });

  it('an event without a readable DTSTART is skipped, the others count', () => {
    const r = read(cal(...ev('DTSTART:2026-99-99'), ...ev('DTSTART:20260303T090000Z', 'DTEND:20260303T100000Z')));
    expect(r.busy).toEqual([['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z']]);
    expect(r.skipped).toEqual(['line 4: an event without a readable DTSTART is ignored']);
    expect(r.events).toBe(2);
  });
});

describe('reports', () => {
  it('list at most 100 lines, however broken the feed', () => {
    const broken = Array.from({ length: 150 }, () => ev('DTSTART:soon')).flat();
    const r = read(cal(...broken, ...ev('DTSTART:20260303T090000Z', 'DTEND:20260303T100000Z')));
    expect(r.busy).toEqual([['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z']]);
    expect(r.skipped).toHaveLength(100);
    expect(r.skipped[0]).toBe('line 4: an event without a readable DTSTART is ignored');
    expect(r.skipped[99]).toBe('and 51 more like these');
  });
});

describe('recurrence details', () => {
  it('RECURRENCE-ID;RANGE=THISANDFUTURE moves that instance and all that follow', () => {
    expect(
      busy(
        cal(
          ...ev(
            'UID:t',
            'DTSTART;TZID=Europe/Berlin:20260302T090000',
            'DTEND;TZID=Europe/Berlin:20260302T100000',
            'RRULE:FREQ=WEEKLY;COUNT=4',
          ),
          ...ev(
            'UID:t',
            'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260316T090000',
            'DTSTART;TZID=Europe/Berlin:20260316T140000',
            'DTEND;TZID=Europe/Berlin:20260316T153000',
          ),
        ),
      ),
    ).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'],
      ['2026-03-09T08:00:00.000Z', '2026-03-09T09:00:00.000Z'],
      ['2026-03-16T13:00:00.000Z', '2026-03-16T14:30:00.000Z'],
      ['2026-03-23T13:00:00.000Z', '2026-03-23T14:30:00.000Z'],
    ]);
  });

  it('a cancelled THISANDFUTURE instance ends the series there', () => {
    expect(
      busy(
        cal(
          ...ev('UID:c', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z', 'RRULE:FREQ=DAILY;COUNT=5'),
          ...ev(
            'UID:c',
            'RECURRENCE-ID;RANGE=THISANDFUTURE:20260304T090000Z',
            'DTSTART:20260304T090000Z',
            'DTEND:20260304T100000Z',
            'STATUS:CANCELLED',
          ),
        ),
      ),
    ).toEqual([
      ['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z'],
      ['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z'],
    ]);
  });

  it("RDATE;VALUE=PERIOD uses the period's own end or duration", () => {
    expect(
      busy(
        cal(
          ...ev(
            'DTSTART:20260302T090000Z',
            'DTEND:20260302T100000Z',
            'RDATE;VALUE=PERIOD:20260303T120000Z/20260303T150000Z,20260304T120000Z/PT15M',
          ),
        ),
      ),
    ).toEqual([
      ['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z'],
      ['2026-03-03T12:00:00.000Z', '2026-03-03T15:00:00.000Z'],
      ['2026-03-04T12:00:00.000Z', '2026-03-04T12:15:00.000Z'],
    ]);
  });

  it('an EXDATE in a zone of its own removes the instance it names', () => {
    expect(
      busy(
        cal(
          ...ev(
            'DTSTART;TZID=America/New_York:20260302T100000',
            'DTEND;TZID=America/New_York:20260302T110000',
            'RRULE:FREQ=DAILY;COUNT=3',
            'EXDATE;TZID=Europe/Berlin:20260303T160000',
          ),
        ),
      ),
    ).toEqual([
      ['2026-03-02T15:00:00.000Z', '2026-03-02T16:00:00.000Z'],
      ['2026-03-04T15:00:00.000Z', '2026-03-04T16:00:00.000Z'],
    ]);
  });

  it('an instance moved into the window counts, one moved out of it does not', () => {
    const range = { from: Date.parse('2026-03-09T00:00:00Z'), to: Date.parse('2026-03-16T00:00:00Z') };
    expect(
      busy(
        cal(
          ...ev('UID:m', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z', 'RRULE:FREQ=WEEKLY;COUNT=3'),
          ...ev('UID:m', 'RECURRENCE-ID:20260309T090000Z', 'DTSTART:20260320T090000Z', 'DTEND:20260320T100000Z'),
          ...ev('UID:m', 'RECURRENCE-ID:20260316T090000Z', 'DTSTART:20260310T130000Z', 'DTEND:20260310T140000Z'),
        ),
        range,
      ),
    ).toEqual([['2026-03-10T13:00:00.000Z', '2026-03-10T14:00:00.000Z']]);
  });

  it('a DURATION in days is days on the wall clock: P1D over the US change is 23 hours, PT24H is 24', () => {
    expect(
      busy(
        cal(
          ...ev('DTSTART;TZID=America/New_York:20260307T120000', 'DURATION:P1D'),
          ...ev('DTSTART;TZID=America/New_York:20260307T130000', 'DURATION:PT24H'),
        ),
        { timeZone: 'America/New_York' },
      ),
    ).toEqual([['2026-03-07T17:00:00.000Z', '2026-03-08T18:00:00.000Z']]);
    expect(busy(cal(...ev('DTSTART;TZID=America/New_York:20260307T120000', 'DURATION:P1D')))).toEqual([
      ['2026-03-07T17:00:00.000Z', '2026-03-08T16:00:00.000Z'],
    ]);
  });

  it('DURATION, a date without DTEND (one day) and a date-time without DTEND (no time)', () => {
    expect(
      busy(
        cal(
          ...ev('DTSTART:20260302T090000Z', 'DURATION:PT1H30M'),
          ...ev('DTSTART;VALUE=DATE:20260304'),
          ...ev('DTSTART:20260305T090000Z'),
          ...ev('DTSTART;VALUE=DATE:20260306', 'DURATION:P2D'),
        ),
      ),
    ).toEqual([
      ['2026-03-02T09:00:00.000Z', '2026-03-02T10:30:00.000Z'],
      ['2026-03-03T23:00:00.000Z', '2026-03-04T23:00:00.000Z'],
      ['2026-03-05T23:00:00.000Z', '2026-03-07T23:00:00.000Z'],
    ]);
  });
});

describe('what blocks a time', () => {
  const meeting = (...extra: string[]) => ev('DTSTART:20260303T090000Z', 'DTEND:20260303T100000Z', ...extra);
  it.each([
    ['declined by the coach (address in any case)', ['ATTENDEE;PARTSTAT=DECLINED;CN=Maya:mailto:Maya@Example.org'], false],
    [
      'declined by someone else',
      ['ATTENDEE;PARTSTAT=DECLINED:mailto:other@example.org', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:maya@example.org'],
      true,
    ],
    ['accepted by the coach', ['ATTENDEE;PARTSTAT=ACCEPTED:mailto:maya@example.org'], true],
    ['TRANSP:TRANSPARENT', ['TRANSP:TRANSPARENT'], false],
    ['STATUS:CANCELLED', ['STATUS:CANCELLED'], false],
    ['X-MICROSOFT-CDO-BUSYSTATUS:FREE', ['X-MICROSOFT-CDO-BUSYSTATUS:FREE'], false],
    ['STATUS:TENTATIVE', ['STATUS:TENTATIVE'], true],
    ['X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE', ['X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE'], true],
  ])('%s', (_rule, extra, blocks) => {
    expect(busy(cal(...meeting(...extra)), { email: 'maya@example.org' })).toEqual(
      blocks ? [['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z']] : [],
    );
  });

  it("without the coach's address a declined event still blocks", () => {
    expect(busy(cal(...meeting('ATTENDEE;PARTSTAT=DECLINED:mailto:maya@example.org')))).toHaveLength(1);
  });

  it('an instance the coach declined blocks nothing; the rest of the series does', () => {
    expect(
      busy(
        cal(
          ...ev('UID:d', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z', 'RRULE:FREQ=DAILY;COUNT=2'),
          ...ev(
            'UID:d',
            'RECURRENCE-ID:20260303T090000Z',
            'DTSTART:20260303T090000Z',
            'DTEND:20260303T100000Z',
            'ATTENDEE;PARTSTAT=DECLINED:mailto:maya@example.org',
          ),
        ),
        { email: 'maya@example.org' },
      ),
    ).toEqual([['2026-03-02T09:00:00.000Z', '2026-03-02T10:00:00.000Z']]);
  });

  it('copies of one UID count once: the highest SEQUENCE, then the latest DTSTAMP', () => {
    const copy = (seq: number, stamp: string, hour: string) => [
      'BEGIN:VEVENT',
      'UID:copy',
      `SEQUENCE:${seq}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:20260303T${hour}0000Z`,
      `DTEND:20260303T${hour}3000Z`,
      'END:VEVENT',
    ];
    expect(
      busy(cal(...copy(1, '20260201T000000Z', '10'), ...copy(2, '20260101T000000Z', '12'), ...copy(0, '20260301T000000Z', '14'))),
    ).toEqual([['2026-03-03T12:00:00.000Z', '2026-03-03T12:30:00.000Z']]);
    expect(
      busy(cal(...copy(1, '20260201T000000Z', '10'), ...copy(1, '20260202T000000Z', '12'), ...copy(1, '20260115T000000Z', '14'))),
    ).toEqual([['2026-03-03T12:00:00.000Z', '2026-03-03T12:30:00.000Z']]);
  });

  it('copies of one overridden instance count once', () => {
    const override = (seq: number, hour: string) => [
      'BEGIN:VEVENT',
      'UID:o',
      `SEQUENCE:${seq}`,
      'DTSTAMP:20260201T000000Z',
      'RECURRENCE-ID:20260303T090000Z',
      `DTSTART:20260303T${hour}0000Z`,
      `DTEND:20260303T${hour}3000Z`,
      'END:VEVENT',
    ];
    expect(
      busy(
        cal(
          ...ev('UID:o', 'DTSTART:20260302T090000Z', 'DTEND:20260302T093000Z', 'RRULE:FREQ=DAILY;COUNT=2'),
          ...override(1, '11'),
          ...override(3, '15'),
          ...override(2, '13'),
        ),
      ),
    ).toEqual([
      ['2026-03-02T09:00:00.000Z', '2026-03-02T09:30:00.000Z'],
      ['2026-03-03T15:00:00.000Z', '2026-03-03T15:30:00.000Z'],
    ]);
  });
});

describe('bounded work', () => {
  it('a feed whose rules give more instances than the budget is over budget', () => {
    const text = cal(...ev('DTSTART:19700101T000000Z', 'DTEND:19700101T000001Z', 'RRULE:FREQ=SECONDLY'));
    expect(readFeed(text, { ...BERLIN, budget: { ms: 10_000, instances: 1_000 } })).toEqual({ ok: false, error: 'over_budget' });
  });

  it('a rule that runs for longer than the budget is over budget', () => {
    // COUNT makes the rule count from 1970: no skipping ahead.
    const text = cal(...ev('DTSTART:19700101T000000Z', 'DTEND:19700101T000001Z', 'RRULE:FREQ=SECONDLY;COUNT=2000000000'));
    expect(readFeed(text, { ...BERLIN, budget: { ms: 50, instances: 1_000_000 } })).toEqual({ ok: false, error: 'over_budget' });
  });

  it('FREQ=SECONDLY since 1970 over one hour is 3,600 instances: read exactly, without stepping through 56 years', () => {
    const r = read(cal(...ev('DTSTART:19700101T000000Z', 'DTEND:19700101T000001Z', 'RRULE:FREQ=SECONDLY')), {
      from: Date.parse('2026-03-03T09:00:00Z'),
      to: Date.parse('2026-03-03T10:00:00Z'),
      budget: { ms: 60_000, instances: 3_600 },
    });
    expect(r.busy).toEqual([['2026-03-03T09:00:00.000Z', '2026-03-03T10:00:00.000Z']]);
  });
});
