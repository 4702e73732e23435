// The loop both outbox workers run (mail and webhooks): lanes side by side, each claiming one leased row at a time and
// delivering it until none is due; a pass on a timer or when woken; after a storage error, a pause that grows (shown in
// /healthz) instead of a crash. What a row is, how it is claimed and delivered, is the caller's.
import { MINUTE_MS, SECOND_MS } from '../../core/time.ts';
import type { Logger } from '../logger.ts';
import { StoreUnavailable } from '../store/port.ts';

/** Delay before the worker touches the store again after `failures` storage errors in a row: 1 s, 2 s … at most a minute. */
export function storeBackoff(failures: number): number {
  return Math.min(MINUTE_MS, SECOND_MS * 2 ** Math.max(0, failures - 1));
}

/** What /healthz says of a worker: the storage error it is backing off from, if any. */
export interface DrainStatus {
  error?: string;
  since?: number;
}

export interface Drain {
  /** Delivers what is due now; resolves (never rejects) with how many went out in this pass and any asked for during it. */
  flush(): Promise<number>;
  /** Asks for a pass soon (after a change queued something). */
  wake(): void;
  status(): DrainStatus;
  /** Stops the timer; resolves once the pass under way has finished. */
  stop(): Promise<void>;
}

/** A stretch of work that may end in a storage error: how many went out before it. */
export interface Stretch {
  sent: number;
  error?: unknown;
}

export interface DrainJob<Row> {
  /** The next due row, leased to this worker now; undefined when none is due. */
  claim(): Promise<Row | undefined>;
  /** Delivers one row and reports on it to the store; true when it went out. A throw is a storage error. */
  deliver(row: Row): Promise<boolean>;
  /** Work before the lanes of each pass (the mail sender records what went out while the store failed). */
  beforeLanes?(): Promise<Stretch>;
  lanes: number;
  intervalMs: number;
  clock: () => number;
  log: Logger;
  /** The log's names: `${name}_store_error`, `${name}_store_recovered`; a bug is `${failed}`. */
  name: string;
  failed: string;
}

/** Why a store call failed, as a short code for the log and /healthz (never the data involved). */
const storeReason = (e: unknown) => (e instanceof StoreUnavailable ? e.reason : (e as Error)?.name || 'error');

export function startDrain<Row>(job: DrainJob<Row>): Drain {
  const { clock, log } = job;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = false;
  let trouble: { reason: string; since: number; failures: number; retryAt: number } | undefined;

  /** One lane: claims a row at a time and delivers it, until none is due. A storage error ends the lane. */
  async function lane(): Promise<Stretch> {
    let sent = 0;
    try {
      while (!stopped) {
        const row = await job.claim();
        if (row === undefined) break;
        if (await job.deliver(row)) sent++;
      }
      return { sent };
    } catch (error) {
      return { sent, error };
    }
  }

  async function pass(): Promise<number> {
    if (trouble && clock() < trouble.retryAt) return 0;
    const before = job.beforeLanes ? await job.beforeLanes() : { sent: 0 };
    const lanes = before.error === undefined ? await Promise.all(Array.from({ length: Math.max(1, job.lanes) }, lane)) : [];
    const failed = [before, ...lanes].find((l) => l.error !== undefined);
    if (failed) {
      const reason = storeReason(failed.error);
      const failures = (trouble?.failures ?? 0) + 1;
      trouble = { reason, since: trouble?.since ?? clock(), failures, retryAt: clock() + storeBackoff(failures) };
      log.warn({ event: `${job.name}_store_error`, reason, failures, retryInMs: storeBackoff(failures) });
    } else if (trouble) {
      log.info({ event: `${job.name}_store_recovered`, afterMs: clock() - trouble.since });
      trouble = undefined;
    }
    return before.sent + lanes.reduce((n, l) => n + l.sent, 0);
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
        log.warn({ event: job.failed, error: (e as Error)?.name ?? 'error' });
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void flush(), job.intervalMs);
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
