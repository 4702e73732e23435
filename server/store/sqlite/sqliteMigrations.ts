// The SQLite schema as numbered migrations in code, applied in order on open; schema_version holds how many ran.
import Database from 'better-sqlite3';
import { backfillCoaches, checkCoachesGiven, type ConfiguredCoach } from './sqliteCoaches.ts';

export interface MigrationOptions {
  /**
   * The configured coaches, in config order: a data file from before the pool gives every booking the first two
   * of them. Only needed when such a file holds bookings.
   */
  coaches?: readonly ConfiguredCoach[];
}

/**
 * A migration: SQL, or a step that also needs what the store was opened with. A step's `check` runs before any
 * pending migration does, so that a file that cannot be migrated is left exactly as it was.
 */
type Migration =
  | string
  | {
      check(db: Database.Database, opts: MigrationOptions): void;
      run(db: Database.Database, opts: MigrationOptions): void;
    };

/** Each entry runs once, in its own transaction; append, never edit one that has shipped. */
const MIGRATIONS: Migration[] = [
  `CREATE TABLE bookings (
     id TEXT PRIMARY KEY,
     uid TEXT NOT NULL UNIQUE,
     start_ms INTEGER NOT NULL,
     end_ms INTEGER NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
     sequence INTEGER NOT NULL DEFAULT 0,
     token_hash TEXT NOT NULL,
     intake TEXT,
     created_ms INTEGER NOT NULL,
     updated_ms INTEGER NOT NULL
   );
   CREATE INDEX bookings_live ON bookings (status, start_ms);
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY,
     booking_id TEXT,
     recipient TEXT NOT NULL,
     message TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'void')),
     attempts INTEGER NOT NULL DEFAULT 0,
     due_ms INTEGER NOT NULL,
     sent_ms INTEGER,
     last_error TEXT,
     created_ms INTEGER NOT NULL
   );
   CREATE INDEX outbox_due ON outbox (status, due_ms);`,
  // Idempotency-Key records: the key only as a hash, the first answer sealed with a key derived from it.
  `CREATE TABLE idempotency (
     key_hash TEXT PRIMARY KEY,
     body_hash TEXT NOT NULL,
     booking_id TEXT,
     status INTEGER NOT NULL,
     response TEXT NOT NULL,
     created_ms INTEGER NOT NULL
   );
   CREATE INDEX idempotency_created ON idempotency (created_ms);
   CREATE INDEX idempotency_booking ON idempotency (booking_id);`,
  // Reminders: which version of a booking has had its reminder queued (a moved call gets a new one).
  `ALTER TABLE bookings ADD COLUMN reminded_ms INTEGER;
   ALTER TABLE bookings ADD COLUMN reminded_sequence INTEGER;
   CREATE INDEX outbox_booking ON outbox (booking_id, recipient);`,
  // The outbox lease (a worker claims rows for a while; only it may report on them) and a status for mail given up on.
  // SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same rows.
  `CREATE TABLE outbox_v4 (
     id INTEGER PRIMARY KEY,
     booking_id TEXT,
     recipient TEXT NOT NULL,
     message TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'void')),
     attempts INTEGER NOT NULL DEFAULT 0,
     due_ms INTEGER NOT NULL,
     sent_ms INTEGER,
     last_error TEXT,
     created_ms INTEGER NOT NULL,
     claimed_by TEXT,
     claimed_until INTEGER
   );
   INSERT INTO outbox_v4 (id, booking_id, recipient, message, status, attempts, due_ms, sent_ms, last_error, created_ms)
     SELECT id, booking_id, recipient, message, status, attempts, due_ms, sent_ms, last_error, created_ms FROM outbox;
   DROP TABLE outbox;
   ALTER TABLE outbox_v4 RENAME TO outbox;
   CREATE INDEX outbox_due ON outbox (status, due_ms);
   CREATE INDEX outbox_booking ON outbox (booking_id, recipient);`,
  // The pool: each call's two coaches (who holds which person) and why that pair was chosen. A file from before
  // the pool gets both configured coaches on every booking, in the same transaction.
  {
    check: (db, opts) => checkCoachesGiven(db, opts.coaches),
    run(db, opts) {
      db.exec(`CREATE TABLE booking_coaches (
       booking_id TEXT NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
       position INTEGER NOT NULL CHECK (position IN (0, 1)),
       coach_id TEXT NOT NULL,
       holds INTEGER NOT NULL CHECK (holds IN (0, 1)),
       PRIMARY KEY (booking_id, position)
     ) WITHOUT ROWID;
     CREATE INDEX booking_coaches_coach ON booking_coaches (coach_id);
     ALTER TABLE bookings ADD COLUMN pair_reason TEXT;`);
      backfillCoaches(db, opts.coaches);
    },
  },
  // Small facts the server keeps about itself, such as how far retention has got (its cut-off moves two days a run at most).
  `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // A link for each person: the existing token_hash is person one's (the shared link of an earlier booking keeps
  // working, as person one's); person two's own token is new, so earlier bookings have none.
  `ALTER TABLE bookings ADD COLUMN partner_token_hash TEXT;`,
  // Person two's own confirmation and their private answers (retention sets partner_view to NULL with the intake).
  `ALTER TABLE bookings ADD COLUMN partner_confirmed_ms INTEGER;
   ALTER TABLE bookings ADD COLUMN partner_view TEXT;`,
  // With call.partnerConfirmation "require": until when the time is held for person two's confirmation, and when
  // the hold was released because they had not confirmed (the call is then cancelled). Earlier calls stood at once.
  // With "ask": the one nudge to person two (a message with their link, known only when booking), kept until it is due.
  `ALTER TABLE bookings ADD COLUMN hold_until_ms INTEGER;
   ALTER TABLE bookings ADD COLUMN released_ms INTEGER;
   ALTER TABLE bookings ADD COLUMN partner_nudge TEXT;
   ALTER TABLE bookings ADD COLUMN partner_nudge_ms INTEGER;
   CREATE INDEX bookings_nudge ON bookings (partner_nudge_ms) WHERE partner_nudge_ms IS NOT NULL;
   CREATE INDEX bookings_held ON bookings (hold_until_ms) WHERE hold_until_ms IS NOT NULL AND partner_confirmed_ms IS NULL AND status = 'confirmed';`,
  // Webhooks (issue 20): each endpoint's copy of each event, queued with the change and leased like the mail outbox;
  // one endpoint never holds two rows of a booking with one sequence. A 410 Gone disables an endpoint (by its key).
  `CREATE TABLE webhook_outbox (
     id INTEGER PRIMARY KEY,
     message_id TEXT NOT NULL,
     endpoint TEXT NOT NULL,
     booking_id TEXT NOT NULL,
     event_type TEXT NOT NULL,
     booking_sequence INTEGER NOT NULL,
     body TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'void')),
     attempts INTEGER NOT NULL DEFAULT 0,
     due_ms INTEGER NOT NULL,
     created_ms INTEGER NOT NULL,
     sent_ms INTEGER,
     last_error TEXT,
     claimed_by TEXT,
     claimed_until INTEGER,
     UNIQUE (endpoint, booking_id, booking_sequence),
     UNIQUE (endpoint, message_id)
   );
   CREATE INDEX webhook_outbox_due ON webhook_outbox (status, due_ms);
   CREATE INDEX webhook_outbox_booking ON webhook_outbox (booking_id, booking_sequence);
   CREATE TABLE webhook_endpoints (
     endpoint TEXT PRIMARY KEY,
     disabled_ms INTEGER NOT NULL,
     disabled_reason TEXT NOT NULL
   ) WITHOUT ROWID;`,
  // The coaches' page: sign-in links and sessions (each only as the hash of its secret, for the hash of an address),
  // and what a call's coaches recorded about it (who did not come; a coach who cannot take it when none was free).
  `CREATE TABLE access_links (hash TEXT PRIMARY KEY, subject TEXT NOT NULL, expires_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE access_sessions (hash TEXT PRIMARY KEY, subject TEXT NOT NULL, expires_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL) WITHOUT ROWID;
   CREATE TABLE call_marks (
     booking_id TEXT PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
     absent TEXT, absent_by TEXT, absent_ms INTEGER,
     withdrawn_by TEXT, withdrawn_ms INTEGER
   ) WITHOUT ROWID;`,
];

/** The file holds another program's tables, or a newer Duet's schema: nothing is changed in it. */
export class NotADuetDatabase extends Error {
  override readonly name = 'NotADuetDatabase';
  constructor(readonly detail: string) {
    super(`not a Duet database: ${detail}`);
  }
}

/**
 * Throws unless the file is empty (new) or Duet's, of this version or an older one: call it before anything writes,
 * so that another program's file is left exactly as it was.
 */
export function checkDuetFile(db: Database.Database) {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
  if (tables.length > 0 && !tables.includes('schema_version')) throw new NotADuetDatabase(`it holds other tables, such as ${tables[0]}`);
  const known = tables.includes('schema_version')
    ? ((db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined)?.version ?? 0)
    : 0;
  if (known > MIGRATIONS.length) throw new NotADuetDatabase(`it was made by a newer version of Duet (schema ${known})`);
}

/** How many migrations the data file at `file` has had, read through a connection of its own that changes nothing. */
export function schemaVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined)?.version ?? 0;
  } finally {
    db.close();
  }
}

/** The newest schema version: a file at it has every table this code needs. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the file at `db` up to the newest schema. */
export function migrate(db: Database.Database, opts: MigrationOptions = {}) {
  checkDuetFile(db);
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  for (const step of MIGRATIONS.slice(version)) if (typeof step !== 'string') step.check(db, opts);
  for (; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      const step = MIGRATIONS[version];
      if (typeof step === 'string') db.exec(step);
      else step.run(db, opts);
      db.prepare('UPDATE schema_version SET version = ?').run(version + 1);
    }).immediate();
  }
}
