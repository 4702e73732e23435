// Delivers outbox rows with retries and exponential backoff; a failed send is tried again later, never lost.
import { mailStore } from '../store/sqlite/sqliteOutbox.ts';
import type { Store } from '../store/sqlite/sqliteStore.ts';
import type { MailTransport } from './mailTransport.ts';
import type { Logger } from '../logger.ts';

const MINUTE = 60_000;

/** Delay before the next try after `attempts` earlier failures: 30 s, 1 min, 2 min … at most an hour. */
export function backoff(attempts: number): number {
  return Math.min(60 * MINUTE, 30_000 * 2 ** attempts);
}

export interface OutboxWorker {
  /** Sends what is due now; resolves with how many were sent when this pass (and any asked for during it) is done. */
  flush(): Promise<number>;
  /** Asks for a pass soon (after a booking). */
  wake(): void;
  stop(): void;
}

/**
 * One worker per store. A row is marked sent right after the server accepted it; a crash in between
 * resends it with the same Message-ID, which mail clients treat as the same message.
 */
export function startOutbox(store: Store, transport: MailTransport, clock: () => number, log: Logger, intervalMs = 5_000): OutboxWorker {
  const mail = mailStore(store);
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;

  async function pass(): Promise<number> {
    let sent = 0;
    for (const row of store.dueMail(clock())) {
      if (stopped) break;
      const stale = mail.staleReason(row);
      if (stale) {
        mail.markVoid(row.id, stale);
        log.info({ event: 'mail_void', outboxId: row.id, bookingId: row.bookingId, reason: stale });
        continue;
      }
      try {
        await transport.send(row.message);
        store.markSent(row.id, clock());
        sent++;
        log.info({ event: 'mail_sent', outboxId: row.id, bookingId: row.bookingId, kind: row.message.kind ?? 'invite' });
      } catch (e) {
        const err = e as { code?: string; responseCode?: number };
        // Only the transport's codes are kept: an SMTP error message may quote the recipient's address.
        const code = `${err.code ?? 'error'}${err.responseCode ? ` ${err.responseCode}` : ''}`;
        store.markFailed(row.id, clock() + backoff(row.attempts), code);
        log.warn({ event: 'mail_failed', outboxId: row.id, bookingId: row.bookingId, attempts: row.attempts + 1, code });
      }
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
    running = loop().finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  return {
    flush,
    wake: () => void setTimeout(() => void flush(), 0),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
