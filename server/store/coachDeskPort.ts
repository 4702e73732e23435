// The store port's side for the coaches' page: sign-in links and sessions (kept only as hashes), the calls as the
// page reads them, and what coaches record about a call (who did not come, a withdrawal no other coach could take).
import type { OutgoingMail } from '../mail/outgoingMail.ts';
import type { BookingRow } from './port.ts';

/** Who did not come to a call: `person:0`, `person:1` (the intake's order) and `coach:<id>`; by a coach id, when (epoch ms). */
export interface Attendance {
  absent: string[];
  by: string;
  at: number;
}

/** A coach of the call said they cannot take it, when no other coach was free. */
export interface Withdrawal {
  coachId: string;
  at: number;
}

/** A call as the coaches' page reads it: the booking with what its coaches recorded about it. */
export interface DeskCall {
  booking: BookingRow;
  attendance?: Attendance;
  withdrawal?: Withdrawal;
}

/** The coaches' page's reads. */
export interface CallDeskPort {
  /** Calls starting at or after `from`, any status, ordered by start; only those `coachId` holds when given. */
  calls(from: number, coachId?: string): Promise<DeskCall[]>;
  call(id: string): Promise<DeskCall | undefined>;
}

/**
 * A way in to the coaches' page: a sign-in link or a session, kept only as the SHA-256 of its secret, for a
 * `subject` (the SHA-256 of the lower-cased address it was issued to: the store holds no address for it).
 */
export interface AccessGrant {
  hash: string;
  subject: string;
  expires: number;
}

export interface AccessPort {
  /** Records a sign-in link and queues its mail (due at once), in one transaction. */
  addLink(link: AccessGrant, mails: readonly OutgoingMail[], now: number): Promise<void>;
  /**
   * Uses the link up: whatever its state, it is gone afterwards; only when it existed and was unexpired at `now` is
   * `session` opened for its subject (returned), in the same transaction. Two uses at once: one session at most.
   */
  redeemLink(hash: string, now: number, session: { hash: string; expires: number }): Promise<string | undefined>;
  /** The session `hash` if it is unexpired at `now`. */
  session(hash: string, now: number): Promise<AccessGrant | undefined>;
  /** Ends the session (signing out); true when there was one. */
  endSession(hash: string): Promise<boolean>;
  /**
   * Forgets links and sessions expired at `now`, and the sign-in mails queued before `mailBefore` that are no longer
   * waiting to go out (their links are long dead); returns how many rows went.
   */
  purge(now: number, mailBefore: number): Promise<number>;
}
