// Whether a due outbox row should still go out: a reminder for a call changed since, or an invitation already
// superseded by a later version for the same person, is set aside instead.
import type { BookingRow, OutboxEntry, OutboxRow } from '../store/port.ts';

/** The reason (a code) not to send `row`, or null; `booking` is its booking now, `siblings` every row of that booking. */
export function staleReason(row: OutboxRow, booking: BookingRow | undefined, siblings: readonly OutboxEntry[]): string | null {
  const m = row.message;
  if (!row.bookingId || m.sequence === undefined || m.kind === 'notice') return null;
  if (m.kind === 'nudge') {
    return !booking || booking.status !== 'confirmed' || booking.partnerConfirmedAt !== null ? 'booking changed' : null;
  }
  if (m.kind === 'note') return !booking || booking.status !== 'confirmed' ? 'booking changed' : null;
  if (m.kind === 'reminder') {
    return !booking || booking.status !== 'confirmed' || booking.sequence !== m.sequence ? 'booking changed' : null;
  }
  const later = siblings.some(
    (o) =>
      o.id !== row.id &&
      o.recipient === row.recipient &&
      (o.message.kind ?? 'invite') === 'invite' &&
      (o.message.sequence ?? -1) > m.sequence,
  );
  return later ? 'superseded' : null;
}
