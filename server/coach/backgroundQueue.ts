// Work that must not delay an answer (a sign-in link's lookup, store write and mail): run one job at a time after
// the request has been answered, so that a known address and an unknown one take the same time to answer.
import type { Logger } from '../logger.ts';

export interface BackgroundQueue {
  push(job: () => Promise<void>): void;
  /** Resolves once every job pushed so far has run (tests, shutdown). */
  idle(): Promise<void>;
}

/** At most `limit` jobs wait; beyond that a job is dropped (the rate limits keep a queue this long from forming). */
export function backgroundQueue(log: Logger, limit = 1000): BackgroundQueue {
  const jobs: (() => Promise<void>)[] = [];
  let running: Promise<void> | undefined;
  const drain = async () => {
    // setImmediate: the request's answer is written before the first job starts.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (let job = jobs.shift(); job; job = jobs.shift()) {
      try {
        await job();
      } catch (e) {
        log.warn({ event: 'background_job_failed', error: (e as Error)?.name ?? 'error' });
      }
    }
    running = undefined;
  };
  return {
    push(job) {
      if (jobs.length >= limit) {
        log.warn({ event: 'background_queue_full' });
        return;
      }
      jobs.push(job);
      running ??= drain();
    },
    idle: async () => {
      while (running) await running;
    },
  };
}
