// The reminder a day before each call: a periodic job that queues one reminder per booking version in the outbox.
import type { Config } from '../../core/config.ts';
import { HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { Logger } from '../logger.ts';
import { runAlone, type Store } from '../store/port.ts';
import { reminderMails } from './reminderMails.ts';

/** How long before the call the reminder goes out. */
export const REMINDER_LEAD_MS = 24 * HOUR_MS;

/**
 * Queues reminders for live calls starting within the next 24 hours that have none yet, and the nudges due to
 * person two; returns how many bookings got one. Cancelled calls are skipped; a moved call is reminded of its new time only.
 */
export async function queueDueReminders(config: Config, store: Store, now: number): Promise<number> {
  let queued = 0;
  for (const b of await store.reminders.due(now, REMINDER_LEAD_MS)) {
    if (
      await store.reminders.enqueue(
        b.id,
        b.sequence,
        reminderMails({ config, booking: b, intake: b.intake, partnerConfirmed: b.partnerConfirmed, now }),
        now,
      )
    )
      queued++;
  }
  // "ask": person two's one nudge, a day after booking, unless they confirmed meanwhile.
  return queued + (await store.reminders.queueNudges(now));
}

export interface ReminderJob {
  run(): Promise<number>;
  /** The first run, started at once. */
  started: Promise<number>;
  stop(): void;
}

/** Runs `queueDueReminders` now and then every `intervalMs`, waking the outbox when it queued something. */
export function startReminders(
  deps: { config: Config; store: Store; clock: () => number; log: Logger; onOutbox: () => void },
  intervalMs = MINUTE_MS,
): ReminderJob {
  const run = async () => {
    try {
      // With several instances on one database, one of them queues at a time (the others skip this round).
      const queued = (await runAlone(deps.store, 'reminders', () => queueDueReminders(deps.config, deps.store, deps.clock()))) ?? 0;
      if (queued > 0) {
        deps.log.info({ event: 'reminders_queued', bookings: queued });
        deps.onOutbox();
      }
      return queued;
    } catch (e) {
      deps.log.warn({ event: 'reminders_failed', error: (e as Error).name });
      return 0;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { run, started: run(), stop: () => clearInterval(timer) };
}
