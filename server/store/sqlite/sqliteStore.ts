// The SQLite store: bookings, the mail outbox and idempotency records in one file (WAL mode), behind the store port.
import Database from 'better-sqlite3';
import type { Store, StoreCounts } from '../port.ts';
import { sqliteAccess } from './sqliteAccess.ts';
import { sqliteBookings } from './sqliteBookings.ts';
import { sqliteDesk } from './sqliteDesk.ts';
import { checkDuetFile, migrate, type MigrationOptions } from './sqliteMigrations.ts';
import { sqliteOutbox } from './sqliteOutbox.ts';
import { sqlitePrivacy } from './sqlitePrivacy.ts';
import { sqliteWebhooks } from './sqliteWebhooks.ts';
import { BUSY_TIMEOUT_MS, sqliteRunner, unavailableReason } from './sqliteTransaction.ts';

/** Opening waits longer for a lock than a request does: the migrations must run once, whoever holds the file. */
const OPEN_BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (and migrates) the store at `file`; ":memory:" is accepted for quick tests. `coaches` (the configured ones)
 * are needed to open a data file from before the pool that holds bookings: it throws without them, file untouched.
 */
export function openSqliteStore(file: string, opts: MigrationOptions = {}): Store {
  const db = new Database(file);
  db.pragma(`busy_timeout = ${OPEN_BUSY_TIMEOUT_MS}`);
  try {
    checkDuetFile(db); // before WAL mode is written into another program's file
  } catch (e) {
    db.close();
    throw e;
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  try {
    migrate(db, opts);
  } catch (e) {
    db.close();
    throw e;
  }
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);

  const run = sqliteRunner(db);
  const outbox = sqliteOutbox(db, run);
  const webhooks = sqliteWebhooks(db, run);
  const bookings = sqliteBookings(db, run, outbox, webhooks);

  const totalChanges = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
  const latestBooking = db.prepare('SELECT * FROM bookings ORDER BY rowid DESC LIMIT 1');
  const latestMail = db.prepare('SELECT * FROM outbox ORDER BY id DESC LIMIT 1');
  const keep = db.prepare<[string, string]>(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`);
  const kept = db.prepare<[string], { value: string }>(`SELECT value FROM settings WHERE key = ?`);
  const count = (table: 'bookings' | 'outbox' | 'idempotency') => db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
  const counts = { bookings: count('bookings'), outbox: count('outbox'), idempotency: count('idempotency') };

  return {
    runPlan: bookings.runPlan,
    reads: bookings.reads,
    purgeIdempotency: bookings.purgeIdempotency,
    outbox: outbox.port,
    webhooks: webhooks.port,
    reminders: bookings.reminders,
    holds: bookings.holds,
    privacy: sqlitePrivacy(db, run),
    access: sqliteAccess(db, run, outbox),
    desk: sqliteDesk(db, run, bookings.bookingNow),
    // This connection's writes (total_changes) and other connections' commits (data_version).
    version: () => run.read(() => `${db.pragma('data_version', { simple: true }) as number}:${totalChanges.get()!.n}`),
    async health(now) {
      try {
        // Real rows, not just the schema: a page that cannot be read shows here.
        await run.read(() => {
          latestBooking.get();
          latestMail.get();
        });
        return { ok: true, outbox: await outbox.port.backlog(now) };
      } catch (e) {
        // Whatever stops these reads (a table gone included) means the store cannot serve.
        return { ok: false, reason: unavailableReason(e) ?? 'corrupt' };
      }
    },
    sharedValue: (name, fresh) =>
      run.transact(() => {
        keep.run(name, fresh);
        return kept.get(name)!.value;
      }),
    counts: () =>
      run.read((): StoreCounts => ({
        bookings: counts.bookings.get()!.n,
        outbox: counts.outbox.get()!.n,
        idempotency: counts.idempotency.get()!.n,
      })),
    backup: (file) =>
      run.read(async () => {
        // Every page in one step: in steps, each commit by the server (another connection) would restart the copy,
        // and under steady bookings it might never finish. One step reads one snapshot; WAL lets writers go on meanwhile.
        await db.backup(file, { progress: () => 0x7fffffff });
      }),
    async close() {
      await run.idle();
      if (db.open) db.close();
    },
  };
}
