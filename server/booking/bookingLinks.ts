// The duo's two private links (the manage page and the calendar file), both carrying the manage token, and the 201 answer that hands them out.
import type { BookingCreated } from '../../core/api.ts';
import type { BookingView } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import { isHeld, releaseAt } from '../../core/partnerHold.ts';
import type { BookingRow } from '../store/port.ts';
import { coachesView } from './callCoaches.ts';

export function manageUrl(config: Config, id: string, token: string): string {
  return `${config.practice.baseUrl}/manage?id=${encodeURIComponent(id)}&token=${encodeURIComponent(token)}`;
}

export function icsUrl(config: Config, id: string, token: string): string {
  return `${config.practice.baseUrl}/api/bookings/${encodeURIComponent(id)}/invite.ics?token=${encodeURIComponent(token)}`;
}

type ViewedRow = Pick<BookingRow, 'id' | 'start' | 'end' | 'status' | 'coaches' | 'holdUntil' | 'partnerConfirmedAt' | 'releasedAt'>;

/** The booking as the duo sees it: its times and status, its two coaches, and whether it is held or was released. */
export function bookingView(config: Config, booking: ViewedRow): BookingView {
  return {
    id: booking.id,
    start: new Date(booking.start).toISOString(),
    end: new Date(booking.end).toISOString(),
    status: booking.status,
    coaches: coachesView(config, booking.coaches),
    ...(isHeld(booking) ? { hold: { until: new Date(releaseAt(booking.holdUntil!, booking.start, config.call)).toISOString() } } : {}),
    ...(booking.releasedAt !== null ? { released: true as const } : {}),
  };
}

/** The 201 answer: the booking as the duo sees it (with its two coaches) and the two links that carry its token. */
export function createdView(config: Config, booking: ViewedRow, token: string): BookingCreated {
  return {
    booking: bookingView(config, booking),
    manageUrl: manageUrl(config, booking.id, token),
    icsUrl: icsUrl(config, booking.id, token),
  };
}
