// The config's webhooks: a good list is accepted with its defaults, each mistake is named by its path, and no
// message repeats a secret.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../core/config.ts';
import { toFieldIssues } from '../../../core/issues.ts';

const SECRET = `whsec_${Buffer.alloc(32, 1).toString('base64')}`;
const OLD = `whsec_${Buffer.alloc(24, 2).toString('base64')}`;

const coach = (id: string, timeZone: string) => ({
  id,
  name: `Coach ${id}`,
  email: `${id}@example.org`,
  timeZone,
  hours: { mon: ['09:00-12:00'] },
});
const withWebhooks = (webhooks: unknown) => ({
  practice: { name: 'WBT', email: 'coaching@example.org', timeZone: 'America/New_York', baseUrl: 'http://localhost:8787' },
  call: {},
  coaches: [coach('coach-a', 'America/New_York'), coach('coach-b', 'Europe/Berlin')],
  webhooks,
});
const issues = (webhooks: unknown) => {
  const result = v.safeParse(ConfigSchema, withWebhooks(webhooks));
  return result.success ? [] : toFieldIssues(result.issues);
};
const crm = (over: Record<string, unknown> = {}) => ({
  url: 'https://crm.example.org/hooks/duet',
  secret: SECRET,
  events: ['booking.created'],
  ...over,
});

describe('webhooks in the config', () => {
  it('are none by default; an endpoint shares no personal data and reaches no loopback address unless it says so', () => {
    const none = v.parse(ConfigSchema, { ...withWebhooks(undefined), webhooks: undefined });
    expect(none.webhooks).toEqual([]);
    const one = v.parse(ConfigSchema, withWebhooks([crm()]));
    expect(one.webhooks).toEqual([{ ...crm(), includePersonalData: false, allowLoopback: false }]);
  });

  it('take a list of secrets while one is rotated, and every event type', () => {
    const events = [
      'booking.created',
      'booking.confirmed',
      'booking.rescheduled',
      'booking.reassigned',
      'booking.cancelled',
      'booking.released',
      'booking.no_show',
    ];
    expect(issues([crm({ secret: [SECRET, OLD], events })])).toEqual([]);
    expect(
      issues([
        crm({ url: 'http://127.0.0.1:5678/webhook/duet', allowLoopback: true }),
        crm({ url: 'http://localhost:5678/x', allowLoopback: true }),
      ]),
    ).toEqual([]);
  });

  it('name each mistake by its path, without repeating the secret', () => {
    const cases: [unknown, string, string][] = [
      [crm({ secret: 'abc' }), 'webhooks.0.secret', 'a secret starts with "whsec_" (Standard Webhooks)'],
      [crm({ secret: 'whsec_not base64!' }), 'webhooks.0.secret', 'after "whsec_" a secret is base64 (A–Z, a–z, 0–9, +, /, = at the end)'],
      [
        crm({ secret: `whsec_${Buffer.alloc(16).toString('base64')}` }),
        'webhooks.0.secret',
        `a secret holds 24 to 64 random bytes: make one with  node -e "console.log('whsec_'+require('crypto').randomBytes(32).toString('base64'))"`,
      ],
      [crm({ secret: [SECRET, 'whsec_'] }), 'webhooks.0.secret.1', 'after "whsec_" a secret is base64 (A–Z, a–z, 0–9, +, /, = at the end)'],
      [crm({ secret: [SECRET, SECRET] }), 'webhooks.0.secret', 'each secret once'],
      [crm({ secret: [] }), 'webhooks.0.secret', 'list at least one secret'],
      [
        crm({ events: ['booking.moved'] }),
        'webhooks.0.events.0',
        'expected one of booking.created, booking.confirmed, booking.rescheduled, booking.reassigned, booking.cancelled, booking.released, booking.no_show',
      ],
      [crm({ events: [] }), 'webhooks.0.events', 'list the events this endpoint wants'],
      [crm({ events: ['booking.created', 'booking.created'] }), 'webhooks.0.events', 'each event once'],
      [
        crm({ url: 'http://crm.example.org/hooks' }),
        'webhooks.0.url',
        'a webhook goes out over https:// (http:// only to this machine itself, with allowLoopback: true)',
      ],
      [crm({ url: 'http://127.0.0.1:5678/hooks' }), 'webhooks.0.url', 'an address on this machine needs allowLoopback: true'],
      [crm({ url: 'https://localhost/hooks' }), 'webhooks.0.url', 'an address on this machine needs allowLoopback: true'],
      [
        crm({ url: 'https://10.0.0.5/hooks', allowLoopback: true }),
        'webhooks.0.allowLoopback',
        'allowLoopback is for an address on this machine (127.0.0.1, [::1] or localhost)',
      ],
      [crm({ url: 'crm' }), 'webhooks.0.url', 'expected an address such as "https://crm.example.org/hooks/duet"'],
      [crm({ includePersonalData: 'yes' }), 'webhooks.0.includePersonalData', 'true or false'],
    ];
    for (const [endpoint, path, message] of cases) {
      const found = issues([endpoint]);
      expect(found, JSON.stringify(endpoint)).toEqual([{ path, message }]);
      expect(JSON.stringify(found)).not.toContain(SECRET.slice(6));
    }
    expect(issues([crm(), crm()])).toEqual([{ path: 'webhooks', message: 'each endpoint address once' }]);
    expect(issues([crm({ token: 'x' })]).map((i) => i.path)).toEqual(['webhooks.0.token']);
  });
});
