// The invitations calendars act on, compared byte for byte with committed golden files (CRLF kept).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { bookingMails } from '../../../../server/mail/bookingMails.ts';
import type { OutgoingMail } from '../../../../server/mail/outgoingMail.ts';
import { expectGolden } from '../../../support/golden.ts';
import { booking, bookedAt, cancelledAt, config, intake, manageUrl, moved, movedAt } from '../../../support/mailFixtures.ts';

const coachCopy = (mails: OutgoingMail[]) => mails.find((m) => m.to === 'maya@example.org')!;
const duoCopy = (mails: OutgoingMail[]) => mails.find((m) => m.to === 'ada@example.com')!;

const request = bookingMails({ config, booking, intake: intake(), method: 'REQUEST', manageUrls: [manageUrl, manageUrl], now: bookedAt });
const reschedule = bookingMails({ config, booking: moved, intake: intake(), method: 'REQUEST', previous: booking, now: movedAt });
const cancel = bookingMails({ config, booking: { ...moved, sequence: 2 }, intake: intake(), method: 'CANCEL', now: cancelledAt });

function vevent(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics) as never);
  return { cal, event: cal.getFirstSubcomponent('vevent')! };
}

describe('golden invitations', () => {
  it('the coaches’ new invitation matches request-coach.ics', () =>
    expectGolden('request-coach.ics', coachCopy(request).icalEvent!.content));
  it('the duo’s new invitation matches request-duo.ics', () => expectGolden('request-duo.ics', duoCopy(request).icalEvent!.content));
  it('a moved call (SEQUENCE 1) matches reschedule.ics', () => expectGolden('reschedule.ics', duoCopy(reschedule).icalEvent!.content));
  it('a cancelled call matches cancel.ics', () => expectGolden('cancel.ics', duoCopy(cancel).icalEvent!.content));

  it('every line ends in CRLF and none is longer than 75 octets', () => {
    for (const ics of [coachCopy(request), duoCopy(request), duoCopy(cancel)].map((m) => m.icalEvent!.content)) {
      expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    }
  });
});

describe('an invitation as a calendar reads it', () => {
  it('is a REQUEST at SEQUENCE 0 from the practice mailbox to the two coaches and the two people', () => {
    const { cal, event } = vevent(duoCopy(request).icalEvent!.content);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe('bk_golden@localhost');
    expect(event.getFirstPropertyValue('sequence')).toBe(0);
    expect(event.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(event.getFirstPropertyValue('dtstart'))).toBe('2026-12-01T15:00:00Z');
    expect(String(event.getFirstPropertyValue('dtend'))).toBe('2026-12-01T15:45:00Z');
    expect(event.getFirstPropertyValue('location')).toBe('https://meet.example.org/wbt');
    expect(event.getFirstPropertyValue('url')).toBe('https://meet.example.org/wbt');
    const organizer = event.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:coaching@example.org');
    expect(organizer.getParameter('cn')).toBe('WBT Coaching');
    const attendees = event.getAllProperties('attendee').map((a) => ({
      to: String(a.getFirstValue()).toLowerCase(),
      cn: a.getParameter('cn'),
      role: a.getParameter('role'),
      partstat: a.getParameter('partstat'),
      rsvp: a.getParameter('rsvp'),
    }));
    expect(attendees).toEqual(
      [
        ['maya@example.org', 'Maya Okafor'],
        ['jonas@example.org', 'Jonas Weber'],
        ['ada@example.com', 'Ada Lovelace'],
        ['grace@example.com', 'Grace Hopper'],
      ].map(([to, cn]) => ({ to: `mailto:${to}`, cn, role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION', rsvp: 'TRUE' })),
    );
  });

  it('all four copies share one UID; a move raises SEQUENCE, a cancel raises it again with STATUS:CANCELLED', () => {
    const seen = [request, reschedule, cancel].map((mails) =>
      mails.map((m) => {
        const { cal, event } = vevent(m.icalEvent!.content);
        return `${cal.getFirstPropertyValue('method')} ${event.getFirstPropertyValue('uid')} ${event.getFirstPropertyValue('sequence')} ${event.getFirstPropertyValue('status')}`;
      }),
    );
    expect(seen).toEqual([
      Array(4).fill('REQUEST bk_golden@localhost 0 CONFIRMED'),
      Array(4).fill('REQUEST bk_golden@localhost 1 CONFIRMED'),
      Array(4).fill('CANCEL bk_golden@localhost 2 CANCELLED'),
    ]);
    expect(cancel.map((m) => m.icalEvent!.method)).toEqual(['CANCEL', 'CANCEL', 'CANCEL', 'CANCEL']);
  });

  it('the coaches’ event notes carry the intake; the duo’s carry the etiquette and no answer', () => {
    const coach = String(vevent(coachCopy(request).icalEvent!.content).event.getFirstPropertyValue('description'));
    const duo = String(vevent(duoCopy(request).icalEvent!.content).event.getFirstPropertyValue('description'));
    expect(coach).toContain('We disagree on hiring.');
    expect(coach).toContain('Decide together, faster.');
    expect(coach).toContain('Sponsor: Board chair (A Board) <chair@example.com>');
    expect(duo).toContain('Turn off notifications during the call.');
    expect(duo).not.toContain('hiring');
    expect(duo).not.toContain('Board chair');
  });
});

describe('the golden-file check itself', () => {
  it('fails on a golden file that is missing rather than writing it', () => {
    const name = 'missing-on-purpose.ics';
    expect(() => expectGolden(name, 'BEGIN:VCALENDAR\r\n')).toThrow(/missing/);
    expect(existsSync(fileURLToPath(new URL(`../../../golden/${name}`, import.meta.url)))).toBe(false);
  });
});
