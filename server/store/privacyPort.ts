// The store port's side for privacy: what retention sees of bookings and their mail, what erasure matches and
// removes, and compaction, so that deleted personal data leaves no copy in the store's own files.
import type { Intake } from '../../core/intake.ts';

/** An outbox row as retention sees it: a message still waiting to go out is never deleted. */
export interface HeldMail {
  id: number;
  pending: boolean;
}

/**
 * A booking that still holds something personal: its answers, or outbox rows (addresses, for coaches the answers),
 * or webhooks (names and zones; with includePersonalData addresses and answers), none when `webhooks` is absent.
 */
export interface HeldBooking {
  id: string;
  end: number;
  hasIntake: boolean;
  outbox: readonly HeldMail[];
  webhooks?: readonly HeldMail[];
}

/** An outbox row whose booking is gone (erased) or was never recorded. */
export interface LooseMail extends HeldMail {
  created: number;
}

/** Which data erasure takes: bookings whose answers match, and any outbox row whose recipient or message matches. */
export interface ErasureMatch {
  intake(intake: Intake): boolean;
  mail(recipient: string, message: string): boolean;
}

export interface ErasedRows {
  bookings: number;
  /** Of those, calls still to come (the coaches' calendars still hold their invitations). */
  upcoming: number;
  outbox: number;
  idempotency: number;
  webhooks: number;
  /** The erased bookings' ids, to find their outbox files. */
  bookingIds: string[];
}

/** Deleted personal data leaves no copy in the store's own files (SQLite: secure_delete and a WAL checkpoint). */
export interface PrivacyPort {
  heldBookings(): Promise<HeldBooking[]>;
  looseMail(): Promise<LooseMail[]>;
  /**
   * Sets the answers of `bookingIds` to null, deletes the outbox rows `outboxIds` and the webhooks `webhookIds` and records `mark` as the cut-off
   * retention has reached, in one transaction.
   */
  applyRetention(
    bookingIds: readonly string[],
    outboxIds: readonly number[],
    mark?: number,
    webhookIds?: readonly number[],
  ): Promise<{ bookings: number; outbox: number; webhooks: number }>;
  /** The cut-off the last retention run recorded, if any. */
  retentionMark(): Promise<number | undefined>;
  /** The newest time the store recorded (a booking's last change, a message queued); undefined when it holds nothing. */
  newestRecorded(): Promise<number | undefined>;
  /**
   * Deletes every matching booking with its outbox rows, webhooks and idempotency records, and every other matching
   * outbox row or webhook (`match.mail('', body)` for a webhook), in one transaction.
   */
  erase(match: ErasureMatch, now: number): Promise<ErasedRows>;
  /** Rebuilds the store's files without free space; busy when another connection kept a copy of old pages alive. */
  compact(): Promise<{ busy: boolean }>;
}
