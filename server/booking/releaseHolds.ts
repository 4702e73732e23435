// Releasing holds person two did not confirm in time (call.partnerConfirmation "require"): a periodic job on the
// server's clock, each release a plan in the store's transaction (a conditional update there), then METHOD:CANCEL to
// all four, a kind note to person one with the link to book again, booking.released to the webhooks, and the time
// offered again.
import { isDueForRelease } from '../../core/partnerHold.ts';
import { HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { Logger } from '../logger.ts';
import { bookingMails } from '../mail/bookingMails.ts';
import { runAlone, type BookingRow, type PlanReads, type PlanWrites, type Store } from '../store/port.ts';
import { webhookWrites } from '../webhooks/webhookWrites.ts';
import type { BookingDeps } from './bookingDeps.ts';

/** What releasing `b` writes (inside the plan that reads it): the call cancelled at its next sequence, its four cancellations, its webhooks. */
export async function releaseWrites(deps: Pick<BookingDeps, 'config'>, reads: PlanReads, b: BookingRow, now: number): Promise<PlanWrites> {
  const released: BookingRow = { ...b, status: 'cancelled', sequence: b.sequence + 1, releasedAt: now };
  return {
    release: { id: b.id, sequence: b.sequence },
    webhooks: await webhookWrites(reads, deps.config, {
      event: { type: 'booking.released', reason: 'not_confirmed' },
      booking: released,
      at: now,
    }),
    mails: b.intake
      ? bookingMails({
          config: deps.config,
          booking: { id: b.id, uid: b.uid, start: b.start, end: b.end, sequence: b.sequence + 1, coaches: b.coaches },
          intake: b.intake,
          method: 'CANCEL',
          released: true,
          now,
        })
      : [],
  };
}

/** Releases `id` if its release time has come at `now` and it is still held; true when this call released it. */
export function releaseIfDue(deps: Pick<BookingDeps, 'config' | 'store'>, id: string, now: number): Promise<boolean> {
  return deps.store.runPlan(now, async (reads) => {
    const b = await reads.booking(id);
    if (!b || !isDueForRelease(b, now, deps.config.call)) return { result: false };
    return { result: true, writes: await releaseWrites(deps, reads, b, now) };
  });
}

/** Releases every hold due at `now`; returns how many it released. */
export async function releaseDueHolds(deps: Pick<BookingDeps, 'config' | 'store'>, now: number): Promise<number> {
  let released = 0;
  const noticeMs = deps.config.call.cancelNoticeHours * HOUR_MS;
  for (const id of await deps.store.holds.due(now, noticeMs)) if (await releaseIfDue(deps, id, now)) released++;
  return released;
}

export interface HoldJob {
  run(): Promise<number>;
  /** The first run, started at once. */
  started: Promise<number>;
  stop(): void;
}

/** Runs `releaseDueHolds` now and then every `intervalMs` against `clock`, waking the outbox when it released one. */
export function startHoldRelease(
  deps: Pick<BookingDeps, 'config' | 'store' | 'clock'> & { log: Logger; onOutbox: () => void },
  intervalMs = MINUTE_MS,
): HoldJob {
  const run = async () => {
    try {
      // With several instances on one database, one of them releases at a time (the others skip this round).
      const released = (await runAlone(deps.store, 'holds', () => releaseDueHolds(deps, deps.clock()))) ?? 0;
      if (released > 0) {
        deps.log.info({ event: 'holds_released', bookings: released });
        deps.onOutbox();
      }
      return released;
    } catch (e) {
      deps.log.warn({ event: 'holds_failed', error: (e as Error).name });
      return 0;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { run, started: run(), stop: () => clearInterval(timer) };
}
