// The reminder a day before each call: a periodic job that queues one reminder per booking version in the outbox.
import type { Config } from '../../core/config.ts';
import type { Logger } from '../logger.ts';
import { reminderMails } from './bookingMails.ts';
import { mailStore } from '../store/sqlite/sqliteOutbox.ts';
import type { Store } from '../store/sqlite/sqliteStore.ts';

/** How long before the call the reminder goes out. */
export const REMINDER_LEAD_MS = 24 * 3_600_000;

/**
 * Queues reminders for live calls starting within the next 24 hours that have none yet; returns how many
 * bookings got one. Cancelled calls are skipped; a moved call is reminded of its new time only.
 */
export function queueDueReminders(config: Config, store: Store, now: number): number {
  const mail = mailStore(store);
  let queued = 0;
  for (const b of mail.remindersDue(now, REMINDER_LEAD_MS)) {
    if (mail.enqueueReminder(b, reminderMails({ config, booking: b, intake: b.intake, now }), now)) queued++;
  }
  return queued;
}

export interface ReminderJob { run(): number; stop(): void }

/** Runs `queueDueReminders` now and then every `intervalMs`, waking the outbox when it queued something. */
export function startReminders(deps: { config: Config; store: Store; clock: () => number; log: Logger; onOutbox: () => void },
  intervalMs = 60_000): ReminderJob {
  const run = () => {
    try {
      const queued = queueDueReminders(deps.config, deps.store, deps.clock());
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
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return { run, stop: () => clearInterval(timer) };
}
