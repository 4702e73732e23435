// Each coach's calls against their fair share: every call seats two coaches, shared out by weight.
import type { Coach } from './config.ts';
import { weightOf } from './pool.ts';

export interface CoachShare {
  id: string;
  weight: number;
  calls: number;
  share: number;
}

/** `calls`: the coach ids of each call counted (live calls of the period); a coach no longer configured is left out. */
export function fairShares(coaches: readonly Coach[], calls: readonly (readonly string[])[]): CoachShare[] {
  const ids = new Set(coaches.map((c) => c.id));
  const count = new Map<string, number>();
  let seats = 0;
  for (const call of calls) {
    for (const id of new Set(call)) {
      if (!ids.has(id)) continue;
      count.set(id, (count.get(id) ?? 0) + 1);
      seats++;
    }
  }
  const total = coaches.reduce((sum, c) => sum + weightOf(c), 0);
  return coaches.map((c) => ({
    id: c.id,
    weight: weightOf(c),
    calls: count.get(c.id) ?? 0,
    share: total > 0 ? (seats * weightOf(c)) / total : 0,
  }));
}
