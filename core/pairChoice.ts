// Which free pair takes a call: the two coaches furthest below their fair share (calls for their weight), then the
// pairing made least recently, then the coach booked least recently, then config order. Deterministic; says why.
import type { Coach, Pair } from './config.ts';
import { weightOf, type PoolBooking } from './pool.ts';
import { DAY_MS } from './time.ts';

/** Calls this many days before now count towards a coach's share, with the horizon's calls after it. */
export const FAIR_SHARE_DAYS_BEFORE = 28;

/** The rule that decided, in the order they are tried. */
export type ChoiceRule = 'only_free_pair' | 'fair_share' | 'paired_least_recently' | 'booked_least_recently' | 'config_order';

export interface PairChoiceInput {
  /** The allowed pairs free at the call's time (any order, either way round). */
  free: readonly Pair[];
  /** Every configured coach, in config order: their weights and the last tie-break. */
  coaches: readonly Coach[];
  /** Live calls with the coaches they hold and when they were booked; those outside the fairness window are ignored. */
  bookings: readonly PoolBooking[];
  now: number;
  horizonDays: number;
}

export interface PairChoice {
  /** The chosen two, in config order. */
  pair: Pair;
  rule: ChoiceRule;
  /** How many pairs were free to choose from. */
  freePairs: number;
  /** The pair's calls in the fairness window (28 days before now to the horizon after), coach by coach. */
  calls: [number, number];
}

interface Candidate {
  pair: Pair;
  order: [number, number];
  load: number;
  pairedAt: number;
  bookedAt: [number, number];
}

const EPSILON = 1e-9;

/** Chooses among `free`; undefined when no pair is free. */
export function choosePair(input: PairChoiceInput): PairChoice | undefined {
  const index = new Map(input.coaches.map((c, i) => [c.id, i]));
  const weight = new Map(input.coaches.map((c) => [c.id, weightOf(c)]));
  const from = input.now - FAIR_SHARE_DAYS_BEFORE * DAY_MS;
  const to = input.now + input.horizonDays * DAY_MS;
  const window = input.bookings.filter((b) => b.start >= from && b.start < to);

  const calls = new Map<string, number>();
  const lastBooked = new Map<string, number>();
  for (const b of window) {
    for (const id of new Set(b.coaches)) {
      calls.set(id, (calls.get(id) ?? 0) + 1);
      lastBooked.set(id, Math.max(lastBooked.get(id) ?? -Infinity, b.bookedAt ?? -Infinity));
    }
  }
  const standing = (id: string) => {
    const w = weight.get(id) ?? 0;
    return w > 0 ? (calls.get(id) ?? 0) / w : Infinity;
  };

  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const [x, y] of input.free) {
    if (x === y || !index.has(x) || !index.has(y)) continue;
    const [a, b] = index.get(x)! < index.get(y)! ? [x, y] : [y, x];
    if (seen.has(`${a}\n${b}`)) continue;
    seen.add(`${a}\n${b}`);
    const pairedAt = Math.max(
      -Infinity,
      ...window.filter((k) => k.coaches.includes(a) && k.coaches.includes(b)).map((k) => k.bookedAt ?? -Infinity),
    );
    const la = lastBooked.get(a) ?? -Infinity;
    const lb = lastBooked.get(b) ?? -Infinity;
    candidates.push({
      pair: [a, b],
      order: [index.get(a)!, index.get(b)!],
      load: standing(a) + standing(b),
      pairedAt,
      bookedAt: la <= lb ? [la, lb] : [lb, la],
    });
  }
  if (candidates.length === 0) return undefined;

  const decide = (winner: Candidate, rule: ChoiceRule): PairChoice => ({
    pair: winner.pair,
    rule,
    freePairs: candidates.length,
    calls: [calls.get(winner.pair[0]) ?? 0, calls.get(winner.pair[1]) ?? 0],
  });
  if (candidates.length === 1) return decide(candidates[0], 'only_free_pair');

  const steps: [ChoiceRule, (a: Candidate, b: Candidate) => number][] = [
    ['fair_share', (a, b) => (Math.abs(a.load - b.load) <= EPSILON * Math.max(1, Math.abs(a.load)) ? 0 : a.load - b.load)],
    ['paired_least_recently', (a, b) => compare(a.pairedAt, b.pairedAt)],
    ['booked_least_recently', (a, b) => compare(a.bookedAt[0], b.bookedAt[0]) || compare(a.bookedAt[1], b.bookedAt[1])],
    ['config_order', (a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]],
  ];
  let left = candidates;
  for (const [rule, cmp] of steps) {
    const best = left.reduce((m, c) => (cmp(c, m) < 0 ? c : m));
    left = left.filter((c) => cmp(c, best) === 0);
    if (left.length === 1) return decide(left[0], rule);
  }
  return decide(left[0], 'config_order'); // unreachable: config order separates every two pairs
}

// Infinity-safe ordering (two pairs never paired both read -Infinity, which is a tie, not NaN).
const compare = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);

/** One sentence for the coaches' page on why this pair took the call (coach names only, never the duo's). */
export function describeChoice(choice: PairChoice, coaches: readonly Pick<Coach, 'id' | 'name'>[], horizonDays: number): string {
  const name = (id: string) => coaches.find((c) => c.id === id)?.name ?? id;
  const who = `${name(choice.pair[0])} and ${name(choice.pair[1])}`;
  const of = `Of ${choice.freePairs} free pairs, ${who}`;
  switch (choice.rule) {
    case 'only_free_pair':
      return `${who} were the only pair free at this time.`;
    case 'fair_share':
      return (
        `${of} were furthest below their fair share (${choice.calls[0]} and ${choice.calls[1]} calls in the ` +
        `${FAIR_SHARE_DAYS_BEFORE} days before and the ${horizonDays} days after the booking, for their weight).`
      );
    case 'paired_least_recently':
      return `${of} were as far below their fair share as another pair and had been paired least recently.`;
    case 'booked_least_recently':
      return `${of} were as far below their fair share and as long unpaired as another pair, and had the coach booked least recently.`;
    case 'config_order':
      return `${of} tied with another pair on every rule and come first in the configuration.`;
  }
}
