// The PostgreSQL store (DATABASE_URL=postgres://…): bookings, the outbox and idempotency records in one database
// that any number of Duet instances share, behind the same store port as SQLite.
import type { PeriodicJob, Store, StoreCounts } from '../port.ts';
import { pgDump } from './postgresBackup.ts';
import { postgresAccess } from './postgresAccess.ts';
import { postgresBookings, type HoldRule } from './postgresBookings.ts';
import { postgresDesk } from './postgresDesk.ts';
import { migrate } from './postgresMigrations.ts';
import { postgresOutbox } from './postgresOutbox.ts';
import { postgresPrivacy } from './postgresPrivacy.ts';
import { postgresWebhooks } from './postgresWebhooks.ts';
import { asUnavailable, pgRunner, unavailableReason, type PgRunner } from './postgresRunner.ts';

export interface PostgresStoreOptions extends HoldRule {
  /** Connections this instance keeps open at most (default 10). */
  maxConnections?: number;
  /** Stamps the migrations' record. */
  now?: number;
}

export interface PostgresStore extends Store {
  /** `work` unless another instance is running the same job at this moment (then undefined at once): an advisory lock. */
  alone<T>(job: PeriodicJob, work: () => Promise<T>): Promise<T | undefined>;
}

/** Connects to `connectionString` and migrates the database (once, whichever instance gets there first). */
export async function openPostgresStore(connectionString: string, options: PostgresStoreOptions): Promise<PostgresStore> {
  const run: PgRunner = pgRunner(connectionString, { max: options.maxConnections });
  try {
    await migrate(run.pool, options.now ?? Date.now());
  } catch (e) {
    await run.close();
    throw asUnavailable(e);
  }
  const outbox = postgresOutbox(run);
  const bookings = postgresBookings(run, options);
  const count = async (): Promise<StoreCounts> => {
    const [r] = await run.query<StoreCounts>(
      `SELECT (SELECT count(*)::integer FROM bookings) AS bookings, (SELECT count(*)::integer FROM outbox) AS outbox,
              (SELECT count(*)::integer FROM idempotency) AS idempotency`,
    );
    return r;
  };

  return {
    runPlan: bookings.runPlan,
    reads: bookings.reads,
    purgeIdempotency: bookings.purgeIdempotency,
    outbox,
    webhooks: postgresWebhooks(run),
    reminders: bookings.reminders,
    holds: bookings.holds,
    privacy: postgresPrivacy(run),
    access: postgresAccess(run),
    desk: postgresDesk(run, (id) => bookings.reads.booking(id)),
    // Moved by a trigger on every write of bookings, whichever instance made it.
    version: async () => String((await run.query<{ n: number }>('SELECT n FROM data_version'))[0].n),
    async health(now) {
      try {
        // Real rows, not just a connection: a table that cannot be read shows here.
        await run.query('SELECT id FROM bookings LIMIT 1');
        await run.query('SELECT id FROM outbox ORDER BY id DESC LIMIT 1');
        return { ok: true, outbox: await outbox.backlog(now) };
      } catch (e) {
        return { ok: false, reason: unavailableReason(e) ?? 'corrupt' };
      }
    },
    counts: count,
    async sharedValue(name, fresh) {
      await run.query(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [name, fresh]);
      const [row] = await run.query<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [name]);
      return row.value;
    },
    backup: (file) => pgDump(connectionString, file),
    alone: (job, work) => run.alone(job, () => work()),
    close: () => run.close(),
  };
}
