// The PostgreSQL schema as numbered migrations in code, applied at start under an advisory lock: instances that start
// together migrate once, the others wait and find the schema up to date. schema_migrations records each one applied.
import type pg from 'pg';
import { LOCK_NAMESPACE, LOCKS } from './advisoryLocks.ts';

/**
 * Each entry runs once, in its own transaction; append, never edit one that has shipped. Several instances run
 * during a rolling deploy, the old release on the new schema: a migration only adds (tables, nullable columns,
 * columns with defaults, indexes), it never drops or renames what a running release still reads.
 */
export const MIGRATIONS: readonly string[] = [
  // Times are epoch milliseconds (bigint), as on SQLite, so that both stores hand the same numbers to core/.
  `CREATE EXTENSION IF NOT EXISTS btree_gist;
   CREATE TABLE bookings (
     id text PRIMARY KEY,
     uid text NOT NULL UNIQUE,
     start_ms bigint NOT NULL,
     end_ms bigint NOT NULL,
     status text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
     sequence integer NOT NULL DEFAULT 0,
     token_hash text NOT NULL,
     intake text,
     created_ms bigint NOT NULL,
     updated_ms bigint NOT NULL,
     reminded_ms bigint,
     reminded_sequence integer,
     CHECK (end_ms > start_ms)
   );
   CREATE INDEX bookings_live ON bookings (start_ms) WHERE status = 'confirmed';
   -- Each booking's coaches and the time each one holds, buffers included. No coach is ever held twice at once,
   -- whatever a transaction's own check found: the database refuses the second row (23P01).
   CREATE TABLE booking_coaches (
     booking_id text NOT NULL REFERENCES bookings (id) ON DELETE CASCADE,
     position smallint NOT NULL CHECK (position IN (0, 1)),
     coach_id text NOT NULL,
     during int8range NOT NULL,
     active boolean NOT NULL,
     PRIMARY KEY (booking_id, position),
     CONSTRAINT booking_coaches_no_overlap EXCLUDE USING gist (coach_id WITH =, during WITH &&) WHERE (active)
   );
   CREATE TABLE outbox (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     booking_id text,
     recipient text NOT NULL,
     message text NOT NULL,
     status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'void')),
     attempts integer NOT NULL DEFAULT 0,
     due_ms bigint NOT NULL,
     sent_ms bigint,
     last_error text,
     created_ms bigint NOT NULL,
     claimed_by text,
     claimed_until bigint
   );
   CREATE INDEX outbox_due ON outbox (due_ms, id) WHERE status = 'pending';
   CREATE INDEX outbox_booking ON outbox (booking_id, recipient);
   -- Idempotency-Key records: the key only as a hash, the first answer sealed with a key derived from it.
   CREATE TABLE idempotency (
     key_hash text PRIMARY KEY,
     body_hash text NOT NULL,
     booking_id text,
     status integer NOT NULL,
     response text NOT NULL,
     created_ms bigint NOT NULL
   );
   CREATE INDEX idempotency_created ON idempotency (created_ms);
   CREATE INDEX idempotency_booking ON idempotency (booking_id);
   -- One counter that every write of bookings moves, whichever instance makes it: caches of computed slots key on it.
   CREATE TABLE data_version (
     only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
     n bigint NOT NULL
   );
   INSERT INTO data_version (n) VALUES (0);
   CREATE FUNCTION duet_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     UPDATE data_version SET n = n + 1;
     RETURN NULL;
   END $$;
   CREATE TRIGGER bookings_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON bookings
     FOR EACH STATEMENT EXECUTE FUNCTION duet_bump_version();
   CREATE TRIGGER booking_coaches_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON booking_coaches
     FOR EACH STATEMENT EXECUTE FUNCTION duet_bump_version();`,
  // The pool of coaches: whom each of a call's two coaches holds (the index of the person in the intake) and why
  // that pair took the call. Calls booked before it keep the two coaches they hold; coach one holds person one.
  `ALTER TABLE booking_coaches ADD COLUMN holds smallint NOT NULL DEFAULT 0 CHECK (holds IN (0, 1));
   UPDATE booking_coaches SET holds = position;
   ALTER TABLE bookings ADD COLUMN pair_reason text;`,
  // Small facts the server keeps about itself, such as how far retention has got (its cut-off moves two days a run at most).
  `CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);`,
  // A link for each person: token_hash stays person one's (an earlier booking's shared link keeps working, as
  // person one's); person two's own token, when they confirmed their part, and their private answers (retention
  // sets partner_view to NULL with the intake). Earlier bookings have none of them.
  `ALTER TABLE bookings ADD COLUMN partner_token_hash text;
   ALTER TABLE bookings ADD COLUMN partner_confirmed_ms bigint;
   ALTER TABLE bookings ADD COLUMN partner_view text;
   -- With call.partnerConfirmation "require": until when the time is held for person two's confirmation, and when
   -- the hold was released because they had not confirmed (the call is then cancelled). Earlier calls stood at once.
   ALTER TABLE bookings ADD COLUMN hold_until_ms bigint;
   ALTER TABLE bookings ADD COLUMN released_ms bigint;
   -- With "ask": the one nudge to person two (a message with their link, known only when booking), kept until it is due.
   ALTER TABLE bookings ADD COLUMN partner_nudge text;
   ALTER TABLE bookings ADD COLUMN partner_nudge_ms bigint;
   CREATE INDEX bookings_nudge ON bookings (partner_nudge_ms) WHERE partner_nudge_ms IS NOT NULL;
   CREATE INDEX bookings_held ON bookings (hold_until_ms) WHERE hold_until_ms IS NOT NULL AND partner_confirmed_ms IS NULL AND status = 'confirmed';`,
  // Webhooks (issue 20): each endpoint's copy of each event, queued with the change and leased like the mail outbox;
  // one endpoint never holds two rows of a booking with one sequence. A 410 Gone disables an endpoint (by its key).
  `CREATE TABLE webhook_outbox (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     message_id text NOT NULL,
     endpoint text NOT NULL,
     booking_id text NOT NULL,
     event_type text NOT NULL,
     booking_sequence integer NOT NULL,
     body text NOT NULL,
     status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'void')),
     attempts integer NOT NULL DEFAULT 0,
     due_ms bigint NOT NULL,
     created_ms bigint NOT NULL,
     sent_ms bigint,
     last_error text,
     claimed_by text,
     claimed_until bigint,
     UNIQUE (endpoint, booking_id, booking_sequence),
     UNIQUE (endpoint, message_id)
   );
   CREATE INDEX webhook_outbox_due ON webhook_outbox (due_ms, id) WHERE status = 'pending';
   CREATE INDEX webhook_outbox_booking ON webhook_outbox (booking_id, booking_sequence);
   CREATE TABLE webhook_endpoints (
     endpoint text PRIMARY KEY,
     disabled_ms bigint NOT NULL,
     disabled_reason text NOT NULL
   );`,
  // The coaches' page: sign-in links and sessions (each only as the hash of its secret, for the hash of an address),
  // and what a call's coaches recorded about it (who did not come; a coach who cannot take it when none was free).
  `CREATE TABLE access_links (hash text PRIMARY KEY, subject text NOT NULL, expires_ms bigint NOT NULL, created_ms bigint NOT NULL);
   CREATE TABLE access_sessions (hash text PRIMARY KEY, subject text NOT NULL, expires_ms bigint NOT NULL, created_ms bigint NOT NULL);
   CREATE TABLE call_marks (
     booking_id text PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,
     absent text, absent_by text, absent_ms bigint,
     withdrawn_by text, withdrawn_ms bigint
   );`,
];

/**
 * Brings the database up to the newest schema, holding the migration lock meanwhile (a session lock on one
 * connection of `pool`). Returns how many migrations this call applied.
 */
export async function migrate(pool: pg.Pool, now: number): Promise<number> {
  const client = await pool.connect();
  let applied = 0;
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, LOCKS.migrate]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, applied_ms bigint NOT NULL)`);
      const { rows } = await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::integer AS v FROM schema_migrations');
      for (let version = rows[0].v; version < MIGRATIONS.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(MIGRATIONS[version]);
          await client.query('INSERT INTO schema_migrations (version, applied_ms) VALUES ($1, $2)', [version + 1, now]);
          await client.query('COMMIT');
          applied++;
        } catch (e) {
          await client.query('ROLLBACK');
          throw e;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, LOCKS.migrate]);
    }
  } finally {
    client.release();
  }
  return applied;
}
