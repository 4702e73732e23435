// The SQLite store: bookings and the mail outbox in one file, WAL mode, migrations in code.
import Database from 'better-sqlite3';
import type { Interval } from '../../../core/interval.ts';
import type { BookingStatus } from '../../../core/api.ts';
import type { Intake } from '../../../core/intake.ts';
import type { CallCoach } from '../../../core/holding.ts';
import type { PoolBooking } from '../../../core/pool.ts';
import type { OutgoingMail } from '../../mail/bookingMails.ts';
import { backfillCoaches, type ConfiguredCoach } from './sqliteCoaches.ts';

/** A migration: SQL, or a step that also needs what the store was opened with. */
type Migration = string | ((db: Database.Database, opts: StoreOptions) => void);

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
  // The pool: each call's two coaches (who holds which person) and why that pair was chosen. A file from
  // before the pool gets both configured coaches on every booking, in the same transaction.
  (db, opts) => {
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
];

export interface StoreOptions {
  /**
   * The configured coaches, in config order: a data file from before the pool gives every booking the first
   * two of them. Only needed when such a file holds bookings.
   */
  coaches?: readonly ConfiguredCoach[];
}

export type { CallCoach };

export interface BookingRow {
  id: string;
  uid: string;
  start: number;
  end: number;
  status: BookingStatus;
  sequence: number;
  tokenHash: string;
  intake: Intake | null;
  /** The call's two coaches, in config order at booking time. */
  coaches: CallCoach[];
  /** Why this pair took the call (JSON from the pair choice), null for calls from before the pool. */
  pairReason: string | null;
}

export interface OutboxRow { id: number; bookingId: string | null; recipient: string; message: OutgoingMail; attempts: number }

export interface NewBooking extends Omit<BookingRow, 'status' | 'sequence' | 'coaches' | 'pairReason'> { now: number }

/**
 * What the booking's plan decides inside the transaction, given the live calls as they are then: refuse, or
 * the pair chosen (and why), the mail to the four people and the answer to keep under an Idempotency-Key.
 */
export type BookingPlan =
  | { ok: false; code: 'slot_unavailable' | 'too_late' }
  | { ok: true; coaches: CallCoach[]; pairReason: string; mails: OutgoingMail[]; remember?: IdempotencyRecord };

export type CreateResult =
  | { ok: true; booking: BookingRow }
  | { ok: false; code: 'slot_unavailable' | 'too_late' }
  | { ok: false; code: 'idempotency_key_used' };

/** The first answer to a request with an Idempotency-Key, kept so that a retry gets it again. */
export interface IdempotencyRecord { keyHash: string; bodyHash: string; status: number; response: string }

/** Idempotency records older than this are forgotten: the key may then be used afresh. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

interface RawBooking {
  id: string; uid: string; start_ms: number; end_ms: number; status: BookingStatus;
  sequence: number; token_hash: string; intake: string | null; pair_reason: string | null;
}

const fromRaw = (r: RawBooking, coaches: CallCoach[]): BookingRow => ({
  id: r.id, uid: r.uid, start: r.start_ms, end: r.end_ms, status: r.status, sequence: r.sequence,
  tokenHash: r.token_hash, intake: r.intake ? (JSON.parse(r.intake) as Intake) : null, coaches, pairReason: r.pair_reason,
});

export type Store = ReturnType<typeof openStore>;

/** Rows of one booking and its coach per row, ordered by booking: folded into calls with their coaches. */
export function foldCalls(rows: readonly { id: string; start_ms: number; end_ms: number; created_ms: number; coach_id: string | null }[]): PoolBooking[] {
  const out: PoolBooking[] = [];
  let last: { id: string; call: PoolBooking & { coaches: string[] } } | undefined;
  for (const r of rows) {
    if (last?.id !== r.id) {
      last = { id: r.id, call: { start: r.start_ms, end: r.end_ms, coaches: [], bookedAt: r.created_ms } };
      out.push(last.call);
    }
    if (r.coach_id !== null) last.call.coaches.push(r.coach_id);
  }
  return out;
}

/** Opens (and migrates) the store at `file`; ":memory:" is accepted for quick tests. */
export function openStore(file: string, opts: StoreOptions = {}) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  try {
    migrate(db, opts);
  } catch (e) {
    db.close();
    throw e;
  }

  const liveBetween = db.prepare<[number, number], { id: string; start_ms: number; end_ms: number; created_ms: number; coach_id: string | null }>(
    `SELECT b.id, b.start_ms, b.end_ms, b.created_ms, c.coach_id
       FROM bookings b LEFT JOIN booking_coaches c ON c.booking_id = b.id
      WHERE b.status = 'confirmed' AND b.end_ms > ? AND b.start_ms < ?
      ORDER BY b.start_ms, b.id, c.position`);
  const coachesOf = db.prepare<[string], { coach_id: string; holds: 0 | 1 }>(
    `SELECT coach_id, holds FROM booking_coaches WHERE booking_id = ? ORDER BY position`);
  const insertCoach = db.prepare(`INSERT INTO booking_coaches (booking_id, position, coach_id, holds) VALUES (?, ?, ?, ?)`);
  const insertBooking = db.prepare(
    `INSERT INTO bookings (id, uid, start_ms, end_ms, status, sequence, token_hash, intake, pair_reason, created_ms, updated_ms)
     VALUES (@id, @uid, @start, @end, 'confirmed', 0, @tokenHash, @intake, @pairReason, @now, @now)`);
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

  const live = (from: number, to: number): PoolBooking[] => foldCalls(liveBetween.all(from, to));

  const create = db.transaction((b: NewBooking, window: Interval, plan: (live: PoolBooking[]) => BookingPlan, keyHash?: string): CreateResult => {
    if (keyHash !== undefined) {
      // Another request with this key may have committed since the caller looked.
      idemPurge.run(b.now - IDEMPOTENCY_TTL_MS);
      if (idemByKey.get(keyHash, b.now - IDEMPOTENCY_TTL_MS)) return { ok: false, code: 'idempotency_key_used' };
    }
    const decided = plan(live(window.start, window.end));
    if (!decided.ok) return decided;
    insertBooking.run({ ...b, intake: JSON.stringify(b.intake), pairReason: decided.pairReason });
    decided.coaches.forEach((c, position) => insertCoach.run(b.id, position, c.id, c.holds));
    for (const m of decided.mails) insertMail.run(b.id, m.to, JSON.stringify(m), b.now, b.now);
    const remember = decided.remember;
    if (remember) idemInsert.run(remember.keyHash, remember.bodyHash, b.id, remember.status, remember.response, b.now);
    return { ok: true, booking: { ...b, status: 'confirmed', sequence: 0, coaches: decided.coaches, pairReason: decided.pairReason } };
  });

  return {
    db,
    /** Live calls overlapping [from, to), each with the coaches it holds and when it was booked. */
    liveBookings: live,
    /**
     * Books in one BEGIN IMMEDIATE transaction: reads the live calls over `window`, asks `plan` (which chooses
     * the pair and writes the mail), then inserts the booking, its coaches, its mail and its idempotency record.
     */
    createBooking: (b: NewBooking, window: Interval, plan: (live: PoolBooking[]) => BookingPlan, keyHash?: string): CreateResult =>
      create.immediate(b, window, plan, keyHash),
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
      return raw && fromRaw(raw, coachesOf.all(id).map((c) => ({ id: c.coach_id, holds: c.holds })));
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

function migrate(db: Database.Database, opts: StoreOptions) {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  for (; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      const step = MIGRATIONS[version];
      if (typeof step === 'string') db.exec(step);
      else step(db, opts);
      db.prepare('UPDATE schema_version SET version = ?').run(version + 1);
    }).immediate();
  }
}
