// Live calls from the database's rows: one row per booking and coach (a LEFT JOIN ordered by booking, then position),
// folded into calls with their two coaches' ids and when each was booked. Both stores read them so.
import type { PoolBooking } from '../../core/pool.ts';

export interface LiveCallRow {
  id: string;
  start_ms: number;
  end_ms: number;
  created_ms: number;
  coach_id: string | null;
}

export function foldCalls(rows: readonly LiveCallRow[]): PoolBooking[] {
  const out: (PoolBooking & { coaches: string[] })[] = [];
  let lastId: string | undefined;
  for (const r of rows) {
    if (r.id !== lastId) {
      out.push({ start: r.start_ms, end: r.end_ms, coaches: [], bookedAt: r.created_ms });
      lastId = r.id;
    }
    if (r.coach_id !== null) out[out.length - 1].coaches.push(r.coach_id);
  }
  return out;
}
