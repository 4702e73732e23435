// The practice's configuration file: one valibot schema, defaults filled in, every mistake by its path.
import * as v from 'valibot';
import { AGREEMENTS, FOCUS_AREAS, RELATIONSHIPS, SPONSOR_RELATIONS } from './intake.ts';
import { isTimeZone } from './timeZone.ts';

const TimeZone = v.pipe(
  v.string(),
  v.check(isTimeZone, (issue) => `unknown time zone ${JSON.stringify(issue.input)}`),
);

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "HH:MM" to minutes after local midnight. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

const Range = v.pipe(
  v.string(),
  v.check((s) => {
    const [a, b] = s.split('-');
    return !!a && !!b && HHMM.test(a) && HHMM.test(b) && minutesOfDay(a) < minutesOfDay(b);
  }, (issue) => `expected a range like "09:00-12:00", got ${JSON.stringify(issue.input)}`),
);

const Ranges = v.array(Range);

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const Hours = v.strictObject({
  mon: v.optional(Ranges), tue: v.optional(Ranges), wed: v.optional(Ranges),
  thu: v.optional(Ranges), fri: v.optional(Ranges), sat: v.optional(Ranges), sun: v.optional(Ranges),
});

// isoDate alone accepts 2026-02-30: the round trip through Date.UTC proves the day exists.
const realDate = (s: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(s)) return true; // the shape is isoDate's to report
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const IsoDate = v.pipe(v.string(), v.isoDate('expected a date like "2026-12-24"'),
  v.check(realDate, (issue) => `no such day: ${JSON.stringify(issue.input)}`));

// The secret iCal address of a calendar: fetched over http or https (webcal:// is tried as https, then http).
// (What is no URL at all is v.url()'s to report.)
const BusyFeed = v.pipe(v.string(), v.url(), v.check((url) => !/^[a-z][a-z0-9+.-]*:/i.test(url) || /^(https?|webcals?):\/\//i.test(url),
  (issue) => `a busy feed must be an http, https or webcal address, got ${JSON.stringify(String(issue.input).split(':')[0] + ':')}`));

const Coach = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use lower-case letters, digits and dashes')),
  name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100), v.regex(/^[^"\p{Cc}]*$/u, 'no quotes or control characters')),
  email: v.pipe(v.string(), v.email()),
  timeZone: TimeZone,
  hours: Hours,
  // One entry per date: with two, one would silently win (a day off and extra hours on the same date).
  exceptions: v.optional(v.pipe(
    v.array(v.object({ date: IsoDate, hours: Ranges })),
    v.check((es) => new Set(es.map((e) => e.date)).size === es.length, 'each date may have one exception only'),
  ), []),
  busyFeeds: v.optional(v.array(BusyFeed), []),
});

const Url = v.pipe(v.string(), v.url());

// The practice's own wording of what the duo reads, option by option; what is left out keeps the seed's
// English (core/texts.ts). Keys are the schema's values, so a typo is reported by its path, not ignored.
const Label = (max: number) => v.pipe(v.string(), v.trim(), v.nonEmpty('a label may not be empty'), v.maxLength(max));
const oneOf = (keys: readonly string[]) => `expected one of ${keys.join(', ')}`;

const Texts = v.strictObject({
  relationships: v.optional(v.record(v.picklist(RELATIONSHIPS, oneOf(RELATIONSHIPS)), Label(100)), {}),
  focusAreas: v.optional(v.record(v.picklist(FOCUS_AREAS, oneOf(FOCUS_AREAS)), Label(200)), {}),
  sponsorRelations: v.optional(v.record(v.picklist(SPONSOR_RELATIONS, oneOf(SPONSOR_RELATIONS)), Label(100)), {}),
  agreements: v.optional(v.record(v.picklist(AGREEMENTS, oneOf(AGREEMENTS)), Label(500)), {}),
  sponsorNote: v.optional(Label(2000)),
});

export const ConfigSchema = v.object({
  practice: v.object({
    name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100), v.regex(/^[^"\p{Cc}]*$/u, 'no quotes or control characters')),
    email: v.pipe(v.string(), v.email()),
    timeZone: TimeZone,
    baseUrl: Url,
    allowedOrigins: v.optional(v.array(Url), []),
    trustProxyHops: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)), 0),
    // The booking page's opening line and the text of a shared link's preview (Open Graph, Twitter card).
    description: v.optional(v.pipe(v.string(), v.trim(), v.nonEmpty('write the opening line, or leave description out'), v.maxLength(300), v.regex(/^[^\p{Cc}]*$/u, 'no control characters'))),
    // The picture of a shared link's preview: an absolute address (ideally https, 1200×630 pixels).
    shareImage: v.optional(Url),
  }),
  privacy: v.optional(
    v.object({ retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 180) }),
    { retentionDays: 180 },
  ),
  call: v.object({
    title: v.optional(v.pipe(v.string(), v.nonEmpty(), v.maxLength(120)), '2:2 Coaching discovery call'),
    minutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(480)), 45),
    stepMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(240)), 15),
    bufferMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(240)), 10),
    minNoticeHours: v.optional(v.pipe(v.number(), v.minValue(0)), 24),
    cancelNoticeHours: v.optional(v.pipe(v.number(), v.minValue(0)), 24),
    horizonDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(366)), 28),
    maxPerCoachPerDay: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
    location: v.optional(Url),
  }),
  texts: v.optional(Texts, {}),
  coaches: v.pipe(
    v.array(Coach),
    v.length(2, 'a discovery call has exactly two coaches'),
    v.check((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'coach ids must differ'),
  ),
});

export type Config = v.InferOutput<typeof ConfigSchema>;
export type Coach = Config['coaches'][number];
export type CallSettings = Config['call'];
