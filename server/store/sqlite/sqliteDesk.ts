// The coaches' page's calls in SQLite: a coach's (or every) call from a moment on with what its coaches recorded,
// and the plan's writes of those records (new coaches, who did not come, a coach who cannot take the call).
import type Database from 'better-sqlite3';
import { deskCall, type RawMarks } from '../deskCalls.ts';
import type { BookingRow, CallDeskPort, DeskCall, PlanWrites } from '../port.ts';
import type { SqliteRunner } from './sqliteTransaction.ts';

const MARKS = 'absent, absent_by, absent_ms, withdrawn_by, withdrawn_ms';

export function sqliteDesk(db: Database.Database, run: SqliteRunner, booking: (id: string) => BookingRow | undefined): CallDeskPort {
  const all = db.prepare<[number], { id: string }>(`SELECT id FROM bookings WHERE start_ms >= ? ORDER BY start_ms, id`);
  const ofCoach = db.prepare<[number, string], { id: string }>(
    `SELECT b.id FROM bookings b JOIN booking_coaches c ON c.booking_id = b.id
      WHERE b.start_ms >= ? AND c.coach_id = ? ORDER BY b.start_ms, b.id`,
  );
  const marks = db.prepare<[string], RawMarks>(`SELECT ${MARKS} FROM call_marks WHERE booking_id = ?`);
  const one = (id: string): DeskCall | undefined => {
    const b = booking(id);
    return b && deskCall(b, marks.get(id));
  };
  return {
    calls: (from, coachId) => run.read(() => (coachId === undefined ? all.all(from) : ofCoach.all(from, coachId)).map((r) => one(r.id)!)),
    call: (id) => run.read(() => one(id)),
  };
}

/** The desk's part of a plan's writes, inside the plan's transaction. */
export function sqliteDeskWrites(db: Database.Database) {
  const replaceCoach = db.prepare(`UPDATE booking_coaches SET coach_id = ?, holds = ? WHERE booking_id = ? AND position = ?`);
  const reason = db.prepare(`UPDATE bookings SET pair_reason = ? WHERE id = ?`);
  const ensure = db.prepare(`INSERT INTO call_marks (booking_id) VALUES (?) ON CONFLICT (booking_id) DO NOTHING`);
  const absent = db.prepare(`UPDATE call_marks SET absent = ?, absent_by = ?, absent_ms = ? WHERE booking_id = ?`);
  const withdrawn = db.prepare(`UPDATE call_marks SET withdrawn_by = ?, withdrawn_ms = ? WHERE booking_id = ?`);
  return (w: PlanWrites) => {
    if (w.coaches) {
      const { id, coaches, pairReason } = w.coaches;
      coaches.forEach((c, position) => {
        if (replaceCoach.run(c.id, c.holds, id, position).changes !== 1) throw new Error('booking coaches changed under a write lock');
      });
      reason.run(pairReason, id);
      withdrawn.run(null, null, id);
    }
    if (w.attendance) {
      ensure.run(w.attendance.id);
      absent.run(JSON.stringify(w.attendance.absent), w.attendance.by, w.attendance.at, w.attendance.id);
    }
    if (w.withdrawal) {
      ensure.run(w.withdrawal.id);
      withdrawn.run(w.withdrawal.coachId, w.withdrawal.at, w.withdrawal.id);
    }
  };
}
