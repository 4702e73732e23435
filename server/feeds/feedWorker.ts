// The worker thread that parses and expands feeds, so that no feed ever holds up the server's requests.
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { readFeed, type ExpandRange, type ReadOutcome } from './feedExpand.ts';

export interface WorkerJob {
  id: number;
  text: string;
  range: ExpandRange;
}
export interface WorkerAnswer {
  id: number;
  outcome: ReadOutcome | { ok: false; error: 'expand_failed' };
}

const port = parentPort;
if (port) {
  // On Linux the nice value is per thread: this one yields the CPU to the request thread whenever both want it.
  try {
    setPriority(constants.priority.PRIORITY_LOW);
  } catch {
    /* not permitted here: the budget still bounds the work */
  }
  port.on('message', (job: WorkerJob) => {
    let outcome: WorkerAnswer['outcome'];
    try {
      outcome = readFeed(job.text, job.range);
    } catch {
      outcome = { ok: false, error: 'expand_failed' };
    }
    port.postMessage({ id: job.id, outcome } satisfies WorkerAnswer);
  });
  port.postMessage('ready');
}
