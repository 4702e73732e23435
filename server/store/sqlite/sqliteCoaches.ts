// The pool's migration step: every booking written before the pool gets the two coaches configured then, each
// holding the person in the nearest zone at the call, exactly as a new booking would be held.
import type Database from 'better-sqlite3';
import { whoHolds } from '../../../core/holding.ts';
import type { Intake } from '../../../core/intake.ts';

/** A configured coach as the migration needs one. */
export interface ConfiguredCoach {
  id: string;
  timeZone: string;
}

/** Why a call from before the pool has its two coaches (shown on the coaches' page like any pair's reason). */
export const BEFORE_POOL_REASON = JSON.stringify({
  rule: 'before_pool',
  text: 'Booked before the pool of coaches: it went to both coaches configured then.',
});

/** Throws when the file holds bookings from before the pool and no configured coaches were given to migrate them. */
export function checkCoachesGiven(db: Database.Database, coaches: readonly ConfiguredCoach[] | undefined) {
  if (coaches && coaches.length >= 2) return;
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bookings'`).get();
  if (table && db.prepare('SELECT 1 FROM bookings LIMIT 1').get()) {
    throw new Error(
      'this data file was written before the pool of coaches: open it with the configuration, so that every call keeps its two coaches',
    );
  }
}

/** Gives every booking without coaches the first two of `coaches` (checkCoachesGiven has made sure of them). */
export function backfillCoaches(db: Database.Database, coaches: readonly ConfiguredCoach[] | undefined) {
  const rows = db
    .prepare(
      `SELECT id, start_ms, intake FROM bookings
    WHERE id NOT IN (SELECT booking_id FROM booking_coaches)`,
    )
    .all() as { id: string; start_ms: number; intake: string | null }[];
  if (rows.length === 0) return;
  checkCoachesGiven(db, coaches);
  const [a, b] = coaches!;
  const insert = db.prepare(`INSERT INTO booking_coaches (booking_id, position, coach_id, holds) VALUES (?, ?, ?, ?)`);
  const reason = db.prepare(`UPDATE bookings SET pair_reason = ? WHERE id = ?`);
  for (const row of rows) {
    // An erased intake (past the retention period) leaves no zones: coach one is taken to hold person one.
    const people = row.intake ? (JSON.parse(row.intake) as Intake).people : undefined;
    const holds =
      people?.length === 2 ? whoHolds([a.timeZone, b.timeZone], [people[0].timeZone, people[1].timeZone], row.start_ms) : [0, 1];
    insert.run(row.id, 0, a.id, holds[0]);
    insert.run(row.id, 1, b.id, holds[1]);
    reason.run(BEFORE_POOL_REASON, row.id);
  }
}
