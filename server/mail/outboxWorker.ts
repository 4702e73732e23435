// Delivers outbox rows: each claimed under a lease, sent side by side over the transport's lanes (the loop is
// server/outbox/leasedDrain.ts, which the webhooks share), retried with backoff while the failure is temporary, given
// up at once on a permanent refusal. Nothing here can take the server down.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DAY_MS, MINUTE_MS, SECOND_MS } from '../../core/time.ts';
import type { Logger } from '../logger.ts';
import { startDrain, type Drain, type DrainStatus, type Stretch } from '../outbox/leasedDrain.ts';
import type { BookingRow, OutboxRow, Store } from '../store/port.ts';
import { deliveryFailure } from './deliveryError.ts';
import type { MailTransport } from './mailTransport.ts';
import type { OutgoingMail } from './outgoingMail.ts';
import { staleReason } from './staleMail.ts';

/** How long a claimed row stays this worker's: well past the send deadline, short enough to recover from a crash. */
export const OUTBOX_LEASE_MS = 5 * MINUTE_MS;
/** A send still unanswered after this (or half the lease, if shorter) is abandoned and tried again later. */
export const SEND_DEADLINE_MS = 2 * MINUTE_MS;
/** Temporary failures are tried again for this long after the message was queued; then it fails. */
export const RETRY_FOR_MS = 3 * DAY_MS;

/** Delay before the next try after `attempts` earlier failures: 30 s, 1 min, 2 min … at most an hour. */
export function backoff(attempts: number): number {
  return Math.min(60 * MINUTE_MS, 30 * SECOND_MS * 2 ** attempts);
}

export { storeBackoff } from '../outbox/leasedDrain.ts';

/** What /healthz says of the worker: the storage error it is backing off from, if any. */
export type OutboxWorkerStatus = DrainStatus;

/** flush() sends what is due now; wake() asks for a pass soon (after a booking); stop() waits for the pass under way. */
export type OutboxWorker = Drain;

export interface OutboxOptions {
  intervalMs?: number;
  /** The notice to the coaches when a message to one of the duo ends failed (see undeliverableNotices). */
  notices?: (booking: BookingRow, recipient: string, code: string) => OutgoingMail[];
  /** This worker's name in the lease (default host, pid and a random part). */
  owner?: string;
  /** How long a claimed row stays this worker's (default OUTBOX_LEASE_MS; DUET_OUTBOX_LEASE_MS in main.ts). */
  leaseMs?: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One worker per process; several may share a store, and each row goes to the one holding its lease. A row is
 * marked sent right after the server's 250: the only moment a duplicate can arise is a crash (or a store that
 * stops answering) between the two, and then the resend carries the same Message-ID, which mail clients drop.
 */
export function startOutbox(
  store: Store,
  transport: MailTransport,
  clock: () => number,
  log: Logger,
  options: OutboxOptions = {},
): OutboxWorker {
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(6).toString('base64url')}`;
  const leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
  // A send never outlives its lease: past half of it, it is abandoned and tried again later.
  const deadlineMs = Math.min(SEND_DEADLINE_MS, leaseMs / 2);
  // Accepted by the SMTP server but not yet recorded as sent (the store failed at that moment): only marked, never resent.
  const delivered = new Set<number>();

  /** Records a sent row, trying again briefly: the shorter this takes, the smaller the window for a duplicate. */
  async function recordSent(id: number): Promise<void> {
    for (let tries = 0; ; tries++) {
      try {
        if (!(await store.outbox.markSent(id, owner, clock()))) log.warn({ event: 'mail_lease_lost', outboxId: id });
        delivered.delete(id);
        return;
      } catch (e) {
        if (tries >= 2) throw e;
        await pause(50 * 4 ** tries);
      }
    }
  }

  async function send(mail: OutgoingMail): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('send deadline passed'), { code: 'ETIMEDOUT' })), deadlineMs);
    });
    try {
      await Promise.race([transport.send(mail), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function giveUp(row: OutboxRow, code: string, event: 'mail_refused' | 'mail_given_up') {
    const booking =
      row.bookingId && options.notices && row.message.kind !== 'notice' ? await store.reads.booking(row.bookingId) : undefined;
    const mails = booking && options.notices ? options.notices(booking, row.recipient, code) : [];
    const done = await store.outbox.markFailed(row.id, owner, code, mails.length ? { mails, now: clock() } : undefined);
    log.warn({ event, outboxId: row.id, bookingId: row.bookingId, attempts: row.attempts + 1, code, noticed: done && mails.length > 0 });
  }

  async function deliver(row: OutboxRow): Promise<boolean> {
    const stale = row.bookingId
      ? staleReason(row, await store.reads.booking(row.bookingId), await store.outbox.ofBooking(row.bookingId))
      : null;
    if (stale) {
      await store.outbox.markVoid(row.id, owner, stale);
      log.info({ event: 'mail_void', outboxId: row.id, bookingId: row.bookingId, reason: stale });
      return false;
    }
    try {
      await send(row.message);
    } catch (e) {
      const failure = deliveryFailure(e);
      if (failure.permanent) await giveUp(row, failure.code, 'mail_refused');
      else if (clock() - row.created >= RETRY_FOR_MS) await giveUp(row, failure.code, 'mail_given_up');
      else {
        await store.outbox.markRetry(row.id, owner, clock() + backoff(row.attempts), failure.code);
        log.warn({ event: 'mail_failed', outboxId: row.id, bookingId: row.bookingId, attempts: row.attempts + 1, code: failure.code });
      }
      return false;
    }
    delivered.add(row.id);
    await recordSent(row.id);
    log.info({ event: 'mail_sent', outboxId: row.id, bookingId: row.bookingId, kind: row.message.kind ?? 'invite' });
    return true;
  }

  /** Records what was delivered while the store could not take it: the row is still ours (nobody else reported on it). */
  async function catchUp(): Promise<Stretch> {
    let sent = 0;
    try {
      for (const id of [...delivered]) {
        await recordSent(id);
        sent++;
      }
      return { sent };
    } catch (error) {
      return { sent, error };
    }
  }

  return startDrain<OutboxRow>({
    claim: async () => (await store.outbox.claim(clock(), owner, leaseMs, 1))[0],
    deliver,
    beforeLanes: catchUp,
    lanes: transport.lanes,
    intervalMs: options.intervalMs ?? 5 * SECOND_MS,
    clock,
    log,
    name: 'outbox',
    failed: 'outbox_failed',
  });
}
