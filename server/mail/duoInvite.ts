// The duo's own calendar file (GET /api/bookings/:id/invite.ics): the current state, without the answers.
import type { Config } from '../../core/config.ts';
import { buildInvite } from './calendarInvite.ts';
import { attendeesOf } from './recipients.ts';
import { duoEventText } from './wording.ts';
import type { BookingRow } from '../store/port.ts';

export function duoInvite(config: Config, booking: BookingRow, now: number): string {
  return buildInvite({
    uid: booking.uid,
    method: booking.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    sequence: booking.sequence,
    start: booking.start, end: booking.end, stamp: now,
    ...duoEventText(config),
    location: config.call.location,
    organizer: { name: config.practice.name, email: config.practice.email },
    attendees: attendeesOf(config, booking.intake?.people ?? []),
  });
}
