// The practice's config file: a good one is accepted with defaults, a bad one lists each mistake by path.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../core/config.ts';
import { toFieldIssues } from '../../../core/issues.ts';

const coach = (id: string, timeZone: string) => ({
  id,
  name: `Coach ${id}`,
  email: `${id}@example.org`,
  timeZone,
  hours: { mon: ['09:00-12:00', '13:00-17:00'] },
});

const minimal = () => ({
  practice: { name: 'WBT', email: 'coaching@example.org', timeZone: 'America/New_York', baseUrl: 'http://localhost:8787' },
  call: {},
  coaches: [coach('coach-a', 'America/New_York'), coach('coach-b', 'Europe/Berlin')],
});

const issues = (input: unknown) => {
  const result = v.safeParse(ConfigSchema, input);
  return result.success ? [] : toFieldIssues(result.issues);
};

describe('a good config', () => {
  it('is accepted with every default filled in', () => {
    const result = v.safeParse(ConfigSchema, minimal());
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.output.call).toEqual({
      title: '2:2 Coaching discovery call',
      minutes: 45,
      stepMinutes: 15,
      bufferMinutes: 10,
      minNoticeHours: 24,
      cancelNoticeHours: 24,
      horizonDays: 28,
      partnerConfirmation: 'ask',
      confirmWithinHours: 48,
    });
    expect(result.output.privacy).toEqual({ retentionDays: 180 });
    expect(result.output.practice.trustProxyHops).toBe(0);
    expect(result.output.practice.allowedOrigins).toEqual([]);
    expect(result.output.coaches[1]).toMatchObject({ exceptions: [], busyFeeds: [] });
    expect(result.output.texts).toEqual({ relationships: {}, focusAreas: {}, sponsorRelations: {}, agreements: {} });
  });

  it("takes the practice's own wording for some labels, trimmed, and leaves the rest to the defaults", () => {
    const config: any = minimal();
    config.texts = { focusAreas: { trust: '  Rebuilding trust  ' }, sponsorNote: 'Sponsors hear themes, never specifics.' };
    const result = v.safeParse(ConfigSchema, config);
    expect(result.success && result.output.texts).toEqual({
      relationships: {},
      focusAreas: { trust: 'Rebuilding trust' },
      sponsorRelations: {},
      agreements: {},
      sponsorNote: 'Sponsors hear themes, never specifics.',
    });
  });

  it('the example config shipped with Duet is accepted', () => {
    const example = JSON.parse(readFileSync(new URL('../../../examples/duet.config.json', import.meta.url), 'utf8'));
    expect(issues(example)).toEqual([]);
  });

  it('accepts hours that run to midnight as 24:00', () => {
    const config = minimal();
    config.coaches[0].hours = { mon: ['18:00-24:00'] };
    expect(issues(config)).toEqual([]);
  });
});

describe('a bad config', () => {
  it('names each mistake with its path', () => {
    const config = minimal() as any;
    config.practice.email = 'not-an-email';
    config.call.minutes = 2;
    config.coaches[0].hours.mon[1] = '17:00-09:00';
    config.coaches[0].exceptions = [{ date: '2026-13-01', hours: [] }];
    config.coaches[1].timeZone = 'Mars/Base';
    const paths = issues(config).map((i) => i.path);
    expect(paths).toEqual(['practice.email', 'call.minutes', 'coaches.0.hours.mon.1', 'coaches.0.exceptions.0.date', 'coaches.1.timeZone']);
  });

  it.each([
    [
      'an unknown time zone',
      (c: any) => {
        c.coaches[1].timeZone = 'Mars/Base';
      },
      'coaches.1.timeZone',
      'unknown time zone "Mars/Base"',
    ],
    [
      'a reversed range',
      (c: any) => {
        c.coaches[0].hours.mon = ['17:00-09:00'];
      },
      'coaches.0.hours.mon.0',
      'expected a range like "09:00-12:00", got "17:00-09:00"',
    ],
    [
      'a time past midnight',
      (c: any) => {
        c.coaches[0].hours.mon = ['09:00-24:30'];
      },
      'coaches.0.hours.mon.0',
      'expected a range like "09:00-12:00", got "09:00-24:30"',
    ],
    [
      'a misspelt weekday',
      (c: any) => {
        c.coaches[0].hours.mnd = ['09:00-10:00'];
      },
      'coaches.0.hours.mnd',
      expect.any(String),
    ],
    [
      'a month that does not exist',
      (c: any) => {
        c.coaches[0].exceptions = [{ date: '2026-13-01', hours: [] }];
      },
      'coaches.0.exceptions.0.date',
      'expected a date like "2026-12-24"',
    ],
    [
      'a date with two exceptions',
      (c: any) => {
        c.coaches[0].exceptions = [
          { date: '2026-12-24', hours: [] },
          { date: '2026-12-24', hours: ['09:00-10:00'] },
        ];
      },
      'coaches.0.exceptions',
      'each date may have one exception only',
    ],
    [
      'one coach only',
      (c: any) => {
        c.coaches.pop();
      },
      'coaches',
      'a discovery call needs at least two coaches',
    ],
    [
      'the same coach twice',
      (c: any) => {
        c.coaches[1].id = 'coach-a';
      },
      'coaches',
      'coach ids must differ',
    ],
    [
      'a coach name with a quote',
      (c: any) => {
        c.coaches[0].name = 'Maya "M" Okafor';
      },
      'coaches.0.name',
      'no quotes or control characters',
    ],
    [
      'a coach name with a line break',
      (c: any) => {
        c.coaches[0].name = 'Maya\nOkafor';
      },
      'coaches.0.name',
      'no quotes or control characters',
    ],
    [
      'a busy feed that is not a URL',
      (c: any) => {
        c.coaches[0].busyFeeds = ['calendar'];
      },
      'coaches.0.busyFeeds.0',
      expect.any(String),
    ],
    [
      'a busy feed on the local disk',
      (c: any) => {
        c.coaches[1].busyFeeds = ['https://calendar.example.org/a.ics', 'file:///etc/passwd'];
      },
      'coaches.1.busyFeeds.1',
      'a busy feed must be an http, https or webcal address, got "file:"',
    ],
    [
      'a busy feed over FTP',
      (c: any) => {
        c.coaches[0].busyFeeds = ['ftp://calendar.example.org/a.ics'];
      },
      'coaches.0.busyFeeds.0',
      'a busy feed must be an http, https or webcal address, got "ftp:"',
    ],
    [
      'a negative buffer',
      (c: any) => {
        c.call.bufferMinutes = -5;
      },
      'call.bufferMinutes',
      expect.any(String),
    ],
    [
      'a fractional horizon',
      (c: any) => {
        c.call.horizonDays = 2.5;
      },
      'call.horizonDays',
      expect.any(String),
    ],
    [
      'a cap of zero calls',
      (c: any) => {
        c.call.maxPerCoachPerDay = 0;
      },
      'call.maxPerCoachPerDay',
      expect.any(String),
    ],
    [
      'a label for a focus area that does not exist',
      (c: any) => {
        c.texts = { focusAreas: { trsut: 'Trust' } };
      },
      'texts.focusAreas.trsut',
      'expected one of trust, communication, tension, roles, culture, other',
    ],
    [
      'an empty agreement text',
      (c: any) => {
        c.texts = { agreements: { notice: ' ' } };
      },
      'texts.agreements.notice',
      'a label may not be empty',
    ],
    [
      'an unknown group of texts',
      (c: any) => {
        c.texts = { buttons: {} };
      },
      'texts.buttons',
      expect.any(String),
    ],
    [
      'trusting every proxy',
      (c: any) => {
        c.practice.trustProxyHops = -1;
      },
      'practice.trustProxyHops',
      expect.any(String),
    ],
  ])('refuses %s', (_, spoil, path, message) => {
    const config = minimal();
    spoil(config);
    expect(issues(config)).toEqual([{ path, message }]);
  });

  it('refuses a day that does not exist, such as 2026-02-30', () => {
    const config: any = minimal();
    config.coaches[0].exceptions = [{ date: '2026-02-30', hours: [] }];
    expect(issues(config)).toEqual([{ path: 'coaches.0.exceptions.0.date', message: 'no such day: "2026-02-30"' }]);
  });

  it('refuses a practice name with a quote, which would break the invitations', () => {
    const config: any = minimal();
    config.practice.name = 'WBT "Coaching"';
    expect(issues(config)).toEqual([{ path: 'practice.name', message: 'no quotes or control characters' }]);
  });

  it('refuses a booking page description that is blank or breaks lines, and a share image that is no address', () => {
    const config: any = minimal();
    config.practice.description = '   ';
    config.practice.shareImage = 'share.png';
    expect(issues(config).map((i) => i.path)).toEqual(['practice.description', 'practice.shareImage']);
    expect(issues(config)[0].message).toBe('write the opening line, or leave description out');
    config.practice.description = 'Two leaders,\ntwo coaches.';
    config.practice.shareImage = 'https://wbt.example/share.png';
    expect(issues(config)).toEqual([{ path: 'practice.description', message: 'no control characters' }]);
  });

  it('refuses something that is not an object at all', () => {
    expect(issues('hello')).toHaveLength(1);
    expect(issues(null)).toHaveLength(1);
  });
});

describe("the practice's own pages", () => {
  it('send "book another time" to baseUrl unless practice.website says where, and carry no explainer unless given', () => {
    const plain = v.parse(ConfigSchema, minimal());
    expect(plain.practice.website).toBe('http://localhost:8787');
    expect(plain.practice.explainerUrl).toBeUndefined();
    const own: any = minimal();
    own.practice.website = 'https://wbt.example.org/2x2';
    own.practice.explainerUrl = 'https://wbt.example.org/2x2-explainer.pdf';
    expect(v.parse(ConfigSchema, own).practice).toMatchObject({
      website: 'https://wbt.example.org/2x2',
      explainerUrl: 'https://wbt.example.org/2x2-explainer.pdf',
    });
  });

  it('refuses a website or an explainer that is not a web address (no javascript: links in the widget or a mail)', () => {
    const config: any = minimal();
    config.practice.website = 'javascript:alert(1)';
    config.practice.explainerUrl = 'explainer.pdf';
    expect([...new Set(issues(config).map((i) => i.path))]).toEqual(['practice.website', 'practice.explainerUrl']);
  });
});

describe("person two's confirmation (call.partnerConfirmation, call.confirmWithinHours)", () => {
  it('takes "require" with its own window, and an "ask" practice may book as late as it cancels', () => {
    const held = { ...minimal(), call: { partnerConfirmation: 'require', confirmWithinHours: 12, minNoticeHours: 48 } };
    const out = v.parse(ConfigSchema, held).call;
    expect([out.partnerConfirmation, out.confirmWithinHours]).toEqual(['require', 12]);
    expect(issues({ ...minimal(), call: { partnerConfirmation: 'ask', minNoticeHours: 24, cancelNoticeHours: 24 } })).toEqual([]);
  });

  it('names a mode that is neither, and a window that is no number of hours, by path', () => {
    expect(issues({ ...minimal(), call: { partnerConfirmation: 'always', confirmWithinHours: 0 } })).toEqual([
      {
        path: 'call.partnerConfirmation',
        message: 'choose "ask" (the call stands, person two is asked to confirm) or "require" (the time is held until person two confirms)',
      },
      { path: 'call.confirmWithinHours', message: 'give person two at least 1 hour to confirm' },
    ]);
    expect(issues({ ...minimal(), call: { confirmWithinHours: '48' } })).toEqual([
      { path: 'call.confirmWithinHours', message: 'give the hours as a number, such as 48' },
    ]);
  });

  it('refuses "require" when calls may be booked no further ahead than they are released, which would leave no time to confirm', () => {
    expect(issues({ ...minimal(), call: { partnerConfirmation: 'require' } })).toEqual([
      {
        path: 'call.minNoticeHours',
        message:
          'with partnerConfirmation "require", calls must be booked more than cancelNoticeHours (24) ahead, so that person two has time to confirm before the hold is released',
      },
    ]);
  });
});
