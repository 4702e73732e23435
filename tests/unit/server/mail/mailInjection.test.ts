// No user text reaches a mail header or an iCalendar property: every free-text field is tried with injections.
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BookingRequestSchema } from '../../../../core/intake.ts';
import { bookingMails } from '../../../../server/mail/bookingMails.ts';
import { reminderMails } from '../../../../server/mail/reminderMails.ts';
import type { OutgoingMail } from '../../../../server/mail/outgoingMail.ts';
import { toNodemailer } from '../../../../server/mail/mailTransport.ts';
import { bookingBody } from '../../../support/fixtures.ts';
import { booking, bookedAt, config, manageUrl } from '../../../support/mailFixtures.ts';

const EVIL = 'evil@attacker.example';
const PAYLOADS = [
  `x\r\nBcc: ${EVIL}`,
  'x\r\nX-Injected: yes',
  `x\nATTENDEE:mailto:${EVIL}`,
  'x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nX-INJECTED:yes',
  `x";RSVP=FALSE;X-INJECTED=yes:mailto:${EVIL}`,
  `x\u2028Bcc: ${EVIL}`,
  `x\u0085X-Injected: yes`,
];

/** Every string the duo types, by its path in the booking body. */
const FIELDS = [
  'partnership.relationshipOther',
  'partnership.organization',
  'partnership.context',
  'people.0.name',
  'people.0.role',
  'people.0.email',
  'people.1.name',
  'people.1.role',
  'people.1.email',
  'focus.other',
  'focus.hopes',
  'sponsor.name',
  'sponsor.email',
];

function bodyWith(path: string, value: string) {
  const body = bookingBody('2026-12-01T15:00:00Z', {
    partnership: { relationship: 'other', relationshipOther: 'Sisters', organization: 'Acme', context: 'Now.' },
    focus: { areas: ['trust', 'other'], other: 'Money', hopes: 'Calm.' },
    sponsor: { name: 'Board chair', email: 'chair@example.com', relation: 'board' },
  }) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let at = body.intake as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys[keys.length - 1]] = value;
  return body;
}

const VEVENT_PROPS = [
  'uid',
  'sequence',
  'dtstamp',
  'dtstart',
  'dtend',
  'summary',
  'location',
  'description',
  'organizer',
  'attendee',
  'url',
  'status',
];

async function expectNoInjection(m: OutgoingMail) {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const raw = (await transporter.sendMail(toNodemailer(m))).message as Buffer;
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0];
  expect(head).not.toMatch(/^(bcc|cc|x-injected):/im);
  const parsed = await simpleParser(raw);
  expect([...parsed.headers.keys()].filter((k) => k === 'bcc' || k === 'cc' || k === 'x-injected')).toEqual([]);
  expect(parsed.to && 'value' in parsed.to ? parsed.to.value.map((a) => a.address) : []).toEqual([m.to]);
  if (!m.icalEvent) return;
  const cal = new ICAL.Component(ICAL.parse(m.icalEvent.content) as never);
  const events = cal.getAllSubcomponents('vevent');
  expect(events).toHaveLength(1);
  expect(cal.getAllProperties().map((p) => p.name)).toEqual(['version', 'prodid', 'method']);
  const names = events[0].getAllProperties().map((p) => p.name);
  expect(names.filter((n) => !VEVENT_PROPS.includes(n))).toEqual([]);
  const people = events[0]
    .getAllProperties('attendee')
    .map((a) => ({ to: String(a.getFirstValue()).toLowerCase(), params: Object.keys(a.toJSON()[1]) }));
  expect(people.map((p) => p.to)).toEqual([
    'mailto:maya@example.org',
    'mailto:jonas@example.org',
    'mailto:ada@example.com',
    'mailto:grace@example.com',
  ]);
  for (const p of people) expect(p.params.sort()).toEqual(['cn', 'partstat', 'role', 'rsvp']);
  expect(String(events[0].getFirstPropertyValue('uid'))).toBe(booking.uid);
}

describe('user text and the headers and properties of the invitations', () => {
  it('names, roles, emails and one-line answers refuse line breaks and quotes; free text is kept as text only', async () => {
    const refused: string[] = [];
    let accepted = 0;
    for (const field of FIELDS) {
      for (const payload of PAYLOADS) {
        const parsed = v.safeParse(BookingRequestSchema, bodyWith(field, payload));
        if (!parsed.success) {
          refused.push(field);
          continue;
        }
        accepted++;
        const intake = parsed.output.intake;
        const mails = [
          ...bookingMails({ config, booking, intake, method: 'REQUEST', manageUrls: [manageUrl, manageUrl], now: bookedAt }),
          ...bookingMails({ config, booking: { ...booking, sequence: 1 }, intake, method: 'CANCEL', reason: payload, now: bookedAt }),
          ...reminderMails({ config, booking, intake, now: bookedAt }),
        ];
        for (const m of mails) await expectNoInjection(m);
      }
    }
    // Every one-line field refuses every payload that carries a line break or a quote …
    for (const field of FIELDS.filter((f) => !f.endsWith('context') && !f.endsWith('hopes'))) {
      expect(refused.filter((f) => f === field).length, field).toBeGreaterThanOrEqual(PAYLOADS.length - 1);
    }
    // … and the two multi-line answers were accepted and still injected nothing.
    expect(accepted).toBeGreaterThanOrEqual(2 * 5);
  });
});
