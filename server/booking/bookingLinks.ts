// The duo's two private links (the manage page and the calendar file), both carrying the manage token, and the 201 answer that hands them out.
import type { BookingCreated } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import type { BookingRow } from '../store/port.ts';
import { coachesView } from './callCoaches.ts';

export function manageUrl(config: Config, id: string, token: string): string {
  return `${config.practice.baseUrl}/manage?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;
}

export function icsUrl(config: Config, id: string, token: string): string {
  return `${config.practice.baseUrl}/api/bookings/${encodeURIComponent(id)}/invite.ics?token=${encodeURIComponent(token)}`;
}

/** The 201 answer: the booking as the duo sees it (with its two coaches) and the two links that carry its token. */
export function createdView(
  config: Config,
  booking: Pick<BookingRow, 'id' | 'start' | 'end' | 'status' | 'coaches'>,
  token: string,
): BookingCreated {
  return {
    booking: {
      id: booking.id,
      start: new Date(booking.start).toISOString(),
      end: new Date(booking.end).toISOString(),
      status: booking.status,
      coaches: coachesView(config, booking.coaches),
    },
    manageUrl: manageUrl(config, booking.id, token),
    icsUrl: icsUrl(config, booking.id, token),
  };
}
