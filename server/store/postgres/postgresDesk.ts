// The coaches' page's calls in PostgreSQL: a coach's (or every) call from a moment on with what its coaches recorded,
// and the plan's writes of those records (new coaches, who did not come, a coach who cannot take the call).
import type { BookingRow, CallDeskPort, PlanWrites } from '../port.ts';
import { deskCall, type RawMarks } from '../deskCalls.ts';
import type { PgRunner, Queryable } from './postgresRunner.ts';

const MARKS = 'absent, absent_by, absent_ms, withdrawn_by, withdrawn_ms';

export function postgresDesk(run: PgRunner, booking: (id: string) => Promise<BookingRow | undefined>): CallDeskPort {
  const one = async (id: string) => {
    const b = await booking(id);
    if (!b) return undefined;
    const [marks] = await run.query<RawMarks>(`SELECT ${MARKS} FROM call_marks WHERE booking_id = $1`, [id]);
    return deskCall(b, marks);
  };
  return {
    async calls(from, coachId) {
      const rows =
        coachId === undefined
          ? await run.query<{ id: string }>(`SELECT id FROM bookings WHERE start_ms >= $1 ORDER BY start_ms, id`, [from])
          : await run.query<{ id: string }>(
              `SELECT b.id FROM bookings b JOIN booking_coaches c ON c.booking_id = b.id
            WHERE b.start_ms >= $1 AND c.coach_id = $2 ORDER BY b.start_ms, b.id`,
              [from, coachId],
            );
      const out = [];
      for (const r of rows) {
        const call = await one(r.id);
        if (call) out.push(call);
      }
      return out;
    },
    call: one,
  };
}

/** The desk's part of a plan's writes, inside the plan's transaction (after the booking's own change). */
export async function postgresDeskWrites(db: Queryable, w: PlanWrites) {
  if (w.coaches) {
    const { id, coaches, pairReason } = w.coaches;
    for (const [position, c] of coaches.entries()) {
      // The new coach's hold is checked by the exclusion constraint like any other (23P01: taken meanwhile).
      const r = await db.query(`UPDATE booking_coaches SET coach_id = $1, holds = $2 WHERE booking_id = $3 AND position = $4`, [
        c.id,
        c.holds,
        id,
        position,
      ]);
      if (r.rowCount !== 1) throw new Error('booking coaches changed under the bookings lock');
    }
    await db.query(`UPDATE bookings SET pair_reason = $1 WHERE id = $2`, [pairReason, id]);
    await db.query(`UPDATE call_marks SET withdrawn_by = NULL, withdrawn_ms = NULL WHERE booking_id = $1`, [id]);
  }
  if (w.attendance) {
    const a = w.attendance;
    await db.query(
      `INSERT INTO call_marks (booking_id, absent, absent_by, absent_ms) VALUES ($1, $2, $3, $4)
      ON CONFLICT (booking_id) DO UPDATE SET absent = EXCLUDED.absent, absent_by = EXCLUDED.absent_by, absent_ms = EXCLUDED.absent_ms`,
      [a.id, JSON.stringify(a.absent), a.by, a.at],
    );
  }
  if (w.withdrawal) {
    const x = w.withdrawal;
    await db.query(
      `INSERT INTO call_marks (booking_id, withdrawn_by, withdrawn_ms) VALUES ($1, $2, $3)
      ON CONFLICT (booking_id) DO UPDATE SET withdrawn_by = EXCLUDED.withdrawn_by, withdrawn_ms = EXCLUDED.withdrawn_ms`,
      [x.id, x.coachId, x.at],
    );
  }
}
