// Delivers outbox rows with retries and exponential backoff; a failed send is tried again later, never lost.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { MINUTE_MS, SECOND_MS } from '../../core/time.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/port.ts';
import type { MailTransport } from './mailTransport.ts';
import { staleReason } from './staleMail.ts';

/** How long a claimed row stays this worker's: longer than a batch takes to send, short enough to recover from a crash. */
export const OUTBOX_LEASE_MS = 2 * MINUTE_MS;
const BATCH = 20;

/** Delay before the next try after `attempts` earlier failures: 30 s, 1 min, 2 min … at most an hour. */
export function backoff(attempts: number): number {
  return Math.min(60 * MINUTE_MS, 30 * SECOND_MS * 2 ** attempts);
}

export interface OutboxWorker {
  /** Sends what is due now; resolves with how many were sent when this pass (and any asked for during it) is done. */
  flush(): Promise<number>;
  /** Asks for a pass soon (after a booking). */
  wake(): void;
  stop(): void;
}

/**
 * One worker per process; several may share a store (each row goes to the one holding its lease). A row is marked
 * sent right after the server accepted it; a crash in between resends it with the same Message-ID, which mail
 * clients treat as the same message.
 */
export function startOutbox(
  store: Store,
  transport: MailTransport,
  clock: () => number,
  log: Logger,
  intervalMs = 5 * SECOND_MS,
  leaseMs = OUTBOX_LEASE_MS,
): OutboxWorker {
  const owner = `${hostname()}:${process.pid}:${randomBytes(6).toString('base64url')}`;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  async function pass(): Promise<number> {
    let sent = 0;
    for (const row of await store.outbox.claim(clock(), owner, leaseMs, BATCH)) {
      if (stopped) break;
      const stale = row.bookingId
        ? staleReason(row, await store.reads.booking(row.bookingId), await store.outbox.ofBooking(row.bookingId))
        : null;
      if (stale) {
        await store.outbox.markVoid(row.id, owner, stale);
        log.info({ event: 'mail_void', outboxId: row.id, bookingId: row.bookingId, reason: stale });
        continue;
      }
      try {
        await transport.send(row.message);
      } catch (e) {
        const err = e as { code?: string; responseCode?: number };
        // Only the transport's codes are kept: an SMTP error message may quote the recipient's address.
        const code = `${err.code ?? 'error'}${err.responseCode ? ` ${err.responseCode}` : ''}`;
        await store.outbox.markRetry(row.id, owner, clock() + backoff(row.attempts), code);
        log.warn({ event: 'mail_failed', outboxId: row.id, bookingId: row.bookingId, attempts: row.attempts + 1, code });
        continue;
      }
      await store.outbox.markSent(row.id, owner, clock());
      sent++;
      log.info({ event: 'mail_sent', outboxId: row.id, bookingId: row.bookingId, kind: row.message.kind ?? 'invite' });
    }
    return sent;
  }

  async function loop(): Promise<number> {
    let total = 0;
    do {
      again = false;
      total += await pass();
    } while (again && !stopped);
    return total;
  }

  const flush = () => {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => void flush().catch((e: Error) => log.warn({ event: 'outbox_failed', error: e.name })), intervalMs);
  timer.unref();
  return {
    flush,
    wake: () => void setTimeout(() => void flush().catch((e: Error) => log.warn({ event: 'outbox_failed', error: e.name })), 0),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
