// Delivers outbox rows: each claimed under a lease, sent side by side over the transport's lanes, retried with backoff
// while the failure is temporary, given up at once on a permanent refusal. Nothing here can take the server down.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DAY_MS, MINUTE_MS, SECOND_MS } from '../../core/time.ts';
import type { Logger } from '../logger.ts';
import { StoreUnavailable, type BookingRow, type OutboxRow, type Store } from '../store/port.ts';
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

/** Delay before the worker touches the store again after `failures` storage errors in a row: 1 s, 2 s … at most a minute. */
export function storeBackoff(failures: number): number {
  return Math.min(MINUTE_MS, SECOND_MS * 2 ** Math.max(0, failures - 1));
}

/** What /healthz says of the worker: the storage error it is backing off from, if any. */
export interface OutboxWorkerStatus {
  error?: string;
  since?: number;
}

export interface OutboxWorker {
  /** Sends what is due now; resolves (never rejects) with how many were sent when this pass, and any asked for during it, is done. */
  flush(): Promise<number>;
  /** Asks for a pass soon (after a booking). */
  wake(): void;
  status(): OutboxWorkerStatus;
  /** Stops the timer; resolves once the pass under way has finished. */
  stop(): Promise<void>;
}

export interface OutboxOptions {
  intervalMs?: number;
  /** The notice to the coaches when a message to one of the duo ends failed (see undeliverableNotices). */
  notices?: (booking: BookingRow, recipient: string, code: string) => OutgoingMail[];
  /** This worker's name in the lease (default host, pid and a random part). */
  owner?: string;
  /** How long a claimed row stays this worker's (default OUTBOX_LEASE_MS; DUET_OUTBOX_LEASE_MS in main.ts). */
  leaseMs?: number;
}

/** Why a store call failed, as a short code for the log and /healthz (never the data involved). */
const storeReason = (e: unknown) => (e instanceof StoreUnavailable ? e.reason : (e as Error)?.name || 'error');

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
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  let trouble: { reason: string; since: number; failures: number; retryAt: number } | undefined;
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

  /** One lane: claims a row at a time and delivers it, until none is due. A storage error ends the lane. */
  async function lane(): Promise<{ sent: number; error?: unknown }> {
    let sent = 0;
    try {
      while (!stopped) {
        const [row] = await store.outbox.claim(clock(), owner, leaseMs, 1);
        if (!row) break;
        if (await deliver(row)) sent++;
      }
      return { sent };
    } catch (error) {
      return { sent, error };
    }
  }

  /** Records what was delivered while the store could not take it: the row is still ours (nobody else reported on it). */
  async function catchUp(): Promise<{ sent: number; error?: unknown }> {
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

  async function pass(): Promise<number> {
    if (trouble && clock() < trouble.retryAt) return 0;
    const caught = await catchUp();
    const lanes = caught.error === undefined ? await Promise.all(Array.from({ length: Math.max(1, transport.lanes) }, lane)) : [];
    const failed = [caught, ...lanes].find((l) => l.error !== undefined);
    if (failed) {
      const reason = storeReason(failed.error);
      const failures = (trouble?.failures ?? 0) + 1;
      trouble = { reason, since: trouble?.since ?? clock(), failures, retryAt: clock() + storeBackoff(failures) };
      log.warn({ event: 'outbox_store_error', reason, failures, retryInMs: storeBackoff(failures) });
    } else if (trouble) {
      log.info({ event: 'outbox_store_recovered', afterMs: clock() - trouble.since });
      trouble = undefined;
    }
    return caught.sent + lanes.reduce((n, l) => n + l.sent, 0);
  }

  async function loop(): Promise<number> {
    let total = 0;
    do {
      again = false;
      total += await pass();
    } while (again && !stopped && !trouble);
    return total;
  }

  const flush = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    // pass() catches what the store throws; this catch is for a bug, so that it too is logged and not a crash.
    running = loop()
      .catch((e: unknown) => {
        log.warn({ event: 'outbox_failed', error: (e as Error)?.name ?? 'error' });
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void flush(), options.intervalMs ?? 5 * SECOND_MS);
  timer.unref();
  return {
    flush,
    wake: () => void setTimeout(() => void flush(), 0),
    status: () => (trouble ? { error: trouble.reason, since: trouble.since } : {}),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
