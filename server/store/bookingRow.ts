// A booking's row as both stores keep it (the same columns in SQLite and PostgreSQL), and the BookingRow made of it.
import type { BookingStatus } from '../../core/api.ts';
import type { PartnerView } from '../../core/confirm.ts';
import type { CallCoach } from '../../core/holding.ts';
import type { Intake } from '../../core/intake.ts';
import type { BookingRow, ReminderCandidate } from './port.ts';

export interface RawBooking {
  id: string;
  uid: string;
  start_ms: number;
  end_ms: number;
  status: BookingStatus;
  sequence: number;
  token_hash: string;
  partner_token_hash: string | null;
  partner_confirmed_ms: number | null;
  partner_view: string | null;
  intake: string | null;
  pair_reason: string | null;
  hold_until_ms: number | null;
  released_ms: number | null;
}

/** The columns of a RawBooking, for SELECT lists. */
export const COLUMNS = `id, uid, start_ms, end_ms, status, sequence, token_hash, partner_token_hash, partner_confirmed_ms, partner_view,
  intake, pair_reason, hold_until_ms, released_ms`;

export const fromRaw = (r: RawBooking, coaches: CallCoach[]): BookingRow => ({
  id: r.id,
  uid: r.uid,
  start: r.start_ms,
  end: r.end_ms,
  status: r.status,
  sequence: r.sequence,
  tokenHash: r.token_hash,
  partnerTokenHash: r.partner_token_hash,
  partnerConfirmedAt: r.partner_confirmed_ms,
  partnerView: r.partner_view ? (JSON.parse(r.partner_view) as PartnerView) : null,
  intake: r.intake ? (JSON.parse(r.intake) as Intake) : null,
  coaches,
  pairReason: r.pair_reason,
  holdUntil: r.hold_until_ms,
  releasedAt: r.released_ms,
});

/** A booking due its reminder (the query picked only rows with an intake), as the reminder job reads it. */
export const reminderCandidate = (b: BookingRow): ReminderCandidate => ({
  id: b.id,
  uid: b.uid,
  start: b.start,
  end: b.end,
  sequence: b.sequence,
  intake: b.intake!,
  coaches: b.coaches,
  partnerConfirmed: b.partnerConfirmedAt !== null,
});
