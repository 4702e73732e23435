// The store port: everything the server needs of a store, as async interfaces. server/store/sqlite/ implements it;
// tests/contract/store.contract.ts is the behaviour every implementation must show (run it against a new one).
import type { BookingStatus } from '../../core/api.ts';
import type { CallCoach } from '../../core/holding.ts';
import type { PartnerView } from '../../core/confirm.ts';
import type { Intake } from '../../core/intake.ts';
import type { Interval } from '../../core/interval.ts';
import type { PoolBooking } from '../../core/pool.ts';
import { HOUR_MS } from '../../core/time.ts';
import type { OutgoingMail } from '../mail/outgoingMail.ts';
import type { AccessPort, Attendance, CallDeskPort, Withdrawal } from './coachDeskPort.ts';
import type { PrivacyPort } from './privacyPort.ts';
import type { QueuedWebhook, WebhookOutboxPort } from './webhookOutboxPort.ts';

export type * from './webhookOutboxPort.ts';
export type * from './coachDeskPort.ts';
export type * from './privacyPort.ts';

export interface BookingRow {
  id: string;
  /** The calendar event's UID, the same in every version of the invitation. */
  uid: string;
  start: number;
  end: number;
  status: BookingStatus;
  /** 0 when booked, +1 on every reschedule and on the cancel (the invitation's SEQUENCE). */
  sequence: number;
  /** SHA-256 of person one's manage token (before issue 18: the duo's one shared token); the token itself is never stored. */
  tokenHash: string;
  /** SHA-256 of person two's own manage token; null for a booking made before each person had a link of their own. */
  partnerTokenHash: string | null;
  /** When person two confirmed their part through their own link; null until then. */
  partnerConfirmedAt: number | null;
  /** Person two's private answers (the coaches' only); null before they confirm and once retention deleted them. */
  partnerView: PartnerView | null;
  /**
   * With call.partnerConfirmation "require": the end of person two's window to confirm (the time is only held for
   * both coaches until they do); null for a call that stood at once.
   */
  holdUntil: number | null;
  /** When the hold was released because person two had not confirmed in time (the call is then cancelled); else null. */
  releasedAt: number | null;
  /** The answers; null once retention has deleted them. */
  intake: Intake | null;
  /** The call's two coaches (config order when booked), each with the index of the person they hold. */
  coaches: CallCoach[];
  /** Why this pair took the call (JSON from the pair choice: rule, text, a first choice taken meanwhile). */
  pairReason: string | null;
}

export interface NewBooking {
  id: string;
  uid: string;
  start: number;
  end: number;
  tokenHash: string;
  partnerTokenHash: string;
  intake: Intake;
  coaches: CallCoach[];
  pairReason: string;
  /** Set for a call held until person two confirms (call.partnerConfirmation "require"). */
  holdUntil?: number | null;
  /**
   * With "ask": the one nudge to person two, kept with the booking until `due` (their link is known only when
   * booking: tokens are stored hashed), then queued unless they confirmed, the call was cancelled or has begun.
   */
  nudge?: { due: number; mail: OutgoingMail };
}

/** A new state for a booking: written only if the booking is still at `sequence` (the version the plan read). */
export interface BookingChange {
  id: string;
  sequence: number;
  status: BookingStatus;
  start: number;
  end: number;
}

/** The first answer to a request with an Idempotency-Key, kept so that a retry gets it again. */
export interface StoredAnswer {
  bodyHash: string;
  status: number;
  response: string;
}
export interface IdempotencyRecord extends StoredAnswer {
  keyHash: string;
}

/** Idempotency records older than this are forgotten: the key may then be used afresh. */
export const IDEMPOTENCY_TTL_MS = 24 * HOUR_MS;

/** What a plan may read: the state inside its own transaction. */
export interface PlanReads {
  booking(id: string): Promise<BookingRow | undefined>;
  /**
   * Confirmed bookings overlapping `window`, leaving out booking `exceptId` (a call never conflicts with itself),
   * each with the ids of its two coaches and when it was booked (the pair choice reads both).
   */
  liveBookings(window: Interval, exceptId?: string): Promise<PoolBooking[]>;
  /** The unexpired answer recorded under `keyHash`, if any. */
  idempotencyRecord(keyHash: string, now: number): Promise<StoredAnswer | undefined>;
  /** Start times of the confirmed calls after `now` in which `email` (lower case) is one of the two people. */
  upcomingCalls(email: string, now: number): Promise<number[]>;
  /** The highest webhook sequence queued for the booking so far, 0 before its first event (server/webhooks/webhookWrites.ts). */
  lastWebhookSequence(bookingId: string): Promise<number>;
}

/** What a plan decided to write. All of it commits with the plan's transaction, or none of it does. */
export interface PlanWrites {
  newBooking?: NewBooking;
  /** Also sets sequence + 1 and the booking's updated time. */
  change?: BookingChange;
  /**
   * Person two confirms: written only if the booking is confirmed and not yet confirmed by them (a conditional
   * update: of two confirms, one wins; the store throws if the guard fails inside the plan's transaction).
   */
  partnerConfirmation?: { id: string; at: number; view: PartnerView };
  /**
   * Releases a hold person two did not confirm in time: the call is cancelled (sequence + 1) and released_ms set,
   * only if it is still live, held, unconfirmed and at `sequence` (a conditional update: a confirm and a release
   * cannot both win; the store throws if the guard fails inside the plan's transaction).
   */
  release?: { id: string; sequence: number };
  /** Queued in the outbox, due at once. */
  mails?: readonly OutgoingMail[];
  /** Recorded for the new (or changed) booking; an expired record under the same key is replaced. */
  idempotency?: IdempotencyRecord;
  /** Queued in the webhook outbox, due at once; one to an endpoint disabled by a 410 is left out. */
  webhooks?: readonly QueuedWebhook[];
  /** The call's coaches replaced ("I can't take this call"): each keeps its place and whom it holds; clears a withdrawal. */
  coaches?: { id: string; coaches: CallCoach[]; pairReason: string };
  /** Who did not come, as one of the call's coaches recorded it after the call (replaces an earlier record). */
  attendance?: { id: string } & Attendance;
  /** One of the call's coaches cannot take it and no other coach was free: the administrators decide. */
  withdrawal?: { id: string } & Withdrawal;
}

export interface Planned<T> {
  result: T;
  writes?: PlanWrites;
}

/**
 * The rule of every change: a plan runs inside one serialised transaction. It reads the live bookings through
 * `reads`, decides with core's pure check, and returns the booking and its mail to write. No other plan (in this
 * process or another one on the same data) runs in between. A store may run a plan again after a lost lock, so a
 * plan has no effects of its own.
 */
export type Plan<T> = (reads: PlanReads) => Planned<T> | Promise<Planned<T>>;

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'void';

/** A message as a worker claims it. */
export interface OutboxRow {
  id: number;
  bookingId: string | null;
  recipient: string;
  message: OutgoingMail;
  attempts: number;
  /** When it was queued: temporary failures are retried for a while after this, then the message fails. */
  created: number;
}

/** A message as it stands, for inspection. */
export interface OutboxEntry extends OutboxRow {
  status: OutboxStatus;
  due: number;
  lastError: string | null;
}

export interface OutboxBacklog {
  /** Messages still to be delivered (including those waiting for their next try). */
  pending: number;
  /** Messages given up on: refused for good by the receiving server, or still undelivered after days of tries. */
  failed: number;
  /** Age of the oldest pending message in ms, 0 when none wait; a message that fails leaves this figure. */
  oldestPendingAgeMs: number;
}

/**
 * The mail waiting to go out. A worker claims due rows for a while (a lease); until it reports on a row or its
 * lease runs out, no other worker gets that row. Reports come only from the lease holder: after another worker has
 * claimed the row, a report from the first is refused (false) and changes nothing.
 */
export interface OutboxPort {
  /** Up to `limit` pending rows due at `now` and not leased to anyone, oldest due first, now leased to `owner` until now + leaseMs. */
  claim(now: number, owner: string, leaseMs: number, limit: number): Promise<OutboxRow[]>;
  /** Delivered: never sent again. */
  markSent(id: number, owner: string, now: number): Promise<boolean>;
  /** Not delivered this time: attempts + 1, due again at `due`, lease released. `error` is a code, never user text. */
  markRetry(id: number, owner: string, due: number, error: string): Promise<boolean>;
  /**
   * Given up for good (refused permanently, or too long undelivered): attempts + 1, never sent. In the same
   * transaction, `follow.mails` (a notice of it) are queued, due at `follow.now`, leaving out any whose Message-ID
   * is already queued for the same booking: however many of a person's messages fail, the notice goes once.
   */
  markFailed(id: number, owner: string, error: string, follow?: { mails: readonly OutgoingMail[]; now: number }): Promise<boolean>;
  /** Set aside without sending (stale or superseded): `why` is a code. */
  markVoid(id: number, owner: string, why: string): Promise<boolean>;
  /** Every row of a booking, in the order queued. */
  ofBooking(bookingId: string): Promise<OutboxEntry[]>;
  backlog(now: number): Promise<OutboxBacklog>;
}

export interface ReminderCandidate {
  id: string;
  uid: string;
  start: number;
  end: number;
  sequence: number;
  intake: Intake;
  /** The call's two coaches: the reminder goes to them and the two people only. */
  coaches: CallCoach[];
  /** Whether person two has confirmed their part (the coaches' reminder says so). */
  partnerConfirmed: boolean;
}

export interface ReminderPort {
  /**
   * Live bookings starting in (now, now + leadMs] that have no reminder for their current version yet. A booking
   * made or moved inside that window already has a fresh invitation and gets no reminder.
   */
  due(now: number, leadMs: number): Promise<ReminderCandidate[]>;
  /** Records the reminder for version `sequence` of the booking and queues its mail, at most once per version. */
  enqueue(bookingId: string, sequence: number, mails: readonly OutgoingMail[], now: number): Promise<boolean>;
  /**
   * Queues every nudge due at `now` whose call is live, unconfirmed by person two and still to come, each once (a
   * conditional update takes it off its booking in the same transaction); nudges of calls past that are dropped.
   * Returns how many it queued.
   */
  queueNudges(now: number): Promise<number>;
}

export interface HoldPort {
  /**
   * The ids of held calls whose release time has come at `now`: live, held, person two not confirmed, and the window
   * ended (hold_until ≤ now) or the cancellation notice reached (start − noticeMs ≤ now). Oldest deadline first.
   */
  due(now: number, noticeMs: number): Promise<string[]>;
}

export type StoreHealth = { ok: true; outbox: OutboxBacklog } | { ok: false; reason: UnavailableReason };

export interface StoreCounts {
  bookings: number;
  outbox: number;
  idempotency: number;
}

export interface Store {
  /** Runs `plan` as described at `Plan`; `now` stamps what it writes. */
  runPlan<T>(now: number, plan: Plan<T>): Promise<T>;
  /** Reads outside any plan: the committed state. */
  readonly reads: PlanReads;
  /** Deletes idempotency records past IDEMPOTENCY_TTL_MS; returns how many. */
  purgeIdempotency(now: number): Promise<number>;
  readonly outbox: OutboxPort;
  readonly webhooks: WebhookOutboxPort;
  readonly reminders: ReminderPort;
  readonly holds: HoldPort;
  readonly privacy: PrivacyPort;
  /** Sign-in links and sessions of the coaches' page. */
  readonly access: AccessPort;
  /** The calls as the coaches' page shows them. */
  readonly desk: CallDeskPort;
  /** Changes whenever the data may have changed, by this process or another. Caches of computed slots key on it. */
  version(): Promise<string>;
  /** Reads a real booking and outbox row and the backlog; never throws. */
  health(now: number): Promise<StoreHealth>;
  /** Rows held of each kind (operators, tests). */
  counts(): Promise<StoreCounts>;
  /**
   * The value kept under `name`, storing `fresh` first when there is none yet: one value for every instance on this
   * store, whoever asks first (the form stamps' key: a stamp from one instance must be good at another).
   */
  sharedValue(name: string, fresh: string): Promise<string>;
  /** A consistent copy of everything into `file`, taken while the store keeps serving. */
  backup(file: string): Promise<void>;
  /** Waits for work under way, then closes. */
  close(): Promise<void>;
  /**
   * Runs a periodic job unless another instance on the same data is running it at this moment (then undefined at
   * once). Only a store that several instances share has it (PostgreSQL); see `runAlone`.
   */
  alone?<T>(job: PeriodicJob, work: () => Promise<T>): Promise<T | undefined>;
}

/** The jobs every instance schedules that one instance at a time is enough for. */
export type PeriodicJob = 'reminders' | 'retention' | 'holds';

/** `work` in turn with the other instances' run of `job` where the store knows of them, else at once. */
export const runAlone = <T>(store: Store, job: PeriodicJob, work: () => Promise<T>): Promise<T | undefined> =>
  store.alone ? store.alone(job, work) : work();

export type UnavailableReason = 'busy' | 'full' | 'corrupt' | 'io' | 'read_only' | 'closed';

/**
 * The store cannot answer just now: its lock stayed taken after the retries, the disk is full, the file is
 * corrupt, unreadable or read-only, or the store is closed. The HTTP layer answers 503 `unavailable`, never 500.
 */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';
  constructor(
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(`the store is unavailable (${reason})`, options);
  }
}

/**
 * The database itself refused a booking's time: one of its coaches is already held then (PostgreSQL's exclusion
 * constraint, which stands behind the plan's own check). The HTTP layer answers 409 `slot_unavailable`.
 */
export class SlotTaken extends Error {
  override readonly name = 'SlotTaken';
  constructor(options?: { cause?: unknown }) {
    super('the time is already taken', options);
  }
}
