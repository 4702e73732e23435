// The outbox in SQLite: the one INSERT of mail, the lease (claimed_by / claimed_until) and the lease holder's reports.
import type Database from 'better-sqlite3';
import type { OutgoingMail } from '../../mail/outgoingMail.ts';
import type { OutboxPort } from '../port.ts';
import type { SqliteRunner } from './sqliteTransaction.ts';
import { OUTBOX_COLUMNS as COLUMNS, outboxEntry, outboxRow as toRow, type RawOutboxRow as RawRow } from '../outboxRows.ts';

export type SqliteOutbox = ReturnType<typeof sqliteOutbox>;

export function sqliteOutbox(db: Database.Database, run: SqliteRunner) {
  const insert = db.prepare<[string | null, string, string, number, number]>(
    `INSERT INTO outbox (booking_id, recipient, message, due_ms, created_ms) VALUES (?, ?, ?, ?, ?)`,
  );
  const claim = db.prepare<[string, number, number, number, number], RawRow>(
    `UPDATE outbox SET claimed_by = ?, claimed_until = ?
      WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND due_ms <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                    ORDER BY due_ms, id LIMIT ?)
      RETURNING ${COLUMNS}`,
  );
  // Every report: only from the holder of the row's lease, only while the row is still pending; the lease ends with it.
  const held = `WHERE id = @id AND claimed_by = @owner AND status = 'pending'`;
  const sent = db.prepare(
    `UPDATE outbox SET status = 'sent', sent_ms = @now, last_error = NULL, claimed_by = NULL, claimed_until = NULL ${held}`,
  );
  const retry = db.prepare(
    `UPDATE outbox SET attempts = attempts + 1, due_ms = @due, last_error = @error, claimed_by = NULL, claimed_until = NULL ${held}`,
  );
  const failed = db.prepare(
    `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = @error, claimed_by = NULL, claimed_until = NULL ${held}`,
  );
  const voided = db.prepare(`UPDATE outbox SET status = 'void', last_error = @error, claimed_by = NULL, claimed_until = NULL ${held}`);
  const ofBooking = db.prepare<[string], RawRow>(`SELECT ${COLUMNS} FROM outbox WHERE booking_id = ? ORDER BY id`);
  const queued = db.prepare<[string | null, string], { id: number }>(
    `SELECT id FROM outbox WHERE booking_id IS ? AND json_extract(message, '$.messageId') = ? LIMIT 1`,
  );
  const backlog = db.prepare<[], { pending: number; failed: number; oldest: number | null }>(
    `SELECT COUNT(*) FILTER (WHERE status = 'pending') AS pending, COUNT(*) FILTER (WHERE status = 'failed') AS failed,
            MIN(created_ms) FILTER (WHERE status = 'pending') AS oldest
       FROM outbox WHERE status IN ('pending', 'failed')`,
  );

  const report = (stmt: Database.Statement, params: Record<string, unknown>) => run.exclusive(() => stmt.run(params).changes === 1);

  const port: OutboxPort = {
    claim: (now, owner, leaseMs, limit) =>
      run.transact(() =>
        claim
          .all(owner, now + leaseMs, now, now, limit)
          .sort((a, b) => a.due_ms - b.due_ms || a.id - b.id)
          .map(toRow),
      ),
    markSent: (id, owner, now) => report(sent, { id, owner, now }),
    markRetry: (id, owner, due, error) => report(retry, { id, owner, due, error }),
    markFailed: (id, owner, error, follow) =>
      run.transact(() => {
        if (failed.run({ id, owner, error }).changes !== 1) return false;
        for (const m of follow?.mails ?? []) {
          if (!queued.get(m.bookingId, m.messageId)) insert.run(m.bookingId, m.to, JSON.stringify(m), follow!.now, follow!.now);
        }
        return true;
      }),
    markVoid: (id, owner, why) => report(voided, { id, owner, error: why }),
    ofBooking: (bookingId) => run.read(() => ofBooking.all(bookingId).map(outboxEntry)),
    backlog: (now) =>
      run.read(() => {
        const r = backlog.get()!;
        return { pending: r.pending, failed: r.failed, oldestPendingAgeMs: r.oldest === null ? 0 : Math.max(0, now - r.oldest) };
      }),
  };

  return {
    port,
    /** Queues mail, due at once. Only inside a transaction that also changes its booking (or records its reminder). */
    insert(mails: readonly OutgoingMail[], now: number) {
      for (const m of mails) insert.run(m.bookingId, m.to, JSON.stringify(m), now, now);
    },
  };
}
