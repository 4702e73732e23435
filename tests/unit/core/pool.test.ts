// The pool's rules as the practice would state them, each with the exact instants it must give.
import { describe, expect, it } from 'vitest';
import type { Coach } from '../../../core/config.ts';
import { freePairsAt, newCallPool, poolSlots, type PoolBooking, type PoolQuery } from '../../../core/pool.ts';
import { at, call, coach, span, starts, startsEvery } from '../../support/slotFixtures.ts';

const weekdays = (range: string[]): Coach['hours'] => ({ mon: range, tue: range, wed: range, thu: range, fri: range });

// Four coaches in Berlin, 09:00–18:00 CET (08:00–17:00Z) on weekdays: on Tuesday 8 December 2026 a 45-minute
// call can start 08:00Z..16:15Z.
const berliner = (id: string, extra: Partial<Coach> = {}): Coach => ({
  ...coach(id, 'Europe/Berlin', weekdays(['09:00-18:00'])),
  ...extra,
});
const four = () => ['ana', 'ben', 'cy', 'dee'].map((id) => berliner(id));
const TUESDAY = { from: at('2026-12-08T00:00:00Z'), to: at('2026-12-09T00:00:00Z') };
const ALL_TUESDAY = startsEvery('2026-12-08T08:00:00Z', '2026-12-08T16:15:00Z');

const pool = (overrides: Partial<PoolQuery> = {}): PoolQuery => ({
  call: call(),
  practiceTimeZone: 'Europe/Berlin',
  coaches: four(),
  now: at('2026-12-01T12:00:00Z'),
  bookings: [],
  ...TUESDAY,
  ...overrides,
});
const held = (start: string, end: string, ...coaches: string[]): PoolBooking => ({ ...span(start, end), coaches });

describe('a call holds its two coaches; the others stay free', () => {
  it('with four free coaches, a call at 10:00Z leaves that time on offer for the other two', () => {
    const q = pool({ bookings: [held('2026-12-08T10:00:00Z', '2026-12-08T10:45:00Z', 'ana', 'ben')] });
    expect(starts(poolSlots(q))).toEqual(ALL_TUESDAY);
    expect(freePairsAt(at('2026-12-08T10:00:00Z'), q)).toEqual([['cy', 'dee']]);
  });

  it('two calls at the same time take all four coaches, and that time and its buffers close', () => {
    const q = pool({
      bookings: [
        held('2026-12-08T10:00:00Z', '2026-12-08T10:45:00Z', 'ana', 'ben'),
        held('2026-12-08T10:00:00Z', '2026-12-08T10:45:00Z', 'cy', 'dee'),
      ],
    });
    // The last start whose call and 10-minute buffer end by 10:00Z is 09:05Z, off the grid: 09:00Z; the first after is 11:00Z.
    expect(starts(poolSlots(q))).toEqual([
      ...startsEvery('2026-12-08T08:00:00Z', '2026-12-08T09:00:00Z'),
      ...startsEvery('2026-12-08T11:00:00Z', '2026-12-08T16:15:00Z'),
    ]);
    expect(freePairsAt(at('2026-12-08T10:00:00Z'), q)).toEqual([]);
  });

  it('a time stays on offer while any two coaches are free, whichever two', () => {
    const q = pool({
      bookings: [
        held('2026-12-08T10:00:00Z', '2026-12-08T10:45:00Z', 'ana', 'ben'),
        held('2026-12-08T10:30:00Z', '2026-12-08T11:15:00Z', 'cy', 'dee'),
      ],
    });
    // 10:00–10:45 holds ana and ben, 10:30–11:15 cy and dee. A call at 09:30Z, with its 10-minute buffer, runs to
    // 10:25Z: too late for ana and ben, in time for cy and dee. At 11:00Z ana and ben are free again; at 11:30Z all four.
    expect(freePairsAt(at('2026-12-08T09:30:00Z'), q)).toEqual([['cy', 'dee']]);
    expect(freePairsAt(at('2026-12-08T09:45:00Z'), q)).toEqual([]);
    expect(freePairsAt(at('2026-12-08T11:00:00Z'), q)).toEqual([['ana', 'ben']]);
    expect(freePairsAt(at('2026-12-08T11:30:00Z'), q)).toEqual([
      ['ana', 'ben'],
      ['ana', 'cy'],
      ['ana', 'dee'],
      ['ben', 'cy'],
      ['ben', 'dee'],
      ['cy', 'dee'],
    ]);
    expect(starts(poolSlots(q))).toEqual([
      ...startsEvery('2026-12-08T08:00:00Z', '2026-12-08T09:30:00Z'),
      ...startsEvery('2026-12-08T11:00:00Z', '2026-12-08T16:15:00Z'),
    ]);
  });

  it("one coach's busy calendar holds only that coach", () => {
    const q = pool({ busy: { ana: [span('2026-12-08T08:00:00Z', '2026-12-08T17:00:00Z')] } });
    expect(starts(poolSlots(q))).toEqual(ALL_TUESDAY);
    expect(freePairsAt(at('2026-12-08T12:00:00Z'), q)).toEqual([
      ['ben', 'cy'],
      ['ben', 'dee'],
      ['cy', 'dee'],
    ]);
  });

  it('three coaches busy leave no pair, so nothing is offered', () => {
    const day = [span('2026-12-08T08:00:00Z', '2026-12-08T17:00:00Z')];
    expect(poolSlots(pool({ busy: { ana: day, ben: day, cy: day } }))).toEqual([]);
  });
});

describe('listed pairs', () => {
  it("only a listed pair may take the call: with ana and ben as the only pair, ana's call closes the time for all", () => {
    const q = pool({ pairs: [['ben', 'ana']], bookings: [held('2026-12-08T10:00:00Z', '2026-12-08T10:45:00Z', 'ana', 'cy')] });
    expect(freePairsAt(at('2026-12-08T10:00:00Z'), q)).toEqual([]);
    expect(freePairsAt(at('2026-12-08T12:00:00Z'), q)).toEqual([['ana', 'ben']]);
    expect(starts(poolSlots(q))).toEqual([
      ...startsEvery('2026-12-08T08:00:00Z', '2026-12-08T09:00:00Z'),
      ...startsEvery('2026-12-08T11:00:00Z', '2026-12-08T16:15:00Z'),
    ]);
  });

  it("each listed pair is read on its own two coaches' hours", () => {
    // ana works mornings, dee afternoons: the pairs ana+ben and cy+dee cover the day between them.
    const coaches = [
      berliner('ana', { hours: weekdays(['09:00-12:00']) }),
      berliner('ben'),
      berliner('cy'),
      berliner('dee', { hours: weekdays(['14:00-18:00']) }),
    ];
    const q = pool({
      coaches,
      pairs: [
        ['ana', 'ben'],
        ['cy', 'dee'],
      ],
    });
    expect(starts(poolSlots(q))).toEqual([
      ...startsEvery('2026-12-08T08:00:00Z', '2026-12-08T10:15:00Z'),
      ...startsEvery('2026-12-08T13:00:00Z', '2026-12-08T16:15:00Z'),
    ]);
    // Without the list, ana+dee never meet but ben+cy cover the whole day.
    expect(starts(poolSlots({ ...q, pairs: undefined }))).toEqual(ALL_TUESDAY);
  });
});

describe('weights and the daily cap, coach by coach', () => {
  it('a coach at weight 0 takes no new calls: with three of four at 0, nothing is offered', () => {
    const coaches = four().map((c, i) => ({ ...c, weight: i === 0 ? 1 : 0 }));
    expect(poolSlots(pool(newCallPool({ coaches })))).toEqual([]);
    const two = four().map((c, i) => ({ ...c, weight: i < 2 ? 1 : 0 }));
    expect(freePairsAt(at('2026-12-08T12:00:00Z'), pool(newCallPool({ coaches: two })))).toEqual([['ana', 'ben']]);
  });

  it("the cap counts each coach's own calls on their own local day", () => {
    // Cap 1: ana and ben had a call on Tuesday; cy and dee had none. Tuesday is still on offer (cy and dee), but
    // only cy and dee are free then.
    const q = pool({
      call: call({ maxPerCoachPerDay: 1 }),
      bookings: [held('2026-12-08T08:00:00Z', '2026-12-08T08:45:00Z', 'ana', 'ben')],
    });
    expect(freePairsAt(at('2026-12-08T14:00:00Z'), q)).toEqual([['cy', 'dee']]);
    const second = { ...q, bookings: [...q.bookings, held('2026-12-08T14:00:00Z', '2026-12-08T14:45:00Z', 'cy', 'dee')] };
    expect(poolSlots(second)).toEqual([]);
  });

  it("a Tokyo coach's day ends at 15:00Z: a call late on a Berlin Tuesday counts on the Tokyo Wednesday", () => {
    // ana in Tokyo works 00:00–24:00 every day; cap 1. Her call at 16:00Z on Tuesday 8 December is Wednesday 01:00 in
    // Tokyo, so she is free until 15:00Z (her Tuesday) and not after (her Wednesday is full). The same call fills
    // ben's Berlin Tuesday, so cy is her only partner.
    const tokyo = { ...coach('ana', 'Asia/Tokyo', { ...weekdays(['00:00-24:00']), sat: ['00:00-24:00'], sun: ['00:00-24:00'] }) };
    const q = pool({
      coaches: [tokyo, berliner('ben'), berliner('cy')],
      call: call({ maxPerCoachPerDay: 1 }),
      bookings: [held('2026-12-08T16:00:00Z', '2026-12-08T16:45:00Z', 'ana', 'ben')],
    });
    expect(freePairsAt(at('2026-12-08T14:45:00Z'), q)).toEqual([['ana', 'cy']]);
    expect(freePairsAt(at('2026-12-08T15:00:00Z'), q)).toEqual([]);
  });
});
