// The duo's "Add to calendar" file: a METHOD:PUBLISH calendar with the manage link, compared with its golden file.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { duoInvite } from '../../../../server/mail/duoInvite.ts';
import type { BookingRow } from '../../../../server/store/port.ts';
import { expectGolden } from '../../../support/golden.ts';
import { booking, bookedAt, cancelledAt, config, intake, manageUrl, moved } from '../../../support/mailFixtures.ts';

const row = (over: Partial<BookingRow> = {}): BookingRow => ({
  ...booking,
  status: 'confirmed',
  tokenHash: 'x',
  partnerTokenHash: null,
  partnerConfirmedAt: null,
  partnerView: null,
  holdUntil: null,
  releasedAt: null,
  intake: intake(),
  pairReason: null,
  ...over,
});

function event(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics) as never);
  return { cal, event: cal.getFirstSubcomponent('vevent')! };
}

describe("the duo's calendar file", () => {
  const ics = duoInvite(config, row(), bookedAt, manageUrl);

  it('matches publish-duo.ics', () => expectGolden('publish-duo.ics', ics));

  it('is a PUBLISH calendar with the organizer and no attendees, so Outlook opens it as an appointment', () => {
    const { cal, event: ev } = event(ics);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(ev.getAllProperties('attendee')).toEqual([]);
    expect(ev.getFirstPropertyValue('organizer')).toBe('mailto:coaching@example.org');
    expect(ev.getFirstPropertyValue('uid')).toBe(booking.uid);
    expect(ev.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('carries the manage link in its description, and none of the answers', () => {
    const description = String(event(ics).event.getFirstPropertyValue('description'));
    expect(description).toContain(`To reschedule or cancel (until 24 hours before the call): ${manageUrl}`);
    expect(ics).not.toMatch(/hiring|Decide together|Board chair|ada@example\.com/);
  });

  it('follows a move (SEQUENCE, times) and a cancellation (STATUS:CANCELLED) and stays PUBLISH', () => {
    const movedEv = event(duoInvite(config, row({ ...moved }), bookedAt, manageUrl));
    expect([
      movedEv.cal.getFirstPropertyValue('method'),
      movedEv.event.getFirstPropertyValue('sequence'),
      String(movedEv.event.getFirstPropertyValue('dtstart')),
    ]).toEqual(['PUBLISH', 1, '2026-12-02T16:00:00Z']);
    const cancelled = event(duoInvite(config, row({ ...moved, sequence: 2, status: 'cancelled' }), cancelledAt, manageUrl));
    expect([
      cancelled.cal.getFirstPropertyValue('method'),
      cancelled.event.getFirstPropertyValue('status'),
      cancelled.event.getFirstPropertyValue('sequence'),
    ]).toEqual(['PUBLISH', 'CANCELLED', 2]);
  });
});
