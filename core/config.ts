// The practice's configuration file: one valibot schema, defaults filled in, every mistake by its path.
import * as v from 'valibot';
import { AGREEMENTS, FOCUS_AREAS, RELATIONSHIPS, SPONSOR_RELATIONS } from './intake.ts';
import { isTimeZone } from './timeZone.ts';
import { WebhooksSchema } from './webhookConfig.ts';

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
  v.check(
    (s) => {
      const [a, b] = s.split('-');
      return !!a && !!b && HHMM.test(a) && HHMM.test(b) && minutesOfDay(a) < minutesOfDay(b);
    },
    (issue) => `expected a range like "09:00-12:00", got ${JSON.stringify(issue.input)}`,
  ),
);

const Ranges = v.array(Range);

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const Hours = v.strictObject({
  mon: v.optional(Ranges),
  tue: v.optional(Ranges),
  wed: v.optional(Ranges),
  thu: v.optional(Ranges),
  fri: v.optional(Ranges),
  sat: v.optional(Ranges),
  sun: v.optional(Ranges),
});

// isoDate alone accepts 2026-02-30: the round trip through Date.UTC proves the day exists.
const realDate = (s: string) => {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(s)) return true; // the shape is isoDate's to report
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};
const IsoDate = v.pipe(
  v.string(),
  v.isoDate('expected a date like "2026-12-24"'),
  v.check(realDate, (issue) => `no such day: ${JSON.stringify(issue.input)}`),
);

// The secret iCal address of a calendar: fetched over http or https (webcal:// is tried as https, then http).
// (What is no URL at all is v.url()'s to report.)
const BusyFeed = v.pipe(
  v.string(),
  v.url(),
  v.check(
    (url) => !/^[a-z][a-z0-9+.-]*:/i.test(url) || /^(https?|webcals?):\/\//i.test(url),
    (issue) => `a busy feed must be an http, https or webcal address, got ${JSON.stringify(String(issue.input).split(':')[0] + ':')}`,
  ),
);

const Coach = v.object({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use lower-case letters, digits and dashes')),
  name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100), v.regex(/^[^"\p{Cc}]*$/u, 'no quotes or control characters')),
  email: v.pipe(v.string(), v.email()),
  timeZone: TimeZone,
  hours: Hours,
  // One entry per date: with two, one would silently win (a day off and extra hours on the same date).
  exceptions: v.optional(
    v.pipe(
      v.array(v.object({ date: IsoDate, hours: Ranges })),
      v.check((es) => new Set(es.map((e) => e.date)).size === es.length, 'each date may have one exception only'),
    ),
    [],
  ),
  busyFeeds: v.optional(v.array(BusyFeed), []),
  // A share of the calls relative to the others: 0.5 about half of 1; 0 takes no new calls.
  weight: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100)), 1),
});

const Url = v.pipe(v.string(), v.url());
// A page people open from a mail or the widget: http(s) only, never javascript: or data:.
const WebUrl = v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//i, 'expected an http:// or https:// address'));

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

/** call.partnerConfirmation: whether the call stands before person two confirms ("ask") or is only held ("require"). */
export const PARTNER_CONFIRMATION = ['ask', 'require'] as const;

export const ConfigSchema = v.pipe(
  v.object({
    practice: v.pipe(
      v.object({
        name: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100), v.regex(/^[^"\p{Cc}]*$/u, 'no quotes or control characters')),
        email: v.pipe(v.string(), v.email()),
        // Who besides practice.email may sign in to /coach as an administrator (every call, the fair shares).
        admins: v.optional(v.array(v.pipe(v.string(), v.email())), []),
        timeZone: TimeZone,
        baseUrl: Url,
        allowedOrigins: v.optional(v.array(Url), []),
        trustProxyHops: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)), 0),
        // The booking page's opening line and the text of a shared link's preview (Open Graph, Twitter card).
        description: v.optional(
          v.pipe(
            v.string(),
            v.trim(),
            v.nonEmpty('write the opening line, or leave description out'),
            v.maxLength(300),
            v.regex(/^[^\p{Cc}]*$/u, 'no control characters'),
          ),
        ),
        // The picture of a shared link's preview: an absolute address (ideally https, 1200×630 pixels).
        shareImage: v.optional(Url),
        // The practice's own site, where "book another time" leads (default: this server's page, baseUrl).
        website: v.optional(WebUrl),
        // The practice's 2:2 explainer (a PDF or a page), offered before step one to read or share offline.
        explainerUrl: v.optional(WebUrl),
      }),
      v.transform((p) => ({ ...p, website: p.website ?? p.baseUrl })),
    ),
    privacy: v.optional(v.object({ retentionDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 180) }), {
      retentionDays: 180,
    }),
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
      // Person two's own confirmation: "ask" (the call stands; they are asked, and reminded once a day after booking)
      // or "require" (the time is held for both coaches until they confirm, and released if they do not in time).
      partnerConfirmation: v.optional(
        v.picklist(
          PARTNER_CONFIRMATION,
          'choose "ask" (the call stands, person two is asked to confirm) or "require" (the time is held until person two confirms)',
        ),
        'ask',
      ),
      // With "require": the hours after booking within which person two confirms, else the hold is released.
      confirmWithinHours: v.optional(
        v.pipe(
          v.number('give the hours as a number, such as 48'),
          v.minValue(1, 'give person two at least 1 hour to confirm'),
          v.maxValue(24 * 366, 'at most a year (8784 hours)'),
        ),
        48,
      ),
    }),
    texts: v.optional(Texts, {}),
    coaches: v.pipe(
      v.array(Coach),
      v.minLength(2, 'a discovery call needs at least two coaches'),
      v.check((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'coach ids must differ'),
    ),
    pairs: v.optional(
      v.pipe(
        v.array(v.strictTuple([v.string(), v.string()], 'a pair is two coach ids, such as ["ana", "ben"]')),
        v.minLength(1, 'list at least one pair, or leave pairs out so that any two coaches may coach together'),
      ),
    ),
    // The practice's own tools told of each booking's events (core/webhookConfig.ts).
    webhooks: WebhooksSchema,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (dataset.typed) {
      checkPairs(dataset.value, addIssue);
      checkHoldWindow(dataset.value, addIssue);
    }
  }),
);

/**
 * With "require", a hold is released at the latest at the cancellation notice before the call: a call must be booked
 * further ahead than that, or person two would have no time at all to confirm.
 */
function checkHoldWindow<T>(
  config: { call: { partnerConfirmation: string; minNoticeHours: number; cancelNoticeHours: number } },
  addIssue: v.RawCheckAddIssue<T>,
) {
  const call = config.call;
  if (call.partnerConfirmation !== 'require' || call.minNoticeHours > call.cancelNoticeHours) return;
  addIssue({
    message:
      `with partnerConfirmation "require", calls must be booked more than cancelNoticeHours (${call.cancelNoticeHours}) ahead, ` +
      'so that person two has time to confirm before the hold is released',
    path: [
      { type: 'object', origin: 'value', input: config, key: 'call', value: call },
      { type: 'object', origin: 'value', input: call, key: 'minNoticeHours', value: call.minNoticeHours },
    ],
  });
}

/** Each listed pair names two different configured coaches, and no pair is listed twice (in either order). */
function checkPairs<T>(config: { coaches: { id: string }[]; pairs?: [string, string][] }, addIssue: v.RawCheckAddIssue<T>) {
  const pairs = config.pairs;
  if (!pairs) return;
  const ids = new Set(config.coaches.map((c) => c.id));
  const at = (i: number, j?: number): [v.ObjectPathItem, ...v.ArrayPathItem[]] => {
    const pair = pairs[i];
    const path: [v.ObjectPathItem, ...v.ArrayPathItem[]] = [
      { type: 'object', origin: 'value', input: config, key: 'pairs', value: pairs },
      { type: 'array', origin: 'value', input: pairs, key: i, value: pair },
    ];
    if (j !== undefined) path.push({ type: 'array', origin: 'value', input: pair, key: j, value: pair[j] });
    return path;
  };
  const seen = new Map<string, number>();
  pairs.forEach(([a, b], i) => {
    const unknown = [a, b].map((id, j) => [id, j] as const).filter(([id]) => !ids.has(id));
    for (const [id, j] of unknown) addIssue({ message: `no coach has the id ${JSON.stringify(id)}`, path: at(i, j) });
    if (unknown.length) return;
    if (a === b) return addIssue({ message: 'a pair needs two different coaches', path: at(i) });
    const key = [a, b].sort().join('\n');
    const first = seen.get(key);
    if (first !== undefined) addIssue({ message: `the same pair as pairs.${first}`, path: at(i) });
    else seen.set(key, i);
  });
}

export type Config = v.InferOutput<typeof ConfigSchema>;
/** A coach as the engines read one; `weight` may be left out of a hand-built coach (it means 1, as in the file). */
export type Coach = Omit<Config['coaches'][number], 'weight'> & { weight?: number };
/** Two coach ids, as listed in `pairs`. */
export type Pair = readonly [string, string];
/** The call's settings the slot engine and the booking policy read (person two's confirmation is not among them). */
export type CallSettings = Omit<Config['call'], 'partnerConfirmation' | 'confirmWithinHours'>;
