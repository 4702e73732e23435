// Retention: the intake answers and everyone's contact data are deleted `privacy.retentionDays` after the call.
// `retentionPlan` decides what is due (pure, `now` passed in); `runRetention` applies it to the store and the file outbox.
import type { Logger } from '../logger.ts';
import { privacyStore } from '../store/sqlite/sqlitePrivacy.ts';
import { outboxFiles, removeOutboxFiles } from './privacyFiles.ts';
import type { Store } from '../store/sqlite/sqliteStore.ts';

const DAY_MS = 86_400_000;

/** A booking that still holds something personal: its answers, or outbox rows (addresses, for coaches the answers). */
export interface HeldBooking { id: string; end: number; hasIntake: boolean; outboxIds: readonly number[] }

/** An outbox row whose booking is gone (erased) or was never recorded. */
export interface LooseMail { id: number; created: number }

/** A `.eml` or `.ics` file in the file outbox; `bookingId` is read from its name (the Message-ID starts with it). */
export interface OutboxFile { name: string; bookingId: string | null; modified: number }

export interface RetentionInput {
  now: number;
  retentionDays: number;
  bookings: readonly HeldBooking[];
  looseMail: readonly LooseMail[];
  files: readonly OutboxFile[];
}

export interface RetentionPlan {
  /** Bookings whose intake is set to NULL: the row keeps its times and status only. */
  scrub: string[];
  /** Outbox rows deleted, whatever their status: a message not delivered by then is never sent. */
  outbox: number[];
  files: string[];
}

/** The instant before which a call's personal data is due for deletion. */
export const retentionCutoff = (now: number, retentionDays: number): number => now - retentionDays * DAY_MS;

/**
 * What is due at `now`: every booking whose call ended `retentionDays` ago or more loses its answers and its
 * outbox rows; loose outbox rows and outbox files go once they are that old (files also with their booking).
 */
export function retentionPlan(input: RetentionInput): RetentionPlan {
  const cutoff = retentionCutoff(input.now, input.retentionDays);
  const due = input.bookings.filter((b) => b.end <= cutoff);
  const dueIds = new Set(due.map((b) => b.id));
  return {
    scrub: due.filter((b) => b.hasIntake).map((b) => b.id),
    outbox: [...due.flatMap((b) => b.outboxIds), ...input.looseMail.filter((m) => m.created <= cutoff).map((m) => m.id)],
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

export interface RetentionCounts { bookings: number; outbox: number; files: number }

/** Applies the plan for this moment; the deleted rows are zeroed (secure_delete) and the WAL checkpointed. */
export function runRetention(deps: RetentionDeps): RetentionCounts {
  const privacy = privacyStore(deps.store);
  const now = deps.clock();
  deps.store.purgeIdempotency(now);
  const plan = retentionPlan({
    now,
    retentionDays: deps.retentionDays,
    bookings: privacy.heldBookings(),
    looseMail: privacy.looseMail(),
    files: deps.outboxDir ? outboxFiles(deps.outboxDir) : [],
  });
  const rows = privacy.applyRetention(plan.scrub, plan.outbox);
  const files = deps.outboxDir ? removeOutboxFiles(deps.outboxDir, plan.files) : 0;
  if (rows.bookings + rows.outbox > 0) privacy.checkpoint();
  return { ...rows, files };
}

export interface RetentionJob { run(): RetentionCounts | undefined; stop(): void }

/** Runs retention now and then every `intervalMs` (a day); logs counts only. */
export function startRetention(deps: RetentionDeps, intervalMs = DAY_MS): RetentionJob {
  const run = () => {
    try {
      const counts = runRetention(deps);
      if (counts.bookings + counts.outbox + counts.files > 0) deps.log.info({ event: 'retention', ...counts });
      return counts;
    } catch (e) {
      deps.log.warn({ event: 'retention_failed', error: (e as Error).name });
      return undefined;
    }
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return { run, stop: () => clearInterval(timer) };
}
