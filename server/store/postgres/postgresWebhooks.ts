// The webhook outbox in PostgreSQL: the INSERT a plan's transaction makes, the booking's last sequence, the lease taken
// with FOR UPDATE SKIP LOCKED (as the mail outbox does, so any number of instances deliver each row once), the lease
// holder's reports and the endpoints a 410 disabled.
import type { DisabledEndpoint, QueuedWebhook, WebhookOutboxPort } from '../webhookOutboxPort.ts';
import { rowsOf, type PgRunner, type Queryable, type Rows } from './postgresRunner.ts';
import { WEBHOOK_COLUMNS as COLUMNS, webhookEntry as toEntry, webhookRow as toRow, type RawWebhookRow as RawRow } from '../outboxRows.ts';

/** Queues webhooks, due at once, leaving out endpoints a 410 disabled. Only inside the transaction of the change they tell of. */
export async function insertWebhooks(db: Queryable, hooks: readonly QueuedWebhook[], now: number) {
  if (hooks.length === 0) return;
  // One statement for all of them; ORDINALITY keeps the order queued as the order of ids.
  await db.query(
    `INSERT INTO webhook_outbox (message_id, endpoint, booking_id, event_type, booking_sequence, body, due_ms, created_ms)
     SELECT h.message_id, h.endpoint, h.booking_id, h.event_type, h.booking_sequence, h.body, $7, $7
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::text[])
              WITH ORDINALITY AS h (message_id, endpoint, booking_id, event_type, booking_sequence, body, n)
      WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.endpoint = h.endpoint)
      ORDER BY h.n`,
    [
      hooks.map((h) => h.messageId),
      hooks.map((h) => h.endpoint),
      hooks.map((h) => h.bookingId),
      hooks.map((h) => h.type),
      hooks.map((h) => h.sequence),
      hooks.map((h) => h.body),
      now,
    ],
  );
}

/** The booking's highest webhook sequence so far (0 before its first event). */
export async function lastWebhookSequence(query: Rows, bookingId: string): Promise<number> {
  const [r] = await query<{ n: number | null }>(`SELECT MAX(booking_sequence) AS n FROM webhook_outbox WHERE booking_id = $1`, [bookingId]);
  return r?.n ?? 0;
}

export function postgresWebhooks(run: PgRunner): WebhookOutboxPort {
  const held = `WHERE id = $1 AND claimed_by = $2 AND status = 'pending'`;
  // Every report: only from the holder of the row's lease, only while the row is still pending; the lease ends with it.
  const report = async (set: string, values: unknown[]) =>
    (await run.query(`UPDATE webhook_outbox SET ${set}, claimed_by = NULL, claimed_until = NULL ${held} RETURNING id`, values)).length ===
    1;

  return {
    async claim(now, owner, leaseMs, limit) {
      // Rows another instance is claiming at this moment are skipped, not waited for; a lease that ran out is free again.
      const rows = await run.query<RawRow>(
        `WITH due AS (
           SELECT id FROM webhook_outbox
            WHERE status = 'pending' AND due_ms <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
            ORDER BY due_ms, id LIMIT $4
            FOR UPDATE SKIP LOCKED)
         UPDATE webhook_outbox w SET claimed_by = $2, claimed_until = $3 FROM due WHERE w.id = due.id
         RETURNING ${COLUMNS.map((c) => `w.${c}`).join(', ')}`,
        [now, owner, now + leaseMs, limit],
      );
      return rows.sort((a, b) => a.due_ms - b.due_ms || a.id - b.id).map(toRow);
    },
    markSent: (id, owner, now) => report(`status = 'sent', attempts = attempts + 1, sent_ms = $3, last_error = NULL`, [id, owner, now]),
    markRetry: (id, owner, due, error) => report(`attempts = attempts + 1, due_ms = $3, last_error = $4`, [id, owner, due, error]),
    markFailed: (id, owner, error) => report(`status = 'failed', attempts = attempts + 1, last_error = $3`, [id, owner, error]),
    markVoid: (id, owner, why) => report(`status = 'void', last_error = $3`, [id, owner, why]),
    disable: (id, owner, now, reason) =>
      run.transact(async (db) => {
        const q = rowsOf(db);
        const [row] = await q<{ endpoint: string }>(
          `UPDATE webhook_outbox SET status = 'failed', attempts = attempts + 1, last_error = $3, claimed_by = NULL, claimed_until = NULL
         ${held} RETURNING endpoint`,
          [id, owner, reason],
        );
        if (!row) return false;
        await q(
          `INSERT INTO webhook_endpoints (endpoint, disabled_ms, disabled_reason) VALUES ($1, $2, $3) ON CONFLICT (endpoint) DO NOTHING`,
          [row.endpoint, now, reason],
        );
        await q(
          `UPDATE webhook_outbox SET status = 'failed', last_error = $2, claimed_by = NULL, claimed_until = NULL
                WHERE endpoint = $1 AND status = 'pending'`,
          [row.endpoint, reason],
        );
        return true;
      }),
    async disabled() {
      const rows = await run.query<{ endpoint: string; disabled_ms: number; disabled_reason: string }>(
        `SELECT endpoint, disabled_ms, disabled_reason FROM webhook_endpoints ORDER BY disabled_ms, endpoint`,
      );
      return rows.map((r): DisabledEndpoint => ({ endpoint: r.endpoint, since: r.disabled_ms, reason: r.disabled_reason }));
    },
    async ofBooking(bookingId) {
      const rows = await run.query<RawRow>(`SELECT ${COLUMNS.join(', ')} FROM webhook_outbox WHERE booking_id = $1 ORDER BY id`, [
        bookingId,
      ]);
      return rows.map(toEntry);
    },
    async backlog(now) {
      const [r] = await run.query<{ pending: number; failed: number; oldest: number | null }>(
        `SELECT count(*) FILTER (WHERE status = 'pending')::integer AS pending, count(*) FILTER (WHERE status = 'failed')::integer AS failed,
                min(created_ms) FILTER (WHERE status = 'pending') AS oldest
           FROM webhook_outbox WHERE status IN ('pending', 'failed')`,
      );
      return { pending: r.pending, failed: r.failed, oldestPendingAgeMs: r.oldest === null ? 0 : Math.max(0, now - r.oldest) };
    },
  };
}
