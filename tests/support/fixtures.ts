// Shared test inputs: a two-coach config and a valid booking body, built fresh for every test.
import * as v from 'valibot';
import { ConfigSchema, type Config } from '../../core/config.ts';
import type { BookingRequestInput } from '../../core/intake.ts';
import { stampAt } from './stamp.ts';

/** Two coaches, New York and Berlin, weekdays; overrides are merged into `call`/`practice`. */
export function testConfig(over: { call?: Record<string, unknown>; practice?: Record<string, unknown> } = {}): Config {
  return v.parse(ConfigSchema, {
    practice: {
      name: 'WBT Coaching',
      email: 'coaching@example.org',
      timeZone: 'America/New_York',
      baseUrl: 'http://localhost:8787',
      allowedOrigins: ['http://localhost:8787'],
      ...over.practice,
    },
    call: { location: 'https://meet.example.org/wbt', ...over.call },
    coaches: [
      {
        id: 'maya',
        name: 'Maya Okafor',
        email: 'maya@example.org',
        timeZone: 'America/New_York',
        hours: { mon: ['08:00-16:00'], tue: ['08:00-16:00'], wed: ['08:00-16:00'], thu: ['08:00-16:00'], fri: ['08:00-16:00'] },
      },
      {
        id: 'jonas',
        name: 'Jonas Weber',
        email: 'jonas@example.org',
        timeZone: 'Europe/Berlin',
        hours: { mon: ['10:00-19:00'], tue: ['10:00-19:00'], wed: ['10:00-19:00'], thu: ['10:00-19:00'], fri: ['10:00-19:00'] },
      },
    ],
  });
}

/** Another duo, the `n`th: a person's address may hold only two upcoming calls, so tests booking more use several duos. */
export function duo(n: number): BookingRequestInput['intake']['people'] {
  return [
    { name: `Ada ${n}`, email: `ada.${n}@example.com`, role: 'CEO', timeZone: 'America/New_York' },
    { name: `Grace ${n}`, email: `grace.${n}@example.com`, role: 'COO', timeZone: 'Europe/London' },
  ];
}

/**
 * A complete, valid booking body for `start`, stamped a minute ago by the real clock: right for a real server
 * process (startServer gives it the test key). In-process tests with their own clock stamp with that clock.
 */
export function bookingBody(start: string, over: Partial<BookingRequestInput['intake']> = {}): BookingRequestInput {
  return {
    slot: { start },
    intake: {
      partnership: { relationship: 'co-founders', relationshipOther: '', organization: 'Acme', context: 'We disagree on hiring.' },
      people: [
        { name: 'Ada Lovelace', email: 'ada@example.com', role: 'CEO', timeZone: 'America/New_York' },
        { name: 'Grace Hopper', email: 'grace@example.com', role: 'COO', timeZone: 'Europe/London' },
      ],
      focus: { areas: ['trust', 'communication'], other: '', hopes: 'Decide together, faster.' },
      sponsor: null,
      agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
      ...over,
    },
    meta: { honeypot: '', stamp: stampAt(Date.now() - 60_000) },
  };
}
