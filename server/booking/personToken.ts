// Whose link a token is: each person of a booking has a manage token of their own (stored only as hashes).
import type { BookingRow } from '../store/port.ts';
import { tokenMatches } from './tokens.ts';

/** The person (0 = person one, 1 = person two) whose token `token` is, or undefined for a wrong token. */
export function personOfToken(booking: Pick<BookingRow, 'tokenHash' | 'partnerTokenHash'>, token: unknown): 0 | 1 | undefined {
  // Both hashes are compared every time, so the time taken does not tell which one matched.
  const one = tokenMatches(token, booking.tokenHash);
  const two = booking.partnerTokenHash !== null && tokenMatches(token, booking.partnerTokenHash);
  return one ? 0 : two ? 1 : undefined;
}
