// "I can't take this call": which coach takes a leaving coach's place, by the pool's own rules. The other coach
// stays and the newcomer holds the person the leaving coach held; among the coaches free then (hours, calls with
// buffers, busy times, daily cap; weight above 0; an allowed pair with the one who stays), the fairest is chosen.
import type { CallSettings, Coach, Pair } from './config.ts';
import type { CallCoach } from './holding.ts';
import type { Interval } from './interval.ts';
import { choosePair, type PairChoice } from './pairChoice.ts';
import { freePairsAt, weightOf, type PoolBooking } from './pool.ts';
import { DAY_MS } from './time.ts';

export interface ReplacementQuery {
  call: CallSettings;
  practiceTimeZone: string;
  /** Every configured coach, in config order. */
  coaches: readonly Coach[];
  pairs?: readonly Pair[];
  /** The call: its start and its two coaches as booked. */
  start: number;
  callCoaches: readonly CallCoach[];
  leaving: string;
  /** Coaches not to choose (the database refused them a moment ago). */
  refused?: readonly string[];
  now: number;
  /** Live calls (this one left out) over the fairness window and the call's own days. */
  bookings: readonly PoolBooking[];
  busy?: Readonly<Record<string, readonly Interval[]>>;
}

export type Replacement = { ok: true; coach: string; coaches: CallCoach[]; choice: PairChoice } | { ok: false };

export function findReplacement(q: ReplacementQuery): Replacement {
  const leaving = q.callCoaches.find((c) => c.id === q.leaving);
  const staying = q.callCoaches.find((c) => c.id !== q.leaving);
  if (!leaving || !staying || !q.coaches.some((c) => c.id === staying.id)) return { ok: false };
  const skip = new Set([...q.callCoaches.map((c) => c.id), ...(q.refused ?? [])]);
  const candidates = new Set(q.coaches.filter((c) => weightOf(c) > 0 && !skip.has(c.id)).map((c) => c.id));
  if (candidates.size === 0) return { ok: false };
  // The one who stays keeps the call whatever their weight now; the pool is them and the candidates, in config order.
  const coaches = q.coaches.filter((c) => c.id === staying.id || candidates.has(c.id));
  const withStaying = ([a, b]: Pair) => (a === staying.id && candidates.has(b)) || (b === staying.id && candidates.has(a));
  const pairs = (q.pairs ?? [...candidates].map((id): Pair => [staying.id, id])).filter(withStaying);
  // The call was booked with notice; its place is filled up to the call itself, however far ahead it lies.
  const call = { ...q.call, minNoticeHours: 0, horizonDays: Math.max(q.call.horizonDays, Math.ceil((q.start - q.now) / DAY_MS) + 1) };
  const free = freePairsAt(q.start, {
    call,
    practiceTimeZone: q.practiceTimeZone,
    coaches,
    pairs,
    now: q.now,
    bookings: q.bookings,
    busy: q.busy,
  });
  // Every free pair shares the one who stays, so only the newcomer's standing tells them apart; at weight 0 the one
  // who stays would stand at infinity in every pair, which compares as no order at all: count them at weight 1.
  const weighed = q.coaches.map((c) => (c.id === staying.id && weightOf(c) === 0 ? { ...c, weight: 1 } : c));
  const choice = choosePair({ free, coaches: weighed, bookings: q.bookings, now: q.now, horizonDays: q.call.horizonDays });
  if (!choice) return { ok: false };
  const coach = choice.pair[0] === staying.id ? choice.pair[1] : choice.pair[0];
  return { ok: true, coach, coaches: q.callCoaches.map((c) => (c.id === q.leaving ? { id: coach, holds: c.holds } : c)), choice };
}
