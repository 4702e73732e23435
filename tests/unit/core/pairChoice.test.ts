// Which free pair takes a call: fair share for their weight first, then the pairing least recently made, then the
// coach booked least recently, then config order; a table of twelve calls shows the spread.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Coach, Pair } from '../../../core/config.ts';
import { choosePair, describeChoice } from '../../../core/pairChoice.ts';
import { allowedPairs, freePairsAt, newCallPool, type PoolBooking, type PoolQuery } from '../../../core/pool.ts';
import { at, call, coach } from '../../support/slotFixtures.ts';

const DAY = 86_400_000;
const NOW = at('2026-12-01T12:00:00Z');
const everyDay = ['00:00-24:00'];
const always = { mon: everyDay, tue: everyDay, wed: everyDay, thu: everyDay, fri: everyDay, sat: everyDay, sun: everyDay };
const person = (id: string, weight = 1): Coach => ({ ...coach(id, 'UTC', always), name: id[0].toUpperCase() + id.slice(1), weight });
const four = () => ['ana', 'ben', 'cy', 'dee'].map((id) => person(id));
const allPairs = (coaches: Coach[]) => allowedPairs({ coaches });

// A call `days` after now, booked at `bookedAt` (minutes after now), held by `coaches`.
const callOn = (days: number, bookedAt: number, ...coaches: string[]): PoolBooking => ({
  start: NOW + days * DAY,
  end: NOW + days * DAY + 45 * 60_000,
  coaches,
  bookedAt: NOW + bookedAt * 60_000,
});

const choose = (coaches: Coach[], bookings: PoolBooking[], free: readonly Pair[] = allPairs(coaches)) =>
  choosePair({ free, coaches, bookings, now: NOW, horizonDays: 28 })!;

describe('the rules, one at a time', () => {
  it('the only free pair takes it', () => {
    expect(choose(four(), [], [['dee', 'cy']])).toEqual({ pair: ['cy', 'dee'], rule: 'only_free_pair', freePairs: 1, calls: [0, 0] });
  });

  it('no free pair: no choice', () => {
    expect(choosePair({ free: [], coaches: four(), bookings: [], now: NOW, horizonDays: 28 })).toBeUndefined();
  });

  it('the pair furthest below its fair share takes it', () => {
    // ana has 2 calls, ben 1, cy 1, dee 0: of these three, ben+dee (1) is below ana+dee (2) and ben+cy (2).
    const bookings = [callOn(2, 0, 'ana', 'ben'), callOn(3, 1, 'ana', 'cy')];
    expect(
      choose(four(), bookings, [
        ['ana', 'dee'],
        ['ben', 'dee'],
        ['ben', 'cy'],
      ]),
    ).toEqual({ pair: ['ben', 'dee'], rule: 'fair_share', freePairs: 3, calls: [1, 0] });
  });

  it('counts calls for the weight: a coach at 0.5 with one call stands like a coach at 1 with two', () => {
    const coaches = [person('ana'), person('ben'), person('cy', 0.5)];
    const bookings = [callOn(2, 0, 'ana', 'ben'), callOn(3, 1, 'ana', 'ben'), callOn(4, 2, 'cy', 'ana')];
    // ana 3/1, ben 2/1, cy 1/0.5 = 2: ben+cy (4) is below ana+ben (5) and ana+cy (5).
    expect(choose(coaches, bookings)).toMatchObject({ pair: ['ben', 'cy'], rule: 'fair_share' });
  });

  it('counts only the 28 days before now and the horizon after it', () => {
    const old = [callOn(-29, -60_000, 'ana', 'ben'), callOn(-29, -59_000, 'ana', 'ben'), callOn(29, 0, 'ana', 'ben')];
    const recent = [callOn(-27, -58_000, 'cy', 'dee')];
    expect(choose(four(), [...old, ...recent])).toMatchObject({ pair: ['ana', 'ben'], rule: 'fair_share', calls: [0, 0] });
  });

  it('equal shares: the pair that coached together least recently takes it', () => {
    // Each coach has one call; ana+ben were paired (booked) after cy+dee, and no other pair has ever been together.
    const bookings = [callOn(2, 10, 'ana', 'ben'), callOn(3, 5, 'cy', 'dee')];
    expect(
      choose(four(), bookings, [
        ['ana', 'ben'],
        ['cy', 'dee'],
      ]),
    ).toMatchObject({ pair: ['cy', 'dee'], rule: 'paired_least_recently' });
  });

  it('the coach booked least recently decides between two pairs never paired', () => {
    // ana+dee and cy+dee both stand at one call and were never paired; ana was last booked at minute 10, cy at 5.
    const bookings = [callOn(2, 10, 'ana', 'ben'), callOn(3, 5, 'cy', 'eli')];
    const coaches = [...four(), person('eli')];
    expect(
      choose(coaches, bookings, [
        ['ana', 'dee'],
        ['cy', 'dee'],
      ]),
    ).toMatchObject({ pair: ['cy', 'dee'], rule: 'booked_least_recently' });
  });

  it('everything equal: config order, whichever way round the pairs were given', () => {
    expect(
      choose(
        four(),
        [],
        [
          ['dee', 'ben'],
          ['cy', 'ana'],
        ],
      ),
    ).toMatchObject({ pair: ['ana', 'cy'], rule: 'config_order' });
  });

  it('says why, in coach names', () => {
    const choice = choose(four(), [callOn(2, 0, 'ana', 'ben')]);
    expect(describeChoice(choice, four(), 28)).toBe(
      'Of 6 free pairs, Cy and Dee were furthest below their fair share (0 and 0 calls in the 28 days before and the 28 days after the booking, for their weight).',
    );
    expect(describeChoice(choose(four(), [], [['ben', 'ana']]), four(), 28)).toBe('Ana and Ben were the only pair free at this time.');
  });
});

// Books `count` calls, one a day at noon UTC (all coaches free), each given to the pair choosePair picks, in the
// order `days` lists them; returns the calls.
function bookAll(coaches: Coach[], days: number[]): PoolBooking[] {
  const bookings: PoolBooking[] = [];
  const q = (): PoolQuery => ({
    call: call({ minNoticeHours: 0 }),
    practiceTimeZone: 'UTC',
    ...newCallPool({ coaches }),
    now: NOW,
    bookings,
  });
  days.forEach((day, k) => {
    const start = NOW + day * DAY;
    const free = freePairsAt(start, q());
    expect(free).toHaveLength(allowedPairs(newCallPool({ coaches })).length);
    const choice = choosePair({ free, coaches, bookings, now: NOW, horizonDays: 28 })!;
    bookings.push({ start, end: start + 45 * 60_000, coaches: choice.pair, bookedAt: NOW + k * 60_000 });
  });
  return bookings;
}

const tally = (bookings: PoolBooking[], key: (b: PoolBooking) => string[]) => {
  const out: Record<string, number> = {};
  for (const b of bookings) for (const k of key(b)) out[k] = (out[k] ?? 0) + 1;
  return out;
};

describe('fairness over many calls', () => {
  it('twelve calls to four equal coaches: each coaches six, each pair twice, in this order', () => {
    const bookings = bookAll(four(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(bookings.map((b) => b.coaches.join('+'))).toEqual([
      'ana+ben',
      'cy+dee',
      'ana+cy',
      'ben+dee',
      'ana+dee',
      'ben+cy',
      'ana+ben',
      'cy+dee',
      'ana+cy',
      'ben+dee',
      'ana+dee',
      'ben+cy',
    ]);
    expect(tally(bookings, (b) => [...b.coaches])).toEqual({ ana: 6, ben: 6, cy: 6, dee: 6 });
  });

  it('whatever the order of the days booked, each of four coaches holds 6 ± 1 calls and no pair coaches together more than three times', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          [...Array(20).keys()].map((d) => d + 1),
          { minLength: 12, maxLength: 12 },
        ),
        (days) => {
          const bookings = bookAll(four(), days);
          for (const n of Object.values(tally(bookings, (b) => [...b.coaches]))) expect(Math.abs(n - 6)).toBeLessThanOrEqual(1);
          for (const n of Object.values(tally(bookings, (b) => [b.coaches.join('+')]))) expect(n).toBeLessThanOrEqual(3);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('a coach at weight 0.5 coaches about half as many calls as one at 1', () => {
    const bookings = bookAll(
      [person('ana'), person('ben'), person('cy', 0.5)],
      [...Array(27).keys()].map((d) => d + 1),
    );
    // 27 calls, 54 seats: shares 2 : 2 : 1 give ana and ben 21.6, cy 10.8.
    const counts = tally(bookings, (b) => [...b.coaches]);
    expect(counts.cy).toBeGreaterThanOrEqual(10);
    expect(counts.cy).toBeLessThanOrEqual(12);
    expect(Math.abs(counts.ana - counts.ben)).toBeLessThanOrEqual(1);
  });

  it('a coach at weight 0 takes none', () => {
    const bookings = bookAll([person('ana'), person('ben'), person('cy', 0)], [1, 2, 3, 4, 5]);
    expect(tally(bookings, (b) => [...b.coaches])).toEqual({ ana: 5, ben: 5 });
  });
});
