// Delivers outbox rows with retries and exponential backoff; a failed send is tried again later, never lost.
import type { Store } from './store.ts';
import type { MailTransport } from './transport.ts';
import type { Logger } from './log.ts';

const MINUTE = 60_000;

/** Delay before the next try after `attempts` failures: 30 s, 1 min, 2 min … at most an hour. */
export function backoff(attempts: number): number {
  return Math.min(60 * MINUTE, 30_000 * 2 ** attempts);
}

export interface OutboxWorker {
  /** Sends what is due now; resolves when this pass is done. */
  flush(): Promise<number>;
  /** Asks for a pass soon (after a booking). */
  wake(): void;
  stop(): void;
}

export function startOutbox(store: Store, transport: MailTransport, clock: () => number, log: Logger, intervalMs = 5_000): OutboxWorker {
  let running: Promise<number> | null = null;
  let stopped = false;

  async function pass(): Promise<number> {
    let sent = 0;
    for (const row of store.dueMail(clock())) {
      if (stopped) break;
      try {
        await transport.send(row.message);
        store.markSent(row.id, clock());
        sent++;
      } catch (e) {
        store.markFailed(row.id, clock() + backoff(row.attempts), (e as Error).message?.slice(0, 200) ?? 'error');
        log.warn({ event: 'mail_failed', outboxId: row.id, bookingId: row.bookingId, attempts: row.attempts + 1 });
      }
    }
    return sent;
  }

  const flush = () => {
    running ??= pass().finally(() => { running = null; });
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
