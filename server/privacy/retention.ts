// Retention: the intake answers and everyone's contact data are deleted `privacy.retentionDays` after the call.
// `retentionPlan` decides what is due (pure, `now` passed in); `runRetention` applies it to the store and the file outbox.
import type { Logger } from '../logger.ts';
import { outboxFiles, removeOutboxFiles } from './privacyFiles.ts';
import { runAlone, type HeldBooking, type HeldMail, type LooseMail, type Store } from '../store/port.ts';
import { DAY_MS } from '../../core/time.ts';

/** A `.eml` or `.ics` file in the file outbox; `bookingId` is read from its name (the Message-ID starts with it). */
export interface OutboxFile {
  name: string;
  bookingId: string | null;
  modified: number;
}

export interface RetentionInput {
  now: number;
  retentionDays: number;
  /**
   * The cut-off the last run reached; absent on the very first run, when the newest time recorded in the store
   * less `retentionDays` stands in (or, in an empty store, nothing: there is nothing to delete).
   */
  mark?: number;
  bookings: readonly HeldBooking[];
  looseMail: readonly LooseMail[];
  files: readonly OutboxFile[];
}

export interface RetentionPlan {
  /** The instant before which calls' personal data goes this run; the next run starts from it. */
  cutoff: number;
  /** Bookings whose intake is set to NULL: the row keeps its times and status only. */
  scrub: string[];
  /** Outbox rows deleted: sent, refused or set aside, never one still pending. */
  outbox: number[];
  /** Webhooks deleted, on the same rule as the outbox's rows. */
  webhooks: number[];
  files: string[];
}

/** How far the cut-off may move in one run (it runs daily): a clock that jumps ahead costs at most this. */
export const MAX_CUTOFF_STEP_MS = 2 * DAY_MS;

/**
 * The instant before which a call's personal data is due for deletion: `retentionDays` before now, but never more
 * than two days past the last run's cut-off. A clock a year ahead deletes two days' worth early, not a year's; a
 * server that was off for a week catches up over a few daily runs.
 */
export function retentionCutoff(now: number, retentionDays: number, mark: number | undefined): number {
  const due = now - retentionDays * DAY_MS;
  return mark === undefined ? due : Math.min(due, mark + MAX_CUTOFF_STEP_MS);
}

/**
 * What is due at `now`: every booking whose call ended before the cut-off loses its answers and its outbox rows;
 * loose outbox rows and outbox files go once they are that old (files also with their booking). Mail that is
 * still pending stays, whatever its age: the outbox gives up on it (and marks it failed) long before.
 */
export function retentionPlan(input: RetentionInput): RetentionPlan {
  const cutoff = retentionCutoff(input.now, input.retentionDays, input.mark);
  const due = input.bookings.filter((b) => b.end <= cutoff);
  const dueIds = new Set(due.map((b) => b.id));
  const done = (m: HeldMail) => !m.pending;
  return {
    cutoff,
    scrub: due.filter((b) => b.hasIntake).map((b) => b.id),
    outbox: [
      ...due.flatMap((b) => b.outbox.filter(done).map((m) => m.id)),
      ...input.looseMail.filter((m) => done(m) && m.created <= cutoff).map((m) => m.id),
    ],
    webhooks: due.flatMap((b) => (b.webhooks ?? []).filter(done).map((m) => m.id)),
    files: input.files.filter((f) => f.modified <= cutoff || (f.bookingId !== null && dueIds.has(f.bookingId))).map((f) => f.name),
  };
}

export interface RetentionDeps {
  store: Store;
  retentionDays: number;
  /** The file outbox (DUET_DATA/outbox), or undefined when mail goes out over SMTP only. */
  outboxDir?: string;
  clock: () => number;
  log: Logger;
}

export interface RetentionCounts {
  bookings: number;
  outbox: number;
  webhooks: number;
  files: number;
}

/** Applies the plan for this moment; the store leaves no copy of what it deleted (see PrivacyPort). */
export async function runRetention(deps: RetentionDeps): Promise<RetentionCounts> {
  const { privacy } = deps.store;
  const now = deps.clock();
  await deps.store.purgeIdempotency(now);
  const stored = await privacy.retentionMark();
  const newest = stored === undefined ? await privacy.newestRecorded() : undefined;
  const mark = stored ?? (newest === undefined ? undefined : newest - deps.retentionDays * DAY_MS);
  const plan = retentionPlan({
    now,
    retentionDays: deps.retentionDays,
    mark,
    bookings: await privacy.heldBookings(),
    looseMail: await privacy.looseMail(),
    files: deps.outboxDir ? outboxFiles(deps.outboxDir) : [],
  });
  // The mark never moves back (a clock that is behind deletes nothing new). An empty store records none: its first
  // data, not a clock nothing can check yet, sets where retention starts.
  const rows = await privacy.applyRetention(
    plan.scrub,
    plan.outbox,
    mark === undefined ? undefined : Math.max(plan.cutoff, mark),
    plan.webhooks,
  );
  const files = deps.outboxDir ? removeOutboxFiles(deps.outboxDir, plan.files) : 0;
  return { ...rows, files };
}

export interface RetentionJob {
  run(): Promise<RetentionCounts | undefined>;
  /** The first run, started at once. */
  started: Promise<RetentionCounts | undefined>;
  stop(): void;
}

/** Runs retention now and then every `intervalMs` (a day); logs counts only. */
export function startRetention(deps: RetentionDeps, intervalMs = DAY_MS): RetentionJob {
  const run = async () => {
    try {
      // With several instances on one database, one of them runs it at a time (the others skip this round).
      const counts = await runAlone(deps.store, 'retention', () => runRetention(deps));
      if (counts && counts.bookings + counts.outbox + counts.webhooks + counts.files > 0) deps.log.info({ event: 'retention', ...counts });
      return counts;
    } catch (e) {
      deps.log.warn({ event: 'retention_failed', error: (e as Error).name });
      return undefined;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { run, started: run(), stop: () => clearInterval(timer) };
}
