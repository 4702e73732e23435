// A deliberately simple reference for the pool: for each minute on the grid, test each coach alone with Intl and
// then each allowed pair. It shares no code with core/pool.ts beyond the types, so the two can disagree.
import type { Coach, Pair } from '../../core/config.ts';
import type { PoolQuery } from '../../core/pool.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import { isOnGrid, isWorking, WallClock } from './slotOracle.ts';

/** The pairs of the query as sorted "a|b" keys: the listed ones among its coaches, or every two of them. */
export function oraclePairKeys(q: Pick<PoolQuery, 'coaches' | 'pairs'>): string[] {
  const ids = q.coaches.map((c) => c.id);
  const all: string[] = [];
  if (q.pairs) {
    for (const [a, b] of q.pairs) if (a !== b && ids.includes(a) && ids.includes(b)) all.push([a, b].sort().join('|'));
  } else {
    for (const a of ids) for (const b of ids) if (a < b) all.push(`${a}|${b}`);
  }
  return [...new Set(all)].sort();
}

export const pairKey = ([a, b]: Pair) => [a, b].sort().join('|');

/** Whether one coach could take a call at `t`: hours for every minute, own calls and busy times clear, day not full. */
function coachFree(q: PoolQuery, coach: Coach, clock: WallClock, t: number): boolean {
  const length = q.call.minutes * MINUTE_MS;
  const buffer = q.call.bufferMinutes * MINUTE_MS;
  const own = q.bookings.filter((b) => b.coaches.includes(coach.id));
  const blockers = [...own, ...(q.busy?.[coach.id] ?? [])];
  if (blockers.some((b) => b.start < t + length + buffer && b.end > t - buffer)) return false;
  const cap = q.call.maxPerCoachPerDay;
  if (cap && own.filter((b) => clock.at(b.start).date === clock.at(t).date).length >= cap) return false;
  for (let m = t; m < t + length; m += MINUTE_MS) if (!isWorking(coach, clock, m)) return false;
  return true;
}

/** The allowed pairs free at `t` as sorted keys, or none when `t` is outside the window or off the grid. */
export function oracleFreePairs(q: PoolQuery, t: number): string[] {
  const earliest = Math.max(q.now + q.call.minNoticeHours * HOUR_MS, q.from ?? -Infinity);
  const latest = Math.min(q.now + q.call.horizonDays * DAY_MS, q.to ?? Infinity);
  if (t < earliest || t >= latest || !isOnGrid(new WallClock(q.practiceTimeZone), t, q.call)) return [];
  const byId = new Map(q.coaches.map((c) => [c.id, c]));
  const free = new Map<string, boolean>();
  const isFree = (id: string) => {
    if (!free.has(id)) free.set(id, coachFree(q, byId.get(id)!, new WallClock(byId.get(id)!.timeZone), t));
    return free.get(id)!;
  };
  return oraclePairKeys(q).filter((key) => key.split('|').every(isFree));
}

/** Every offered start, by trying each whole minute in the window. Assumes every input instant is a whole minute. */
export function oraclePoolSlots(q: PoolQuery): number[] {
  const earliest = Math.max(q.now + q.call.minNoticeHours * HOUR_MS, q.from ?? -Infinity);
  const latest = Math.min(q.now + q.call.horizonDays * DAY_MS, q.to ?? Infinity);
  const practice = new WallClock(q.practiceTimeZone);
  const clocks = new Map(q.coaches.map((c) => [c.id, new WallClock(c.timeZone)]));
  const pairs = oraclePairKeys(q).map((k) => k.split('|'));
  const byId = new Map(q.coaches.map((c) => [c.id, c]));
  const out: number[] = [];
  for (let t = Math.ceil(earliest / MINUTE_MS) * MINUTE_MS; t < latest; t += MINUTE_MS) {
    if (!isOnGrid(practice, t, q.call)) continue;
    const free = new Map<string, boolean>();
    const isFree = (id: string) => {
      if (!free.has(id)) free.set(id, coachFree(q, byId.get(id)!, clocks.get(id)!, t));
      return free.get(id)!;
    };
    if (pairs.some((p) => p.every(isFree))) out.push(t);
  }
  return out;
}
