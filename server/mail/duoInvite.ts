// The duo's own calendar file (GET /api/bookings/:id/invite.ics): the current state as METHOD:PUBLISH (Outlook opens a
// downloaded REQUEST as a meeting request and blocks its buttons for anyone not invited), with the manage link, without the answers.
import type { Config } from '../../core/config.ts';
import { buildInvite } from './calendarInvite.ts';
import { coachRecipients } from './recipients.ts';
import { duoEventText, holdingSentence, manageLinkLabel } from './wording.ts';
import type { BookingRow } from '../store/port.ts';

export function duoInvite(config: Config, booking: BookingRow, now: number, manageUrl: string): string {
  // Who holds whom stays in the duo's own calendar too (a PUBLISH names no attendees).
  const text = duoEventText(
    config,
    booking.intake ? holdingSentence(coachRecipients(config, booking.coaches), booking.intake.people) : undefined,
  );
  return buildInvite({
    uid: booking.uid,
    method: 'PUBLISH',
    cancelled: booking.status === 'cancelled',
    sequence: booking.sequence,
    start: booking.start,
    end: booking.end,
    stamp: now,
    summary: text.summary,
    description: `${text.description}\n\n${manageLinkLabel(config.call.cancelNoticeHours)}: ${manageUrl}`,
    location: config.call.location,
    organizer: { name: config.practice.name, email: config.practice.email },
    attendees: [], // RFC 5546 3.2.1: a PUBLISH names no attendees
  });
}
