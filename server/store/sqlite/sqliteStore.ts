// The SQLite store: bookings and the mail outbox in one file, WAL mode, migrations in code.
import Database from 'better-sqlite3';
import type { Interval } from '../../../core/interval.ts';
import type { BookingStatus } from '../../../core/api.ts';
import type { Intake } from '../../../core/intake.ts';
import type { OutgoingMail } from '../../mail/bookingMails.ts';

const MIGRATIONS: string[] = [
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
  // Small facts the server keeps about itself, such as how far retention has got (its cut-off moves two days a run at most).
  `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
];

export interface BookingRow {
  id: string;
  uid: string;
  start: number;
  end: number;
  status: BookingStatus;
  sequence: number;
  tokenHash: string;
  intake: Intake | null;
}

export interface OutboxRow { id: number; bookingId: string | null; recipient: string; message: OutgoingMail; attempts: number }

export interface NewBooking extends Omit<BookingRow, 'status' | 'sequence'> { now: number }

/** Why the re-check inside the transaction refuses a booking; `already_booked` carries the calls a person already has. */
export type RecheckRefusal =
  | { ok: false; code: 'slot_unavailable' | 'too_late' }
  | { ok: false; code: 'already_booked'; starts: number[]; person: 0 | 1 };

export type Recheck = (live: Interval[]) => { ok: true } | RecheckRefusal;

export type CreateResult =
  | { ok: true; booking: BookingRow }
  | RecheckRefusal
  | { ok: false; code: 'idempotency_key_used' };

/** The first answer to a request with an Idempotency-Key, kept so that a retry gets it again. */
export interface IdempotencyRecord { keyHash: string; bodyHash: string; status: number; response: string }

/** Idempotency records older than this are forgotten: the key may then be used afresh. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

interface RawBooking {
  id: string; uid: string; start_ms: number; end_ms: number; status: BookingStatus;
  sequence: number; token_hash: string; intake: string | null;
}

const fromRaw = (r: RawBooking): BookingRow => ({
  id: r.id, uid: r.uid, start: r.start_ms, end: r.end_ms, status: r.status, sequence: r.sequence,
  tokenHash: r.token_hash, intake: r.intake ? (JSON.parse(r.intake) as Intake) : null,
});

export type Store = ReturnType<typeof openStore>;

/** Opens (and migrates) the store at `file`; ":memory:" is accepted for quick tests. */
export function openStore(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  migrate(db);

  const liveBetween = db.prepare<[number, number], { start_ms: number; end_ms: number }>(
    `SELECT start_ms, end_ms FROM bookings WHERE status = 'confirmed' AND end_ms > ? AND start_ms < ? ORDER BY start_ms`);
  const insertBooking = db.prepare(
    `INSERT INTO bookings (id, uid, start_ms, end_ms, status, sequence, token_hash, intake, created_ms, updated_ms)
     VALUES (@id, @uid, @start, @end, 'confirmed', 0, @tokenHash, @intake, @now, @now)`);
  const insertMail = db.prepare(
    `INSERT INTO outbox (booking_id, recipient, message, due_ms, created_ms) VALUES (?, ?, ?, ?, ?)`);
  const byId = db.prepare<[string], RawBooking>(`SELECT * FROM bookings WHERE id = ?`);
  const dueMail = db.prepare<[number, number], { id: number; booking_id: string | null; recipient: string; message: string; attempts: number }>(
    `SELECT id, booking_id, recipient, message, attempts FROM outbox WHERE status = 'pending' AND due_ms <= ? ORDER BY due_ms, id LIMIT ?`);

  const idemByKey = db.prepare<[string, number], { body_hash: string; status: number; response: string }>(
    `SELECT body_hash, status, response FROM idempotency WHERE key_hash = ? AND created_ms > ?`);
  const idemPurge = db.prepare<[number]>(`DELETE FROM idempotency WHERE created_ms <= ?`);
  const idemInsert = db.prepare(
    `INSERT INTO idempotency (key_hash, body_hash, booking_id, status, response, created_ms) VALUES (?, ?, ?, ?, ?, ?)`);
  const totalChanges = db.prepare<[], { n: number }>('SELECT total_changes() AS n');

  const live = (from: number, to: number): Interval[] =>
    liveBetween.all(from, to).map((r) => ({ start: r.start_ms, end: r.end_ms }));

  const create = db.transaction((b: NewBooking, mail: OutgoingMail[], recheck: Recheck, remember?: IdempotencyRecord): CreateResult => {
    if (remember) {
      // Another request with this key may have committed since the caller looked.
      idemPurge.run(b.now - IDEMPOTENCY_TTL_MS);
      if (idemByKey.get(remember.keyHash, b.now - IDEMPOTENCY_TTL_MS)) return { ok: false, code: 'idempotency_key_used' };
    }
    // Every live booking within a day either side is enough for the buffer and per-day cap checks.
    const verdict = recheck(live(b.start - 2 * 86_400_000, b.end + 2 * 86_400_000));
    if (!verdict.ok) return verdict;
    insertBooking.run({ ...b, intake: JSON.stringify(b.intake) });
    for (const m of mail) insertMail.run(b.id, m.to, JSON.stringify(m), b.now, b.now);
    if (remember) idemInsert.run(remember.keyHash, remember.bodyHash, b.id, remember.status, remember.response, b.now);
    return { ok: true, booking: { ...b, status: 'confirmed', sequence: 0 } };
  });

  return {
    db,
    /** Live bookings overlapping [from, to). */
    liveBookings: live,
    /** Checks and inserts a booking, its mail and its idempotency record in one BEGIN IMMEDIATE transaction. */
    createBooking: (b: NewBooking, mail: OutgoingMail[], recheck: Recheck, remember?: IdempotencyRecord): CreateResult =>
      create.immediate(b, mail, recheck, remember),
    /** The unexpired first answer recorded under `keyHash`, if any. */
    idempotencyRecord(keyHash: string, now: number): Omit<IdempotencyRecord, 'keyHash'> | undefined {
      const row = idemByKey.get(keyHash, now - IDEMPOTENCY_TTL_MS);
      return row && { bodyHash: row.body_hash, status: row.status, response: row.response };
    },
    /** Deletes idempotency records past their 24 hours; returns how many. */
    purgeIdempotency(now: number): number {
      return idemPurge.run(now - IDEMPOTENCY_TTL_MS).changes;
    },
    /**
     * Changes whenever anything in the file may have changed: this connection's writes (total_changes)
     * or another connection's commits (data_version). Caches of computed slots key on it.
     */
    version(): string {
      return `${db.pragma('data_version', { simple: true }) as number}:${totalChanges.get()!.n}`;
    },
    booking(id: string): BookingRow | undefined {
      const raw = byId.get(id);
      return raw && fromRaw(raw);
    },
    dueMail(now: number, limit = 20): OutboxRow[] {
      return dueMail.all(now, limit).map((r) => ({
        id: r.id, bookingId: r.booking_id, recipient: r.recipient, attempts: r.attempts,
        message: JSON.parse(r.message) as OutgoingMail,
      }));
    },
    markSent(id: number, now: number) {
      db.prepare(`UPDATE outbox SET status = 'sent', sent_ms = ?, last_error = NULL WHERE id = ?`).run(now, id);
    },
    markFailed(id: number, due: number, error: string) {
      db.prepare(`UPDATE outbox SET attempts = attempts + 1, due_ms = ?, last_error = ? WHERE id = ?`).run(due, error, id);
    },
    /** Whether the store answers a query: false (never a throw) when the file is closed, locked or unreadable. */
    ping(): boolean {
      try {
        return db.prepare('SELECT 1 AS ok FROM schema_version').get() !== undefined;
      } catch {
        return false;
      }
    },
    close() {
      db.close();
    },
  };
}

function migrate(db: Database.Database) {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  for (; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.prepare('UPDATE schema_version SET version = ?').run(version + 1);
    }).immediate();
  }
}
