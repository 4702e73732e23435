// A call as the coaches' page reads it from either store: the booking and the call_marks columns beside it.
import type { BookingRow, DeskCall } from './port.ts';

export interface RawMarks {
  absent: string | null;
  absent_by: string | null;
  absent_ms: number | null;
  withdrawn_by: string | null;
  withdrawn_ms: number | null;
}

/** A booking with its marks as the page reads it (both stores read the same columns). */
export function deskCall(booking: BookingRow, m: RawMarks | undefined): DeskCall {
  return {
    booking,
    ...(m?.absent != null ? { attendance: { absent: JSON.parse(m.absent) as string[], by: m.absent_by!, at: m.absent_ms! } } : {}),
    ...(m?.withdrawn_by != null ? { withdrawal: { coachId: m.withdrawn_by, at: m.withdrawn_ms! } } : {}),
  };
}
