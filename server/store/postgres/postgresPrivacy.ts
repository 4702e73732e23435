// Privacy in PostgreSQL: what still holds personal data, retention's deletes and erasure, each in one transaction.
// PostgreSQL keeps a deleted or updated row's old version in the table file until the space is reused, so every
// delete is followed by VACUUM FULL of the tables it touched: they are rewritten without the dead versions.
import type { Intake } from '../../../core/intake.ts';
import type { ErasedRows, HeldBooking, LooseMail, PrivacyPort } from '../port.ts';
import { LOCK_TIMEOUT_MS, rowsOf, type PgRunner } from './postgresRunner.ts';

/** Every table that holds personal data, in the order they are rewritten. */
const PERSONAL_TABLES = ['bookings', 'outbox', 'idempotency', 'webhook_outbox'] as const;
type PersonalTable = (typeof PERSONAL_TABLES)[number];

/** VACUUM FULL waits this long for the tables' lock (every reader is held up meanwhile), then gives up: busy. */
const COMPACT_LOCK_TIMEOUT_MS = 5 * LOCK_TIMEOUT_MS;

export function postgresPrivacy(run: PgRunner): PrivacyPort {
  /** Rewrites `tables` without dead row versions; busy when their lock stayed taken (another transaction reading). */
  const rewrite = (tables: readonly PersonalTable[]) =>
    run.session(async (db) => {
      if (tables.length === 0) return { busy: false };
      await db.query(`SET lock_timeout = ${COMPACT_LOCK_TIMEOUT_MS}`);
      try {
        await db.query(`VACUUM (FULL) ${tables.join(', ')}`);
        return { busy: false };
      } catch (e) {
        if ((e as { code?: string }).code === '55P03') return { busy: true };
        throw e;
      } finally {
        await db.query('RESET lock_timeout');
      }
    });

  return {
    async heldBookings() {
      const rows = await run.query<{
        id: string;
        end_ms: number;
        has_intake: boolean;
        outbox: number[];
        pending: boolean[];
        webhooks: number[];
        webhooks_pending: boolean[];
      }>(
        `SELECT b.id, b.end_ms, b.intake IS NOT NULL AS has_intake,
                COALESCE((SELECT array_agg(o.id ORDER BY o.id) FROM outbox o WHERE o.booking_id = b.id), '{}') AS outbox,
                COALESCE((SELECT array_agg(o.status = 'pending' ORDER BY o.id) FROM outbox o WHERE o.booking_id = b.id), '{}') AS pending,
                COALESCE((SELECT array_agg(w.id ORDER BY w.id) FROM webhook_outbox w WHERE w.booking_id = b.id), '{}') AS webhooks,
                COALESCE((SELECT array_agg(w.status = 'pending' ORDER BY w.id) FROM webhook_outbox w WHERE w.booking_id = b.id), '{}') AS webhooks_pending
           FROM bookings b
          WHERE b.intake IS NOT NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = b.id)
             OR EXISTS (SELECT 1 FROM webhook_outbox w WHERE w.booking_id = b.id)`,
      );
      // bigint[] arrives as strings (the int8 parser covers single values only).
      return rows.map((r): HeldBooking => ({
        id: r.id,
        end: r.end_ms,
        hasIntake: r.has_intake,
        outbox: r.outbox.map((id, i) => ({ id: Number(id), pending: r.pending[i] === true })),
        webhooks: r.webhooks.map((id, i) => ({ id: Number(id), pending: r.webhooks_pending[i] === true })),
      }));
    },
    async looseMail() {
      const rows = await run.query<{ id: number; created_ms: number; status: string }>(
        `SELECT id, created_ms, status FROM outbox o WHERE booking_id IS NULL OR NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = o.booking_id)`,
      );
      return rows.map((r): LooseMail => ({ id: r.id, created: r.created_ms, pending: r.status === 'pending' }));
    },
    async retentionMark() {
      const [row] = await run.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'retention_mark'`);
      return row ? Number(row.value) : undefined;
    },
    async newestRecorded() {
      const [row] = await run.query<{ t: string | null }>(
        `SELECT GREATEST((SELECT max(updated_ms) FROM bookings), (SELECT max(created_ms) FROM outbox)) AS t`,
      );
      return row?.t === null || row?.t === undefined ? undefined : Number(row.t);
    },
    async applyRetention(bookingIds, outboxIds, mark, webhookIds = []) {
      const counts = await run.transact(async (db) => {
        const q = rowsOf(db);
        if (mark !== undefined) {
          await db.query(
            `INSERT INTO settings (key, value) VALUES ('retention_mark', $1)
                          ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
            [String(mark)],
          );
        }
        const scrubbed = await q(
          `UPDATE bookings SET intake = NULL, partner_view = NULL, partner_nudge = NULL, partner_nudge_ms = NULL
           WHERE id = ANY($1::text[]) AND (intake IS NOT NULL OR partner_view IS NOT NULL OR partner_nudge IS NOT NULL) RETURNING id`,
          [bookingIds],
        );
        const deleted = await q(`DELETE FROM outbox WHERE id = ANY($1::bigint[]) RETURNING id`, [outboxIds]);
        const webhooks = await q(`DELETE FROM webhook_outbox WHERE id = ANY($1::bigint[]) RETURNING id`, [webhookIds]);
        return { bookings: scrubbed.length, outbox: deleted.length, webhooks: webhooks.length };
      });
      const touched = [
        ...(counts.bookings ? ['bookings' as const] : []),
        ...(counts.outbox ? ['outbox' as const] : []),
        ...(counts.webhooks ? ['webhook_outbox' as const] : []),
      ];
      await rewrite(touched);
      return counts;
    },
    async erase(match, now) {
      // In turn with the plans: a booking being erased is not being moved at the same moment.
      const rows = await run.transact(async (db): Promise<ErasedRows> => {
        const q = rowsOf(db);
        const withIntake = await q<{ id: string; intake: string; status: string; start_ms: number }>(
          `SELECT id, intake, status, start_ms FROM bookings WHERE intake IS NOT NULL FOR UPDATE`,
        );
        const doomed = withIntake.filter((b) => match.intake(JSON.parse(b.intake) as Intake));
        const ids = doomed.map((b) => b.id);
        const mail = (
          await q<{ id: number; booking_id: string | null; recipient: string; message: string }>(
            `SELECT id, booking_id, recipient, message FROM outbox FOR UPDATE`,
          )
        ).filter((m) => (m.booking_id !== null && ids.includes(m.booking_id)) || match.mail(m.recipient, m.message));
        const outbox = await q(`DELETE FROM outbox WHERE id = ANY($1::bigint[]) RETURNING id`, [mail.map((m) => m.id)]);
        const idempotency = await q(`DELETE FROM idempotency WHERE booking_id = ANY($1::text[]) RETURNING 1`, [ids]);
        const hooks = (
          await q<{ id: number; booking_id: string; body: string }>(`SELECT id, booking_id, body FROM webhook_outbox FOR UPDATE`)
        ).filter((w) => ids.includes(w.booking_id) || match.mail('', w.body));
        const webhooks = await q(`DELETE FROM webhook_outbox WHERE id = ANY($1::bigint[]) RETURNING id`, [hooks.map((w) => w.id)]);
        // booking_coaches rows go with their booking (ON DELETE CASCADE): the time is offered again.
        const bookings = await q(`DELETE FROM bookings WHERE id = ANY($1::text[]) RETURNING id`, [ids]);
        const upcoming = doomed.filter((b) => b.status === 'confirmed' && b.start_ms > now).length;
        return {
          bookings: bookings.length,
          upcoming,
          outbox: outbox.length,
          idempotency: idempotency.length,
          webhooks: webhooks.length,
          bookingIds: ids,
        };
      }, 'bookings');
      await rewrite(PERSONAL_TABLES);
      return rows;
    },
    /** Rewrites every table that holds personal data without free space or dead row versions. */
    compact: () => rewrite(PERSONAL_TABLES),
  };
}
