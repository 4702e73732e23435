// The outbox in PostgreSQL: the one INSERT of mail, the lease (claimed_by / claimed_until) taken with FOR UPDATE SKIP
// LOCKED, so that any number of instances' workers claim each row once, and the lease holder's reports.
import type { OutgoingMail } from '../../mail/outgoingMail.ts';
import type { OutboxPort } from '../port.ts';
import type { PgRunner, Queryable } from './postgresRunner.ts';
import { OUTBOX_COLUMNS as COLUMNS, outboxEntry, outboxRow as toRow, type RawOutboxRow as RawRow } from '../outboxRows.ts';

/** Queues mail, due at once. Only inside a transaction that also changes its booking (or records its reminder). */
export async function insertMails(db: Queryable, mails: readonly OutgoingMail[], now: number) {
  if (mails.length === 0) return;
  // One statement for all of them; ORDINALITY keeps the order queued as the order of ids.
  await db.query(
    `INSERT INTO outbox (booking_id, recipient, message, due_ms, created_ms)
     SELECT m.booking_id, m.recipient, m.message, $4, $4
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS m (booking_id, recipient, message, n) ORDER BY m.n`,
    [mails.map((m) => m.bookingId), mails.map((m) => m.to), mails.map((m) => JSON.stringify(m)), now],
  );
}

export function postgresOutbox(run: PgRunner): OutboxPort {
  // Every report: only from the holder of the row's lease, only while the row is still pending; the lease ends with it.
  const report = async (set: string, values: unknown[]) =>
    (
      await run.query(
        `UPDATE outbox SET ${set}, claimed_by = NULL, claimed_until = NULL
                       WHERE id = $1 AND claimed_by = $2 AND status = 'pending' RETURNING id`,
        values,
      )
    ).length === 1;

  return {
    async claim(now, owner, leaseMs, limit) {
      // Rows another instance is claiming at this moment are skipped, not waited for; a lease that ran out is free again.
      const rows = await run.query<RawRow>(
        `WITH due AS (
           SELECT id FROM outbox
            WHERE status = 'pending' AND due_ms <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
            ORDER BY due_ms, id LIMIT $4
            FOR UPDATE SKIP LOCKED)
         UPDATE outbox o SET claimed_by = $2, claimed_until = $3 FROM due WHERE o.id = due.id
         RETURNING ${COLUMNS.split(', ')
           .map((c) => `o.${c}`)
           .join(', ')}`,
        [now, owner, now + leaseMs, limit],
      );
      return rows.sort((a, b) => a.due_ms - b.due_ms || a.id - b.id).map(toRow);
    },
    markSent: (id, owner, now) => report(`status = 'sent', sent_ms = $3, last_error = NULL`, [id, owner, now]),
    markRetry: (id, owner, due, error) => report(`attempts = attempts + 1, due_ms = $3, last_error = $4`, [id, owner, due, error]),
    markFailed: (id, owner, error, follow) =>
      run.transact(async (db) => {
        const failed = await db.query(
          `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = $3,
                                            claimed_by = NULL, claimed_until = NULL
                                      WHERE id = $1 AND claimed_by = $2 AND status = 'pending' RETURNING id`,
          [id, owner, error],
        );
        if (failed.rowCount !== 1) return false;
        // The notice of it, each message unless one with its Message-ID is already queued for the booking.
        const fresh = [];
        for (const m of follow?.mails ?? []) {
          const queued = await db.query(
            `SELECT 1 FROM outbox WHERE booking_id IS NOT DISTINCT FROM $1 AND (message::jsonb) ->> 'messageId' = $2 LIMIT 1`,
            [m.bookingId, m.messageId],
          );
          if (queued.rowCount === 0) fresh.push(m);
        }
        await insertMails(db, fresh, follow?.now ?? 0);
        return true;
      }),
    markVoid: (id, owner, why) => report(`status = 'void', last_error = $3`, [id, owner, why]),
    async ofBooking(bookingId) {
      const rows = await run.query<RawRow>(`SELECT ${COLUMNS} FROM outbox WHERE booking_id = $1 ORDER BY id`, [bookingId]);
      return rows.map(outboxEntry);
    },
    async backlog(now) {
      const [r] = await run.query<{ pending: number; failed: number; oldest: number | null }>(
        `SELECT count(*) FILTER (WHERE status = 'pending')::integer AS pending, count(*) FILTER (WHERE status = 'failed')::integer AS failed,
                min(created_ms) FILTER (WHERE status = 'pending') AS oldest
           FROM outbox WHERE status IN ('pending', 'failed')`,
      );
      return { pending: r.pending, failed: r.failed, oldestPendingAgeMs: r.oldest === null ? 0 : Math.max(0, now - Number(r.oldest)) };
    },
  };
}
