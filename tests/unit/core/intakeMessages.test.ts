// Every field of the booking request, driven through every way it can be refused, is refused in written words:
// never valibot's own text ("Invalid type: Expected …"), which would reach the widget's screen and the API's 422.
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BookingRequestSchema } from '../../../core/intake.ts';
import { toFieldIssues } from '../../../core/issues.ts';
import { WRITTEN } from '../../support/writtenMessages.ts';

const valid = () => ({
  slot: { start: '2026-12-01T15:00:00Z' },
  intake: {
    partnership: { relationship: 'other', relationshipOther: 'Board and director', organization: 'Acme', context: 'What is happening now' },
    people: [
      { name: 'Ada', email: 'ada@example.com', role: 'CEO', timeZone: 'America/New_York' },
      { name: 'Grace', email: 'grace@example.com', role: 'COO', timeZone: 'Europe/London' },
    ],
    focus: { areas: ['trust', 'other'], other: 'Hiring', hopes: 'What should change' },
    sponsor: { name: 'Board chair', email: 'chair@example.com', relation: 'board' },
    agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
  },
  meta: { honeypot: '', openedAt: '2026-11-24T10:00:00Z' },
});

/** Every path in the request, containers and leaves: `intake.people.1.email`, `intake.focus.areas.0`, … */
function paths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const own = Object.entries(value).flatMap(([k, x]) => paths(x, prefix ? `${prefix}.${k}` : k));
  return prefix ? [prefix, ...own] : own;
}

const REMOVE = Symbol('remove');
function spoil(path: string, bad: unknown) {
  const input: any = valid();
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((o, k) => o[k], input);
  const last = keys[keys.length - 1];
  if (bad === REMOVE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = bad;
  return input;
}

const messages = (input: unknown) => {
  const result = v.safeParse(BookingRequestSchema, input);
  return result.success ? [] : toFieldIssues(result.issues).map((i) => i.message);
};

// What a person can do to a field in the form, and what any client can send instead.
const WAYS: [string, unknown][] = [
  ['left out', REMOVE],
  ['null', null],
  ['a number', 42],
  ['true', true],
  ['false', false],
  ['an object', { a: 1 }],
  ['a list', ['x']],
  ['empty', ''],
  ['spaces only', '   '],
  ['too long', 'x'.repeat(5000)],
  ['a quotation mark', 'Ada "A"'],
  ['a line break', 'Ada\nLovelace'],
  ['a control character', 'Ada\u0007'],
  ['a lone surrogate', 'Ada\ud800'],
  ['an address cut short', 'dad@'],
  ['an unknown option', 'golf'],
  ['a date that is not one', '2026-02-30T10:00:00Z'],
];

describe('every field, every way it can be refused', () => {
  const all = paths(valid());

  it('covers every field of the request', () => {
    expect(all).toEqual(
      expect.arrayContaining([
        'slot.start',
        'intake.people.1.timeZone',
        'intake.sponsor.email',
        'intake.focus.areas.0',
        'intake.agreements.commitment',
        'meta.openedAt',
        'meta.honeypot',
        'intake.partnership.organization',
      ]),
    );
  });

  for (const path of all) {
    it(`${path}: refused in written words`, () => {
      for (const [way, bad] of WAYS) {
        for (const message of messages(spoil(path, bad))) {
          expect(WRITTEN.has(message), `${path} ${way}: "${message}"`).toBe(true);
        }
      }
    });
  }

  it('the sponsor email "dad@" is refused as an address, not as a schema', () => {
    expect(messages(spoil('intake.sponsor.email', 'dad@'))).toEqual(['enter a valid email address']);
  });

  it('whatever any field holds, every message is a written one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.jsonValue(), (path, bad) => {
        for (const message of messages(spoil(path, bad))) if (!WRITTEN.has(message)) return false;
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
