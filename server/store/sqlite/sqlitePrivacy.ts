// Privacy in SQLite: what still holds personal data, retention's deletes and erasure, each in one transaction.
// The connection runs with secure_delete, and a WAL checkpoint follows every delete, so no copy of deleted content remains.
import type Database from 'better-sqlite3';
import type { Intake } from '../../../core/intake.ts';
import type { ErasedRows, HeldBooking, LooseMail, PrivacyPort } from '../port.ts';
import type { SqliteRunner } from './sqliteTransaction.ts';

/** "id:status,…" (group_concat) as rows retention may or may not delete yet, in id order. */
const heldRows = (list: string | null) =>
  list
    ? list
        .split(',')
        .map((m) => ({ id: Number(m.split(':')[0]), pending: m.endsWith(':pending') }))
        .sort((x, y) => x.id - y.id)
    : [];

export function sqlitePrivacy(db: Database.Database, run: SqliteRunner): PrivacyPort {
  const held = db.prepare<[], { id: string; end_ms: number; has_intake: number; outbox: string | null; webhooks: string | null }>(
    `SELECT b.id, b.end_ms, b.intake IS NOT NULL AS has_intake,
            (SELECT group_concat(o.id || ':' || o.status) FROM outbox o WHERE o.booking_id = b.id) AS outbox,
            (SELECT group_concat(w.id || ':' || w.status) FROM webhook_outbox w WHERE w.booking_id = b.id) AS webhooks
       FROM bookings b
      WHERE b.intake IS NOT NULL OR EXISTS (SELECT 1 FROM outbox o WHERE o.booking_id = b.id)
         OR EXISTS (SELECT 1 FROM webhook_outbox w WHERE w.booking_id = b.id)`,
  );
  const loose = db.prepare<[], { id: number; created_ms: number; status: string }>(
    `SELECT id, created_ms, status FROM outbox WHERE booking_id IS NULL OR booking_id NOT IN (SELECT id FROM bookings)`,
  );
  const markGet = db.prepare<[], { value: string }>(`SELECT value FROM settings WHERE key = 'retention_mark'`);
  const markSet = db.prepare<[string]>(
    `INSERT INTO settings (key, value) VALUES ('retention_mark', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const newest = db.prepare<[], { t: number | null }>(
    `SELECT MAX(t) AS t FROM (SELECT MAX(updated_ms) AS t FROM bookings UNION ALL SELECT MAX(created_ms) FROM outbox)`,
  );
  const scrub = db.prepare<[string]>(`UPDATE bookings SET intake = NULL, partner_view = NULL, partner_nudge = NULL, partner_nudge_ms = NULL
    WHERE id = ? AND (intake IS NOT NULL OR partner_view IS NOT NULL OR partner_nudge IS NOT NULL)`);
  const deleteMail = db.prepare<[number]>(`DELETE FROM outbox WHERE id = ?`);
  const deleteWebhook = db.prepare<[number]>(`DELETE FROM webhook_outbox WHERE id = ?`);
  const allWebhooks = db.prepare<[], { id: number; booking_id: string; body: string }>(`SELECT id, booking_id, body FROM webhook_outbox`);
  const withIntake = db.prepare<[], { id: string; intake: string; status: string; start_ms: number }>(
    `SELECT id, intake, status, start_ms FROM bookings WHERE intake IS NOT NULL`,
  );
  const allMail = db.prepare<[], { id: number; booking_id: string | null; recipient: string; message: string }>(
    `SELECT id, booking_id, recipient, message FROM outbox`,
  );
  const deleteIdem = db.prepare<[string]>(`DELETE FROM idempotency WHERE booking_id = ?`);
  const deleteBooking = db.prepare<[string]>(`DELETE FROM bookings WHERE id = ?`);

  /** Copies the WAL into the database file and empties it, so deleted rows leave no copy behind there. */
  const checkpoint = (): { busy: boolean } => {
    const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return { busy: r.busy !== 0 || r.log !== r.checkpointed };
  };

  return {
    heldBookings: () =>
      run.read(() =>
        held.all().map((r): HeldBooking => ({
          id: r.id,
          end: r.end_ms,
          hasIntake: r.has_intake === 1,
          outbox: heldRows(r.outbox),
          webhooks: heldRows(r.webhooks),
        })),
      ),
    looseMail: () =>
      run.read(() => loose.all().map((r): LooseMail => ({ id: r.id, created: r.created_ms, pending: r.status === 'pending' }))),
    retentionMark: () =>
      run.read(() => {
        const row = markGet.get();
        return row ? Number(row.value) : undefined;
      }),
    newestRecorded: () => run.read(() => newest.get()?.t ?? undefined),
    async applyRetention(bookingIds, outboxIds, mark, webhookIds = []) {
      const counts = await run.transact(() => {
        let bookings = 0;
        let outbox = 0;
        let webhooks = 0;
        if (mark !== undefined) markSet.run(String(mark));
        for (const id of bookingIds) bookings += scrub.run(id).changes;
        for (const id of outboxIds) outbox += deleteMail.run(id).changes;
        for (const id of webhookIds) webhooks += deleteWebhook.run(id).changes;
        return { bookings, outbox, webhooks };
      });
      if (counts.bookings + counts.outbox + counts.webhooks > 0) await run.exclusive(checkpoint);
      return counts;
    },
    async erase(match, now) {
      const rows = await run.transact((): ErasedRows => {
        const doomed = withIntake.all().filter((b) => match.intake(JSON.parse(b.intake) as Intake));
        const ids = new Set(doomed.map((b) => b.id));
        const mail = allMail.all().filter((m) => (m.booking_id !== null && ids.has(m.booking_id)) || match.mail(m.recipient, m.message));
        let outbox = 0;
        let idempotency = 0;
        let bookings = 0;
        let webhooks = 0;
        for (const m of mail) outbox += deleteMail.run(m.id).changes;
        for (const w of allWebhooks.all()) {
          if (ids.has(w.booking_id) || match.mail('', w.body)) webhooks += deleteWebhook.run(w.id).changes;
        }
        for (const id of ids) {
          idempotency += deleteIdem.run(id).changes;
          bookings += deleteBooking.run(id).changes;
        }
        const upcoming = doomed.filter((b) => b.status === 'confirmed' && b.start_ms > now).length;
        return { bookings, upcoming, outbox, idempotency, webhooks, bookingIds: [...ids] };
      });
      await run.exclusive(checkpoint);
      return rows;
    },
    /** Rebuilds the database file without free pages, then empties the WAL the rebuild wrote. */
    compact: () =>
      run.exclusive(() => {
        db.exec('VACUUM');
        return checkpoint();
      }),
  };
}
