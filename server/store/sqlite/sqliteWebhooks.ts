// The webhook outbox in SQLite: the INSERT a plan's transaction makes, the booking's last sequence, the lease
// (claimed_by / claimed_until, as the mail outbox has it), the lease holder's reports and the endpoints a 410 disabled.
import type Database from 'better-sqlite3';
import type { DisabledEndpoint, QueuedWebhook, WebhookOutboxPort } from '../webhookOutboxPort.ts';
import type { SqliteRunner } from './sqliteTransaction.ts';
import { WEBHOOK_COLUMNS, webhookEntry as toEntry, webhookRow as toRow, type RawWebhookRow as RawRow } from '../outboxRows.ts';

const COLUMNS = WEBHOOK_COLUMNS.join(', ');

export type SqliteWebhooks = ReturnType<typeof sqliteWebhooks>;

export function sqliteWebhooks(db: Database.Database, run: SqliteRunner) {
  // A webhook for an endpoint a 410 disabled is not queued at all.
  const insert = db.prepare(
    `INSERT INTO webhook_outbox (message_id, endpoint, booking_id, event_type, booking_sequence, body, due_ms, created_ms)
     SELECT @messageId, @endpoint, @bookingId, @type, @sequence, @body, @now, @now
      WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE endpoint = @endpoint)`,
  );
  const lastSequence = db.prepare<[string], { n: number | null }>(
    `SELECT MAX(booking_sequence) AS n FROM webhook_outbox WHERE booking_id = ?`,
  );
  const claim = db.prepare<[string, number, number, number, number], RawRow>(
    `UPDATE webhook_outbox SET claimed_by = ?, claimed_until = ?
      WHERE id IN (SELECT id FROM webhook_outbox WHERE status = 'pending' AND due_ms <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
                    ORDER BY due_ms, id LIMIT ?)
      RETURNING ${COLUMNS}`,
  );
  // Every report: only from the holder of the row's lease, only while the row is still pending; the lease ends with it.
  const held = `WHERE id = @id AND claimed_by = @owner AND status = 'pending'`;
  const release = 'claimed_by = NULL, claimed_until = NULL';
  const sent = db.prepare(
    `UPDATE webhook_outbox SET status = 'sent', attempts = attempts + 1, sent_ms = @now, last_error = NULL, ${release} ${held}`,
  );
  const retry = db.prepare(`UPDATE webhook_outbox SET attempts = attempts + 1, due_ms = @due, last_error = @error, ${release} ${held}`);
  const failed = db.prepare(
    `UPDATE webhook_outbox SET status = 'failed', attempts = attempts + 1, last_error = @error, ${release} ${held}`,
  );
  const voided = db.prepare(`UPDATE webhook_outbox SET status = 'void', last_error = @error, ${release} ${held}`);
  const endpointOf = db.prepare<{ id: number; owner: string }, { endpoint: string }>(`SELECT endpoint FROM webhook_outbox ${held}`);
  const recordDisabled = db.prepare(
    `INSERT INTO webhook_endpoints (endpoint, disabled_ms, disabled_reason) VALUES (@endpoint, @now, @reason) ON CONFLICT (endpoint) DO NOTHING`,
  );
  const failRest = db.prepare(
    `UPDATE webhook_outbox SET status = 'failed', last_error = @reason, ${release} WHERE endpoint = @endpoint AND status = 'pending'`,
  );
  const disabled = db.prepare<[], { endpoint: string; disabled_ms: number; disabled_reason: string }>(
    `SELECT endpoint, disabled_ms, disabled_reason FROM webhook_endpoints ORDER BY disabled_ms, endpoint`,
  );
  const ofBooking = db.prepare<[string], RawRow>(`SELECT ${COLUMNS} FROM webhook_outbox WHERE booking_id = ? ORDER BY id`);
  const backlog = db.prepare<[], { pending: number; failed: number; oldest: number | null }>(
    `SELECT COALESCE(SUM(status = 'pending'), 0) AS pending, COALESCE(SUM(status = 'failed'), 0) AS failed,
            MIN(CASE WHEN status = 'pending' THEN created_ms END) AS oldest
       FROM webhook_outbox WHERE status IN ('pending', 'failed')`,
  );

  const report = (stmt: Database.Statement, params: Record<string, unknown>) => run.exclusive(() => stmt.run(params).changes === 1);

  const port: WebhookOutboxPort = {
    claim: (now, owner, leaseMs, limit) =>
      run.transact(() =>
        claim
          .all(owner, now + leaseMs, now, now, limit)
          .sort((a, b) => a.due_ms - b.due_ms || a.id - b.id)
          .map(toRow),
      ),
    markSent: (id, owner, now) => report(sent, { id, owner, now }),
    markRetry: (id, owner, due, error) => report(retry, { id, owner, due, error }),
    markFailed: (id, owner, error) => report(failed, { id, owner, error }),
    markVoid: (id, owner, why) => report(voided, { id, owner, error: why }),
    disable: (id, owner, now, reason) =>
      run.transact(() => {
        const row = endpointOf.get({ id, owner });
        if (!row) return false;
        failed.run({ id, owner, error: reason });
        recordDisabled.run({ endpoint: row.endpoint, now, reason });
        failRest.run({ endpoint: row.endpoint, reason });
        return true;
      }),
    disabled: () =>
      run.read(() =>
        disabled.all().map((r): DisabledEndpoint => ({ endpoint: r.endpoint, since: r.disabled_ms, reason: r.disabled_reason })),
      ),
    ofBooking: (bookingId) => run.read(() => ofBooking.all(bookingId).map(toEntry)),
    backlog: (now) =>
      run.read(() => {
        const r = backlog.get()!;
        return { pending: r.pending, failed: r.failed, oldestPendingAgeMs: r.oldest === null ? 0 : Math.max(0, now - r.oldest) };
      }),
  };

  return {
    port,
    /** Queues webhooks, due at once. Only inside the transaction of the change they tell of. */
    insert(hooks: readonly QueuedWebhook[], now: number) {
      for (const h of hooks) insert.run({ ...h, now });
    },
    /** Inside a plan: the booking's highest sequence so far (0 before its first event). */
    lastSequence: (bookingId: string) => lastSequence.get(bookingId)?.n ?? 0,
  };
}
