// Runs feed expansions one at a time in a worker thread; one that outlives its budget is stopped by
// ending the thread (a rule can loop inside one ical.js call, where no budget check can reach it).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_BUDGET } from './feedBudget.ts';
import type { ExpandRange, ReadOutcome } from './feedExpand.ts';
import type { WorkerAnswer, WorkerJob } from './feedWorker.ts';

export type RunOutcome = ReadOutcome | { ok: false; error: 'expand_failed' };

export interface FeedRunner {
  /** Parses and expands one feed's text off the main thread. */
  read(text: string, range: ExpandRange): Promise<RunOutcome>;
  /** Starts the worker thread now rather than at the first read. */
  warm(): void;
  /** Ends the worker thread (a new one starts for the next read). */
  close(): Promise<void>;
}

/** Time a worker may take over its budget (thread start included) before it is ended. */
const GRACE_MS = 5_000;

export function createFeedRunner(): FeedRunner {
  let worker: Worker | null = null;
  let ready: Promise<void> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;

  const start = () => {
    const w = spawn();
    w.unref(); // an idle worker never keeps the process alive
    worker = w;
    ready = new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
      w.once('exit', () => reject(new Error('feed worker exited')));
    });
    w.on('exit', () => {
      if (worker === w) {
        worker = null;
        ready = null;
      }
    });
    return w;
  };

  const runOne = async (text: string, range: ExpandRange): Promise<RunOutcome> => {
    const w = worker ?? start();
    const limit = (range.budget ?? DEFAULT_BUDGET).ms + GRACE_MS;
    const id = nextId++;
    return new Promise<RunOutcome>((resolve) => {
      const stop = (outcome: RunOutcome) => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (answer: WorkerAnswer | 'ready') => {
        if (answer !== 'ready' && answer.id === id) stop(answer.outcome);
      };
      const onExit = () => stop({ ok: false, error: 'expand_failed' });
      const timer = setTimeout(() => {
        stop({ ok: false, error: 'over_budget' });
        void w.terminate();
      }, limit);
      w.on('message', onMessage);
      w.on('exit', onExit);
      (ready ?? Promise.resolve()).then(
        () => w.postMessage({ id, text, range } satisfies WorkerJob),
        () => stop({ ok: false, error: 'expand_failed' }),
      );
    });
  };

  return {
    read(text, range) {
      const run = queue.then(() => runOne(text, range));
      queue = run.catch(() => {});
      return run;
    },
    warm() {
      if (!worker) start();
    },
    async close() {
      const w = worker;
      worker = null;
      ready = null;
      if (w) await w.terminate();
    },
  };
}

// Source files are TypeScript run through tsx: the worker registers tsx before it loads its module.
function spawn(): Worker {
  const url = new URL('./feedWorker.ts', import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(code, { eval: true });
}
