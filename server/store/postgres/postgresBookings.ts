// Bookings, their coaches' holds, idempotency records and reminder bookkeeping in PostgreSQL: the plan's reads and
// writes, and runPlan itself (one transaction per plan, in turn with every instance's plans under an advisory lock).
import type { CallCoach } from '../../../core/holding.ts';
import type { Interval } from '../../../core/interval.ts';
import {
  IDEMPOTENCY_TTL_MS,
  SlotTaken,
  type HoldPort,
  type Plan,
  type PlanReads,
  type PlanWrites,
  type ReminderCandidate,
  type ReminderPort,
  type StoredAnswer,
} from '../port.ts';
import { foldCalls, type LiveCallRow } from '../liveCalls.ts';
import type { OutgoingMail } from '../../mail/outgoingMail.ts';
import { postgresDeskWrites } from './postgresDesk.ts';
import { insertMails } from './postgresOutbox.ts';
import { insertWebhooks, lastWebhookSequence } from './postgresWebhooks.ts';
import { rowsOf, type PgRunner, type Queryable, type Rows } from './postgresRunner.ts';
import { COLUMNS, fromRaw, reminderCandidate, type RawBooking } from '../bookingRow.ts';

/** The call's two coaches, in order, with whom each holds. */
async function coachesOf(query: Rows, id: string): Promise<CallCoach[]> {
  const rows = await query<{ coach_id: string; holds: 0 | 1 }>(
    'SELECT coach_id, holds FROM booking_coaches WHERE booking_id = $1 ORDER BY position',
    [id],
  );
  return rows.map((r) => ({ id: r.coach_id, holds: r.holds }));
}

export interface HoldRule {
  /** call.bufferMinutes in ms: the gap a coach keeps between two calls. */
  bufferMs: number;
}

/**
 * The time a booking holds each of its coaches. A coach needs `buffer` between two calls; each call holds half of
 * it on either side, so two holds overlap exactly when the gap is shorter than one buffer (holding the whole buffer
 * on both sides would refuse two calls one buffer apart, which the rule allows).
 */
export const heldTime = (start: number, end: number, bufferMs: number): [number, number] => [
  start - Math.floor(bufferMs / 2),
  end + Math.ceil(bufferMs / 2),
];

function planReads(query: Rows): PlanReads {
  return {
    async booking(id) {
      const rows = await query<RawBooking>(`SELECT ${COLUMNS} FROM bookings WHERE id = $1`, [id]);
      return rows[0] && fromRaw(rows[0], await coachesOf(query, id));
    },
    // Booking ids are never empty, so '' leaves none out.
    async liveBookings(window: Interval, exceptId = '') {
      const rows = await query<LiveCallRow>(
        `SELECT b.id, b.start_ms, b.end_ms, b.created_ms, c.coach_id
           FROM bookings b LEFT JOIN booking_coaches c ON c.booking_id = b.id
          WHERE b.status = 'confirmed' AND b.id <> $1 AND b.end_ms > $2 AND b.start_ms < $3
          ORDER BY b.start_ms, b.id, c.position`,
        [exceptId, window.start, window.end],
      );
      return foldCalls(rows);
    },
    async idempotencyRecord(keyHash, now): Promise<StoredAnswer | undefined> {
      const rows = await query<{ body_hash: string; status: number; response: string }>(
        `SELECT body_hash, status, response FROM idempotency WHERE key_hash = $1 AND created_ms > $2`,
        [keyHash, now - IDEMPOTENCY_TTL_MS],
      );
      return rows[0] && { bodyHash: rows[0].body_hash, status: rows[0].status, response: rows[0].response };
    },
    // Addresses are stored lowercased by the intake schema; a call whose answers retention deleted has no intake.
    async upcomingCalls(email, now) {
      const rows = await query<{ start_ms: number }>(
        `SELECT start_ms FROM bookings
          WHERE status = 'confirmed' AND start_ms > $1 AND intake IS NOT NULL
            AND ((intake::jsonb) #>> '{people,0,email}' = $2 OR (intake::jsonb) #>> '{people,1,email}' = $2)
          ORDER BY start_ms`,
        [now, email],
      );
      return rows.map((r) => r.start_ms);
    },
    lastWebhookSequence: (bookingId) => lastWebhookSequence(query, bookingId),
  };
}

/** The exclusion constraint refused a hold: a coach of this booking is already held at that time. */
const isHoldConflict = (e: unknown) =>
  (e as { code?: string; constraint?: string })?.code === '23P01' &&
  (e as { constraint?: string }).constraint === 'booking_coaches_no_overlap';

export function postgresBookings(run: PgRunner, rule: HoldRule) {
  async function apply(db: Queryable, w: PlanWrites, now: number) {
    if (w.newBooking) {
      const b = w.newBooking;
      await db.query(
        `INSERT INTO bookings (id, uid, start_ms, end_ms, status, sequence, token_hash, intake, pair_reason, created_ms, updated_ms, partner_token_hash, hold_until_ms,
                               partner_nudge, partner_nudge_ms)
         VALUES ($1, $2, $3, $4, 'confirmed', 0, $5, $6, $8, $7, $7, $9, $10, $11, $12)`,
        [
          b.id,
          b.uid,
          b.start,
          b.end,
          b.tokenHash,
          JSON.stringify(b.intake),
          now,
          b.pairReason,
          b.partnerTokenHash,
          b.holdUntil ?? null,
          b.nudge ? JSON.stringify(b.nudge.mail) : null,
          b.nudge?.due ?? null,
        ],
      );
      // The call holds its own two coaches (the pair the plan chose), each with the person they hold.
      const [from, to] = heldTime(b.start, b.end, rule.bufferMs);
      await db.query(
        `INSERT INTO booking_coaches (booking_id, position, coach_id, holds, during, active)
         SELECT $1, c.position - 1, c.coach_id, c.holds, int8range($4, $5), true
           FROM unnest($2::text[], $3::smallint[]) WITH ORDINALITY AS c (coach_id, holds, position)`,
        [b.id, b.coaches.map((c) => c.id), b.coaches.map((c) => c.holds), from, to],
      );
    }
    if (w.change) {
      const c = w.change;
      // The sequence guard makes a lost race impossible to miss, though the advisory lock already serialises plans.
      const updated = await db.query(
        `UPDATE bookings SET status = $2, start_ms = $3, end_ms = $4, sequence = sequence + 1, updated_ms = $6
          WHERE id = $1 AND sequence = $5`,
        [c.id, c.status, c.start, c.end, c.sequence, now],
      );
      if (updated.rowCount !== 1) throw new Error('booking changed under the bookings lock');
      const [from, to] = heldTime(c.start, c.end, rule.bufferMs);
      await db.query(`UPDATE booking_coaches SET during = int8range($2, $3), active = $4 WHERE booking_id = $1`, [
        c.id,
        from,
        to,
        c.status === 'confirmed',
      ]);
    }
    if (w.partnerConfirmation) {
      const c = w.partnerConfirmation;
      // Conditional: of two confirms (on any instance) one wins; the bookings lock already serialises plans.
      const updated = await db.query(
        `UPDATE bookings SET partner_confirmed_ms = $2, partner_view = $3, partner_nudge = NULL, partner_nudge_ms = NULL
          WHERE id = $1 AND status = 'confirmed' AND partner_confirmed_ms IS NULL`,
        [c.id, c.at, JSON.stringify(c.view)],
      );
      if (updated.rowCount !== 1) throw new Error('booking confirmed under the bookings lock');
    }
    if (w.release) {
      // Conditional: only a live, held, unconfirmed call at the version the plan read (a confirm cannot also win).
      const released = await db.query(
        `UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, released_ms = $3, updated_ms = $3,
                partner_nudge = NULL, partner_nudge_ms = NULL
          WHERE id = $1 AND sequence = $2 AND status = 'confirmed' AND hold_until_ms IS NOT NULL AND partner_confirmed_ms IS NULL`,
        [w.release.id, w.release.sequence, now],
      );
      if (released.rowCount !== 1) throw new Error('hold changed under the bookings lock');
      // The coaches are free at that time again.
      await db.query('UPDATE booking_coaches SET active = false WHERE booking_id = $1', [w.release.id]);
    }
    await postgresDeskWrites(db, w);
    if (w.mails) await insertMails(db, w.mails, now);
    if (w.webhooks) await insertWebhooks(db, w.webhooks, now);
    if (w.idempotency) {
      const r = w.idempotency;
      await db.query(`DELETE FROM idempotency WHERE key_hash = $1 AND created_ms <= $2`, [r.keyHash, now - IDEMPOTENCY_TTL_MS]);
      await db.query(
        `INSERT INTO idempotency (key_hash, body_hash, booking_id, status, response, created_ms) VALUES ($1, $2, $3, $4, $5, $6)`,
        [r.keyHash, r.bodyHash, w.newBooking?.id ?? w.change?.id ?? null, r.status, r.response, now],
      );
    }
  }

  const reminders: ReminderPort = {
    async due(now, leadMs) {
      const rows = await run.query<RawBooking>(
        `SELECT ${COLUMNS} FROM bookings
          WHERE status = 'confirmed' AND start_ms > $1 AND start_ms <= $2 AND intake IS NOT NULL
            AND (reminded_sequence IS NULL OR reminded_sequence <> sequence)
            AND updated_ms <= start_ms - $3
          ORDER BY start_ms`,
        [now, now + leadMs, leadMs],
      );
      return Promise.all(
        rows.map(async (r): Promise<ReminderCandidate> => reminderCandidate(fromRaw(r, await coachesOf(run.query, r.id)))),
      );
    },
    // The conditional UPDATE takes the booking's row lock: of two instances racing here, one queues the mail.
    enqueue: (bookingId, sequence, mails, now) =>
      run.transact(async (db) => {
        const claimed = await db.query(
          `UPDATE bookings SET reminded_ms = $1, reminded_sequence = sequence
          WHERE id = $2 AND status = 'confirmed' AND sequence = $3 AND (reminded_sequence IS NULL OR reminded_sequence <> sequence)`,
          [now, bookingId, sequence],
        );
        if (claimed.rowCount !== 1) return false;
        await insertMails(db, mails, now);
        return true;
      }),
    // Each due nudge is taken off its booking (rows another instance is taking are skipped) and queued, in one
    // transaction, if the call still waits for person two.
    queueNudges: (now) =>
      run.transact(async (db) => {
        const taken = await rowsOf(db)<{ partner_nudge: string; status: string; partner_confirmed_ms: number | null; start_ms: number }>(
          `WITH due AS (
           SELECT id, partner_nudge, status, partner_confirmed_ms, start_ms FROM bookings
            WHERE partner_nudge_ms IS NOT NULL AND partner_nudge_ms <= $1 ORDER BY partner_nudge_ms, id FOR UPDATE SKIP LOCKED)
         UPDATE bookings b SET partner_nudge = NULL, partner_nudge_ms = NULL FROM due WHERE b.id = due.id
         RETURNING due.partner_nudge, due.status, due.partner_confirmed_ms, due.start_ms`,
          [now],
        );
        const mails = taken
          .filter((r) => r.status === 'confirmed' && r.partner_confirmed_ms === null && r.start_ms > now)
          .map((r) => JSON.parse(r.partner_nudge) as OutgoingMail);
        await insertMails(db, mails, now);
        return mails.length;
      }),
  };

  return {
    /** Outside a plan: the committed state. */
    reads: planReads(run.query),
    runPlan: <T>(now: number, plan: Plan<T>): Promise<T> =>
      run.transact(async (db) => {
        const planned = await plan(planReads(rowsOf(db)));
        if (planned.writes) {
          try {
            await apply(db, planned.writes, now);
          } catch (e) {
            if (isHoldConflict(e)) throw new SlotTaken({ cause: e });
            throw e;
          }
        }
        return planned.result;
      }, 'bookings'),
    purgeIdempotency: async (now: number) => {
      const rows = await run.query(`DELETE FROM idempotency WHERE created_ms <= $1 RETURNING 1`, [now - IDEMPOTENCY_TTL_MS]);
      return rows.length;
    },
    reminders,
    holds: {
      async due(now, noticeMs) {
        const rows = await run.query<{ id: string }>(
          `SELECT id FROM bookings
            WHERE status = 'confirmed' AND hold_until_ms IS NOT NULL AND partner_confirmed_ms IS NULL
              AND (hold_until_ms <= $1 OR start_ms - $2 <= $1)
            ORDER BY LEAST(hold_until_ms, start_ms - $2), id`,
          [now, noticeMs],
        );
        return rows.map((r) => r.id);
      },
    } satisfies HoldPort,
  };
}
