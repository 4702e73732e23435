// "I can't take this call": the coach who takes the leaving coach's place is chosen by the pool's own rules, keeps
// the other coach and holds the leaving coach's person; a coach not free, at weight 0 or in no allowed pair never is.
import { describe, expect, it } from 'vitest';
import type { CallCoach } from '../../../core/holding.ts';
import { findReplacement, type ReplacementQuery } from '../../../core/replacement.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../core/time.ts';
import { poolConfig } from '../../support/poolFixtures.ts';

const NOW = Date.parse('2026-11-02T12:00:00Z');
const START = Date.parse('2026-11-10T15:00:00Z');
const MAYA_BEN: CallCoach[] = [
  { id: 'maya', holds: 0 },
  { id: 'ben', holds: 1 },
];
const call = (start: number, coaches: string[], bookedAt = NOW - DAY_MS) => ({ start, end: start + 45 * MINUTE_MS, coaches, bookedAt });

function query(
  over: Omit<Partial<ReplacementQuery>, 'call' | 'pairs'> & {
    weights?: Record<string, number>;
    pairs?: [string, string][];
    call?: Record<string, unknown>;
  } = {},
): ReplacementQuery {
  const { weights, pairs, call: callOver, ...rest } = over;
  const config = poolConfig({ weights, pairs, call: callOver });
  return {
    call: config.call,
    practiceTimeZone: config.practice.timeZone,
    coaches: config.coaches,
    pairs: config.pairs,
    start: START,
    callCoaches: MAYA_BEN,
    leaving: 'maya',
    now: NOW,
    bookings: [],
    ...rest,
  };
}

describe("the coach who takes a leaving coach's place", () => {
  it("with everyone equal, the pool's last tie-break (config order) chooses; the newcomer holds the leaving coach's person", () => {
    expect(findReplacement(query())).toMatchObject({
      ok: true,
      coach: 'cy',
      coaches: [
        { id: 'cy', holds: 0 },
        { id: 'ben', holds: 1 },
      ],
      choice: { rule: 'config_order', freePairs: 2 },
    });
    // Ben leaving keeps Maya; the newcomer holds Ben's person two.
    expect(findReplacement(query({ leaving: 'ben' }))).toMatchObject({
      coach: 'cy',
      coaches: [
        { id: 'maya', holds: 0 },
        { id: 'cy', holds: 1 },
      ],
    });
  });

  it('the coach furthest below their fair share is chosen', () => {
    const bookings = [call(START + DAY_MS, ['cy', 'maya'])];
    // The pair is Ben and Dee (config order), neither with a call in the window.
    expect(findReplacement(query({ bookings }))).toMatchObject({
      coach: 'dee',
      choice: { rule: 'fair_share', pair: ['ben', 'dee'], calls: [0, 0] },
    });
    // Weight 2 halves Cy's standing: two calls for a weight of 2 stand as one for 1; then the coach booked least recently.
    const even = [
      call(START + DAY_MS, ['cy', 'maya'], NOW - 2 * HOUR_MS),
      call(START + 2 * DAY_MS, ['cy', 'maya'], NOW - 2 * HOUR_MS),
      call(START + 3 * DAY_MS, ['dee', 'maya'], NOW - 3 * HOUR_MS),
    ];
    expect(findReplacement(query({ bookings: even, weights: { cy: 2 } }))).toMatchObject({
      coach: 'dee',
      choice: { rule: 'booked_least_recently', calls: [0, 1] },
    });
    expect(findReplacement(query({ bookings: even }))).toMatchObject({ coach: 'dee', choice: { rule: 'fair_share' } });
  });

  it('a coach who is not free then is never chosen: another call within the buffer, a busy time, a full day', () => {
    expect(findReplacement(query({ bookings: [call(START + 50 * MINUTE_MS, ['cy', 'dee'])] }))).toEqual({ ok: false });
    expect(findReplacement(query({ bookings: [call(START + 55 * MINUTE_MS, ['cy', 'dee'])] }))).toMatchObject({ coach: 'cy' });
    expect(findReplacement(query({ busy: { cy: [{ start: START + 30 * MINUTE_MS, end: START + HOUR_MS }] } }))).toMatchObject({
      coach: 'dee',
      choice: { rule: 'only_free_pair' },
    });
    const full = [call(START - 3 * HOUR_MS, ['cy', 'x']), call(START + 3 * HOUR_MS, ['cy', 'y'])];
    expect(findReplacement(query({ bookings: full, call: { maxPerCoachPerDay: 2 } }))).toMatchObject({ coach: 'dee' });
  });

  it('a coach at weight 0, outside every allowed pair with the one who stays, or refused a moment ago is never chosen', () => {
    expect(findReplacement(query({ weights: { cy: 0 } }))).toMatchObject({ coach: 'dee' });
    expect(
      findReplacement(
        query({
          pairs: [
            ['maya', 'ben'],
            ['ben', 'dee'],
            ['cy', 'maya'],
          ],
        }),
      ),
    ).toMatchObject({ coach: 'dee' });
    expect(findReplacement(query({ refused: ['cy'] }))).toMatchObject({ coach: 'dee' });
    expect(findReplacement(query({ refused: ['cy', 'dee'] }))).toEqual({ ok: false });
    // The one who stays keeps the call even at weight 0.
    expect(findReplacement(query({ weights: { ben: 0 } }))).toMatchObject({ coach: 'cy' });
  });

  it('the booking notice does not apply: the call was booked with notice, and is handed on up to its own notice', () => {
    expect(findReplacement(query({ now: START - 25 * HOUR_MS, call: { minNoticeHours: 48 } }))).toMatchObject({ coach: 'cy' });
    // A call further ahead than the horizon now reaches (the horizon shrank since) still finds its coach.
    expect(findReplacement(query({ call: { horizonDays: 3 } }))).toMatchObject({ coach: 'cy' });
  });

  it('no one else in the pool: nobody', () => {
    expect(findReplacement(query({ weights: { cy: 0, dee: 0 } }))).toEqual({ ok: false });
    expect(findReplacement(query({ leaving: 'nobody' }))).toEqual({ ok: false });
  });
});
