// The call's two coaches on the server: the pool query for new calls and for a call's own pair, the chosen
// pair with who holds whom and why, and the coaches as the duo may see them (names, never addresses).
import type { BookingCoach } from '../../core/api.ts';
import type { Config, Pair } from '../../core/config.ts';
import { whoHolds, type CallCoach } from '../../core/holding.ts';
import type { Intake } from '../../core/intake.ts';
import type { Interval } from '../../core/interval.ts';
import { describeChoice, type PairChoice } from '../../core/pairChoice.ts';
import { newCallPool, type PoolBooking, type PoolQuery } from '../../core/pool.ts';
import { DAY_MS, liveWindow } from '../../core/time.ts';

/** The pool engine's question for a new call: coaches at weight 0 and their pairs left out. */
export function newCallQuery(
  config: Config,
  busy: PoolQuery['busy'],
  now: number,
  bookings: readonly PoolBooking[],
  from?: number,
  to?: number,
): PoolQuery {
  return { call: config.call, practiceTimeZone: config.practice.timeZone, ...newCallPool(config), now, from, to, bookings, busy };
}

/**
 * The question for moving a call: its own two coaches, whatever their weight now (a move is not a new call).
 * A coach who has left the configuration leaves one coach, so no time is offered.
 */
export function samePairQuery(
  config: Config,
  busy: PoolQuery['busy'],
  now: number,
  coaches: readonly CallCoach[],
  bookings: readonly PoolBooking[],
  from?: number,
  to?: number,
): PoolQuery {
  const pair = config.coaches.filter((c) => coaches.some((cc) => cc.id === c.id));
  return { call: config.call, practiceTimeZone: config.practice.timeZone, coaches: pair, now, from, to, bookings, busy };
}

/** The chosen pair in config order, each coach with the person they hold at the call's start. */
export function holdingPair(config: Config, pair: Pair, intake: Intake, start: number): CallCoach[] {
  const zone = (id: string) => config.coaches.find((c) => c.id === id)!.timeZone;
  const holds = whoHolds([zone(pair[0]), zone(pair[1])], [intake.people[0].timeZone, intake.people[1].timeZone], start);
  return [
    { id: pair[0], holds: holds[0] },
    { id: pair[1], holds: holds[1] },
  ];
}

/**
 * Why the pair took the call, as the booking records it (JSON): the rule, a sentence for the coaches' page, and,
 * when the pair first chosen was taken by a call booked at the same moment, that first choice; `refused` lists the
 * pairs the database itself refused (a coach held then after all), in the order they were tried.
 */
export function pairReason(config: Config, choice: PairChoice, firstChoice?: Pair, refused: readonly Pair[] = []): string {
  const name = (id: string) => config.coaches.find((c) => c.id === id)?.name ?? id;
  let text = describeChoice(choice, config.coaches, config.call.horizonDays);
  if (firstChoice)
    text += ` The first choice, ${name(firstChoice[0])} and ${name(firstChoice[1])}, was taken by a call booked at the same moment.`;
  return JSON.stringify({
    rule: choice.rule,
    text,
    freePairs: choice.freePairs,
    calls: choice.calls,
    ...(firstChoice ? { firstChoice } : {}),
    ...(refused.length ? { refused } : {}),
  });
}

/** The call's coaches as the duo's answers show them: id, name and the person each holds. */
export function coachesView(config: Config, coaches: readonly CallCoach[]): BookingCoach[] {
  return coaches.map((cc) => ({ id: cc.id, name: config.coaches.find((c) => c.id === cc.id)?.name ?? cc.id, holds: cc.holds }));
}

/** The live calls the booking's transaction reads: the fairness window and a day either side of the call. */
export function planWindow(config: Config, now: number, call: Interval, fairDaysBefore: number): Interval {
  const live = liveWindow(call.start, call.end);
  return { start: Math.min(now - fairDaysBefore * DAY_MS, live.start), end: Math.max(now + config.call.horizonDays * DAY_MS, live.end) };
}
