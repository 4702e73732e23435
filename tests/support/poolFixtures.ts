// A pool of four coaches for tests: New York, London, Berlin and Chicago, all free 13:00–20:00 UTC on weekdays in
// November, and booking bodies for as many different duos as a test needs.
import * as v from 'valibot';
import { ConfigSchema, type Config } from '../../core/config.ts';
import type { BookingRequestInput } from '../../core/intake.ts';
import { bookingBody } from './fixtures.ts';

const weekdays = (range: string) => ({ mon: [range], tue: [range], wed: [range], thu: [range], fri: [range] });

export const POOL_COACHES = [
  { id: 'maya', name: 'Maya Okafor', email: 'maya@example.org', timeZone: 'America/New_York', hours: weekdays('08:00-16:00') },
  { id: 'ben', name: 'Ben Ito', email: 'ben@example.org', timeZone: 'Europe/London', hours: weekdays('12:00-20:00') },
  { id: 'cy', name: 'Cy Moreau', email: 'cy@example.org', timeZone: 'Europe/Berlin', hours: weekdays('13:00-21:00') },
  { id: 'dee', name: 'Dee Shah', email: 'dee@example.org', timeZone: 'America/Chicago', hours: weekdays('07:00-15:00') },
];

/** The four coaches (weights and pairs as given); `call` and `practice` are merged into the defaults. */
export function poolConfig(
  over: {
    weights?: Record<string, number>;
    pairs?: [string, string][];
    call?: Record<string, unknown>;
    practice?: Record<string, unknown>;
  } = {},
): Config {
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
    coaches: POOL_COACHES.map((c) => ({ ...c, ...(over.weights?.[c.id] !== undefined ? { weight: over.weights[c.id] } : {}) })),
    ...(over.pairs ? { pairs: over.pairs } : {}),
  });
}

/** A booking body for duo number `n`: Ada and Grace for 0, then two other people (own addresses) for each n. */
export function duoBody(start: string, n = 0): BookingRequestInput {
  if (n === 0) return bookingBody(start);
  return bookingBody(start, {
    people: [
      { name: `Lin Wu ${n}`, email: `lin${n}@example.com`, role: 'Co-lead', timeZone: 'America/New_York' },
      { name: `Sam Roy ${n}`, email: `sam${n}@example.com`, role: 'Co-lead', timeZone: 'Europe/Paris' },
    ],
  });
}
