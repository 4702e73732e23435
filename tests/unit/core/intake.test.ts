// The booking request as the widget sends it and the server checks it: each problem by its field path.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BookingRequestSchema, IntakeSchema } from '../../../core/intake.ts';
import { toFieldIssues } from '../../../core/issues.ts';

const request = () => ({
  slot: { start: '2026-12-01T15:00:00Z' },
  intake: {
    partnership: { relationship: 'co-founders', relationshipOther: '', organization: 'Acme', context: 'What is happening now' },
    people: [
      { name: 'Ada', email: 'ada@example.com', role: 'CEO', timeZone: 'America/New_York' },
      { name: 'Grace', email: 'grace@example.com', role: 'COO', timeZone: 'Europe/London' },
    ],
    focus: { areas: ['trust', 'communication'], other: '', hopes: 'What should change' },
    sponsor: { name: 'Board chair', email: 'chair@example.com', relation: 'board' },
    agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
  },
  meta: { honeypot: '', openedAt: '2026-11-24T10:00:00Z' },
});

type Request = ReturnType<typeof request>;

const issues = (input: unknown) => {
  const result = v.safeParse(BookingRequestSchema, input);
  return result.success ? [] : toFieldIssues(result.issues);
};

describe('a complete booking request', () => {
  it('is accepted as DESIGN.md shows it', () => {
    expect(issues(request())).toEqual([]);
  });

  it('fills in what may be left out, and tidies emails', () => {
    const input = request() as any;
    delete input.intake.sponsor;
    delete input.meta;
    delete input.intake.people[1].role;
    input.intake.people[0].email = '  Ada@Example.COM ';
    const result = v.safeParse(BookingRequestSchema, input);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.output.intake.sponsor).toBeNull();
    expect(result.output.intake.people[0].email).toBe('ada@example.com');
    expect(result.output.intake.people[1].role).toBe('');
    expect(result.output.meta).toEqual({ honeypot: '' });
  });

  it('accepts names in any script, and line breaks in free text', () => {
    const input = request();
    input.intake.people[0].name = 'Zoë Ångström-Nakamura 中村';
    input.intake.partnership.context = 'First line\nsecond line';
    expect(issues(input)).toEqual([]);
  });
});

describe('free text keeps what a person types', () => {
  it('keeps tabs and line breaks, and turns Windows line ends into newlines', () => {
    const input = request();
    input.intake.partnership.context = 'One\r\nTwo\rThree\n\tindented';
    const result = v.safeParse(BookingRequestSchema, input);
    expect(result.success && result.output.intake.partnership.context).toBe('One\nTwo\nThree\n\tindented');
  });

  it('keeps a right-to-left name and a right-to-left mark, which are not overrides', () => {
    const input = request();
    input.intake.people[0].name = 'شيرين\u200F عبادي';
    expect(issues(input)).toEqual([]);
  });
});

describe('a request with mistakes', () => {
  it.each<[string, (r: Request) => void, string, string]>([
    [
      'the same email twice',
      (r) => {
        r.intake.people[1].email = 'ADA@example.com';
      },
      'intake.people.1.email',
      'the two of you need different email addresses',
    ],
    [
      'a second email that is not one',
      (r) => {
        r.intake.people[1].email = 'grace-at-example';
      },
      'intake.people.1.email',
      'enter a valid email address',
    ],
    [
      'a missing name',
      (r) => {
        r.intake.people[0].name = '   ';
      },
      'intake.people.0.name',
      'enter a name',
    ],
    [
      'a name with a quote',
      (r) => {
        r.intake.people[0].name = 'Ada "the Countess"';
      },
      'intake.people.0.name',
      'leave out quotation marks, line breaks and other special characters',
    ],
    [
      'a name with a control character',
      (r) => {
        r.intake.people[1].name = 'Grace\u0007';
      },
      'intake.people.1.name',
      'leave out quotation marks, line breaks and other special characters',
    ],
    [
      'a name with a line break inside',
      (r) => {
        r.intake.people[1].name = 'Grace\nHopper';
      },
      'intake.people.1.name',
      'leave out quotation marks, line breaks and other special characters',
    ],
    [
      'a sponsor name with a quote',
      (r) => {
        r.intake.sponsor.name = 'The "Board"';
      },
      'intake.sponsor.name',
      'leave out quotation marks, line breaks and other special characters',
    ],
    [
      'an unknown time zone',
      (r) => {
        r.intake.people[1].timeZone = 'Mars/Base';
      },
      'intake.people.1.timeZone',
      'choose a time zone from the list',
    ],
    [
      'an unknown relationship',
      (r) => {
        r.intake.partnership.relationship = 'rivals';
      },
      'intake.partnership.relationship',
      'choose how you work together',
    ],
    [
      '"other" without saying what',
      (r) => {
        r.intake.partnership.relationship = 'other';
      },
      'intake.partnership.relationshipOther',
      'say how you work together',
    ],
    [
      'no focus area',
      (r) => {
        r.intake.focus.areas = [];
      },
      'intake.focus.areas',
      'choose at least one focus area',
    ],
    [
      'an unknown focus area',
      (r) => {
        r.intake.focus.areas = ['trust', 'golf'];
      },
      'intake.focus.areas.1',
      'choose focus areas from the list',
    ],
    [
      'a focus area twice',
      (r) => {
        r.intake.focus.areas = ['trust', 'tension', 'trust'];
      },
      'intake.focus.areas',
      'choose each focus area once',
    ],
    [
      '"other" focus without naming it',
      (r) => {
        r.intake.focus.areas = ['other'];
      },
      'intake.focus.other',
      'name the other focus area',
    ],
    [
      'no hopes',
      (r) => {
        r.intake.focus.hopes = '';
      },
      'intake.focus.hopes',
      'say what you hope will be different',
    ],
    [
      'an agreement not ticked',
      (r) => {
        (r.intake.agreements as any).confidentiality = false;
      },
      'intake.agreements.confidentiality',
      'this must be ticked to book',
    ],
    [
      'a slot that is not a time',
      (r) => {
        r.slot.start = 'tomorrow at 3';
      },
      'slot.start',
      'expected an ISO 8601 time such as 2026-12-01T15:00:00Z',
    ],
    [
      'a context longer than 4,000 characters',
      (r) => {
        r.intake.partnership.context = 'x'.repeat(4001);
      },
      'intake.partnership.context',
      'use at most 4000 characters',
    ],
    [
      'a NUL in the context',
      (r) => {
        r.intake.partnership.context = 'We\u0000 disagree';
      },
      'intake.partnership.context',
      'remove the hidden special characters from this answer',
    ],
    [
      'a bell in the hopes',
      (r) => {
        r.intake.focus.hopes = 'Ring \u0007 the bell';
      },
      'intake.focus.hopes',
      'remove the hidden special characters from this answer',
    ],
    [
      'an escape sequence in the organization',
      (r) => {
        r.intake.partnership.organization = 'Acme\u001b[31m';
      },
      'intake.partnership.organization',
      'leave out quotation marks, line breaks and other special characters',
    ],
    [
      'a DEL in a role',
      (r) => {
        r.intake.people[0].role = 'CEO\u007f';
      },
      'intake.people.0.role',
      'leave out quotation marks, line breaks and other special characters',
    ],
    [
      'a C1 control in the other focus',
      (r) => {
        r.intake.focus.areas = ['other'];
        r.intake.focus.other = 'x\u0085y';
      },
      'intake.focus.other',
      'leave out quotation marks, line breaks and other special characters',
    ],
    [
      'a tab in a name',
      (r) => {
        r.intake.people[0].name = 'Ada\tLovelace';
      },
      'intake.people.0.name',
      'leave out quotation marks, line breaks and other special characters',
    ],
    [
      'a right-to-left override in a name',
      (r) => {
        r.intake.people[0].name = 'Ada \u202Efdp.exe';
      },
      'intake.people.0.name',
      'leave out invisible or direction-changing characters',
    ],
    [
      'a left-to-right embedding in a name',
      (r) => {
        r.intake.people[1].name = '\u202AGrace';
      },
      'intake.people.1.name',
      'leave out invisible or direction-changing characters',
    ],
    [
      'a first-strong isolate in a name',
      (r) => {
        r.intake.people[1].name = 'Grace\u2068';
      },
      'intake.people.1.name',
      'leave out invisible or direction-changing characters',
    ],
    [
      'a pop-directional isolate in a sponsor name',
      (r) => {
        r.intake.sponsor.name = 'Chair\u2069';
      },
      'intake.sponsor.name',
      'leave out invisible or direction-changing characters',
    ],
    [
      'a zero-width space in a name',
      (r) => {
        r.intake.people[0].name = 'A\u200Bda';
      },
      'intake.people.0.name',
      'leave out invisible or direction-changing characters',
    ],
    [
      'a zero-width joiner in a name',
      (r) => {
        r.intake.people[0].name = 'A\u200Dda';
      },
      'intake.people.0.name',
      'leave out invisible or direction-changing characters',
    ],
    [
      'a byte-order mark in a name',
      (r) => {
        r.intake.people[0].name = '\uFEFFAda';
      },
      'intake.people.0.name',
      'leave out invisible or direction-changing characters',
    ],
    [
      'a third person',
      (r) => {
        (r.intake.people as unknown[]).push({ name: 'Eve', email: 'eve@example.com', role: '', timeZone: 'UTC' });
      },
      'intake.people.2',
      'a discovery call is for two people',
    ],
  ])('refuses %s', (_, spoil, path, message) => {
    const input = request();
    spoil(input);
    expect(issues(input)).toEqual([{ path, message }]);
  });

  it('reports every mistake at once, each at its own field', () => {
    const input = request() as any;
    input.intake.people[0].name = '';
    input.intake.people[1].email = 'nope';
    input.intake.agreements.notice = false;
    expect(issues(input).map((i) => i.path)).toEqual(['intake.people.0.name', 'intake.people.1.email', 'intake.agreements.notice']);
  });

  it('prefixes paths for a schema run on its own, as the widget does per step', () => {
    const input = request().intake as any;
    input.people[1].email = input.people[0].email;
    const result = v.safeParse(IntakeSchema, input);
    expect(result.success ? [] : toFieldIssues(result.issues, 'intake')).toEqual([
      { path: 'intake.people.1.email', message: 'the two of you need different email addresses' },
    ]);
  });
});
