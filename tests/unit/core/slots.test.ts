// The slot engine's rules as a user would state them, each with the exact instants it must give.
import { describe, expect, it } from 'vitest';
import { findSlots, isOffered } from '../../../core/slots.ts';
import { at, berlin, call, coach, newYork, query, span, starts, startsEvery } from '../../support/slotFixtures.ts';

// Tuesday 8 December 2026: New York 09:00–17:00 EST is 14:00–22:00Z, Berlin 09:00–18:00 CET is
// 08:00–17:00Z, so the pair shares 14:00–17:00Z and a 45-minute call can start 14:00Z..16:15Z.
const TUESDAY = { from: at('2026-12-08T00:00:00Z'), to: at('2026-12-09T00:00:00Z') };
const TUESDAY_SLOTS = startsEvery('2026-12-08T14:00:00Z', '2026-12-08T16:15:00Z');

describe('both coaches, each in their own zone', () => {
  it('offers only the hours the New York and Berlin coaches share', () => {
    expect(starts(findSlots(query(TUESDAY)))).toEqual(TUESDAY_SLOTS);
  });

  it('gives each slot the call length', () => {
    const [first] = findSlots(query(TUESDAY));
    expect(first).toEqual(span('2026-12-08T14:00:00Z', '2026-12-08T14:45:00Z'));
  });

  it("a Berlin coach's day off removes that day for the pair", () => {
    const q = query({ coaches: [newYork(), berlin([{ date: '2026-12-08', hours: [] }])] });
    expect(findSlots({ ...q, ...TUESDAY })).toEqual([]);
    expect(starts(findSlots({ ...q, from: at('2026-12-09T00:00:00Z'), to: at('2026-12-10T00:00:00Z') }))).toEqual(
      startsEvery('2026-12-09T14:00:00Z', '2026-12-09T16:15:00Z'),
    );
  });

  it("different hours on one date replace that weekday's hours", () => {
    // Berlin works 16:00–20:00 CET (15:00–19:00Z) that Tuesday; New York still ends at 22:00Z.
    const q = query({ ...TUESDAY, coaches: [newYork(), berlin([{ date: '2026-12-08', hours: ['16:00-20:00'] }])] });
    expect(starts(findSlots(q))).toEqual(startsEvery('2026-12-08T15:00:00Z', '2026-12-08T18:15:00Z'));
  });

  it('extra hours on a weekend date open that date', () => {
    const saturday = { from: at('2026-12-12T00:00:00Z'), to: at('2026-12-13T00:00:00Z') };
    expect(findSlots(query(saturday))).toEqual([]);
    const q = query({
      ...saturday,
      coaches: [newYork([{ date: '2026-12-12', hours: ['10:00-11:00'] }]), berlin([{ date: '2026-12-12', hours: ['09:00-22:00'] }])],
    });
    expect(starts(findSlots(q))).toEqual(['2026-12-12T15:00:00Z', '2026-12-12T15:15:00Z']);
  });

  it('an exception on a date that does not exist changes no other day', () => {
    const q = query({ ...TUESDAY, coaches: [newYork([{ date: '2026-11-38', hours: [] }]), berlin()] });
    expect(starts(findSlots(q))).toEqual(TUESDAY_SLOTS);
  });

  it('reads several ranges a day, and a call fits only inside one of them', () => {
    const a = coach('coach-a', 'America/New_York', { tue: ['09:00-10:00', '11:00-11:30'] });
    const q = query({ ...TUESDAY, coaches: [a, berlin()] });
    expect(starts(findSlots(q))).toEqual(['2026-12-08T14:00:00Z', '2026-12-08T14:15:00Z']);
  });

  it('lets a call run across ranges that touch', () => {
    const a = coach('coach-a', 'America/New_York', { tue: ['09:00-09:30', '09:30-10:00'] });
    const q = query({ ...TUESDAY, coaches: [a, berlin()] });
    expect(starts(findSlots(q))).toEqual(['2026-12-08T14:00:00Z', '2026-12-08T14:15:00Z']);
  });
});

describe('the step grid', () => {
  it("is aligned in the practice's zone, not in UTC", () => {
    // Kolkata is UTC+05:30: its whole hours fall at half past in UTC.
    const q = query({ ...TUESDAY, practiceTimeZone: 'Asia/Kolkata', call: call({ stepMinutes: 60 }) });
    expect(starts(findSlots(q))).toEqual(['2026-12-08T14:30:00Z', '2026-12-08T15:30:00Z']);
  });

  it('never offers a start between grid lines, even after a busy interval ends off the grid', () => {
    const q = query({ ...TUESDAY, busy: { 'coach-b': [span('2026-12-08T13:00:00Z', '2026-12-08T14:07:00Z')] } });
    expect(starts(findSlots(q))[0]).toBe('2026-12-08T14:30:00Z');
  });
});

describe('bookings, busy times and the buffer', () => {
  it("a slot never starts inside a coach's buffer", () => {
    // A booking 15:00–15:45Z blocks 14:50–15:55Z with the 10-minute buffer.
    const q = query({ ...TUESDAY, bookings: [span('2026-12-08T15:00:00Z', '2026-12-08T15:45:00Z')] });
    expect(starts(findSlots(q))).toEqual(['2026-12-08T14:00:00Z', '2026-12-08T16:00:00Z', '2026-12-08T16:15:00Z']);
  });

  it("a busy event in either coach's calendar blocks the pair, with the buffer around it", () => {
    const busy = { 'coach-a': [span('2026-12-08T14:30:00Z', '2026-12-08T15:00:00Z')] };
    const q = query({ ...TUESDAY, busy });
    expect(starts(findSlots(q))).toEqual(startsEvery('2026-12-08T15:15:00Z', '2026-12-08T16:15:00Z'));
    const other = query({ ...TUESDAY, busy: { 'coach-b': busy['coach-a'] } });
    expect(findSlots(other)).toEqual(findSlots(q));
  });

  it("ignores busy intervals of people who are not this call's coaches", () => {
    const q = query({ ...TUESDAY, busy: { 'coach-z': [span('2026-12-08T00:00:00Z', '2026-12-09T00:00:00Z')] } });
    expect(starts(findSlots(q))).toEqual(TUESDAY_SLOTS);
  });

  it('with no buffer, a call may start the minute another ends', () => {
    const q = query({ ...TUESDAY, call: call({ bufferMinutes: 0 }), bookings: [span('2026-12-08T14:00:00Z', '2026-12-08T16:00:00Z')] });
    expect(starts(findSlots(q))).toEqual(['2026-12-08T16:00:00Z', '2026-12-08T16:15:00Z']);
  });
});

describe('minimum notice and horizon', () => {
  it('offers nothing before now + notice and nothing from now + horizon on', () => {
    // Now is Monday 7 December 15:10Z: the earliest start is Tuesday 15:10Z, the last before Wednesday 15:10Z.
    const q = query({ now: at('2026-12-07T15:10:00Z'), call: call({ horizonDays: 2 }) });
    expect(starts(findSlots(q))).toEqual([
      ...startsEvery('2026-12-08T15:15:00Z', '2026-12-08T16:15:00Z'),
      ...startsEvery('2026-12-09T14:00:00Z', '2026-12-09T15:00:00Z'),
    ]);
  });

  it('a start exactly at now + notice is offered', () => {
    const q = query({ now: at('2026-12-07T14:00:00Z'), to: at('2026-12-08T14:01:00Z') });
    expect(starts(findSlots(q))).toEqual(['2026-12-08T14:00:00Z']);
  });

  it('a start exactly at now + horizon is not offered; the one a step before it is', () => {
    // Now is Monday 7 December 14:30Z with a two-day horizon: Wednesday's 14:30Z is the first start too far.
    const q = query({ now: at('2026-12-07T14:30:00Z'), call: call({ horizonDays: 2 }), from: at('2026-12-09T00:00:00Z') });
    expect(starts(findSlots(q))).toEqual(['2026-12-09T14:00:00Z', '2026-12-09T14:15:00Z']);
    expect([isOffered(at('2026-12-09T14:15:00Z'), q), isOffered(at('2026-12-09T14:30:00Z'), q)]).toEqual([true, false]);
  });

  it('from and to narrow the window but never widen it', () => {
    const q = query({ now: at('2026-12-07T15:10:00Z'), from: at('2026-12-08T00:00:00Z'), to: at('2026-12-08T15:31:00Z') });
    expect(starts(findSlots(q))).toEqual(['2026-12-08T15:15:00Z', '2026-12-08T15:30:00Z']);
  });

  it('a reversed range offers nothing', () => {
    expect(findSlots(query({ from: TUESDAY.to, to: TUESDAY.from }))).toEqual([]);
  });
});

describe('the per-coach daily cap', () => {
  // 04:30Z on Wednesday 9 December is still Tuesday 23:30 in New York but Wednesday 05:30 in Berlin.
  const lateNight = span('2026-12-09T04:30:00Z', '2026-12-09T05:15:00Z');
  const threeDays = { from: at('2026-12-08T00:00:00Z'), to: at('2026-12-11T00:00:00Z') };

  it("counts a call on each coach's own local day", () => {
    const q = query({ ...threeDays, call: call({ maxPerCoachPerDay: 1 }), bookings: [lateNight] });
    const days = new Set(starts(findSlots(q)).map((s) => s.slice(0, 10)));
    // Tuesday is full for New York, Wednesday for Berlin; Thursday is open for both.
    expect([...days]).toEqual(['2026-12-10']);
  });

  it('offers the day until the cap is reached', () => {
    const q = query({ ...threeDays, call: call({ maxPerCoachPerDay: 2 }), bookings: [lateNight] });
    expect(new Set(starts(findSlots(q)).map((s) => s.slice(0, 10)))).toEqual(new Set(['2026-12-08', '2026-12-09', '2026-12-10']));
  });

  it('without a cap, a busy day stays open around its calls', () => {
    const bookings = [span('2026-12-08T14:00:00Z', '2026-12-08T14:45:00Z')];
    const q = query({ ...TUESDAY, bookings });
    expect(starts(findSlots(q))).toEqual(startsEvery('2026-12-08T15:00:00Z', '2026-12-08T16:15:00Z'));
  });
});

describe('isOffered, the re-check at booking time', () => {
  const q = query({ call: call({ maxPerCoachPerDay: 1 }) });

  it.each([
    ['a slot on offer', '2026-12-08T14:00:00Z', [], true],
    ['a time off the grid', '2026-12-08T14:05:00Z', [], false],
    ['a time outside the shared hours', '2026-12-08T13:45:00Z', [], false],
    ['a call that would overrun the shared hours', '2026-12-08T16:30:00Z', [], false],
    ['a time inside the buffer of a booking', '2026-12-08T16:15:00Z', ['2026-12-08T15:00:00Z'], false],
    ['a day over the cap', '2026-12-08T16:15:00Z', ['2026-12-08T14:00:00Z'], false],
    ['a time inside the minimum notice', '2026-12-01T14:00:00Z', [], false],
    ['a time past the horizon', '2026-12-29T14:00:00Z', [], false],
    ['not a time at all', 'garbage', [], false],
  ] as const)('%s: %s → %s', (_, start, bookingStarts, expected) => {
    const bookings = bookingStarts.map((b) => ({ start: at(b), end: at(b) + 45 * 60_000 }));
    expect(isOffered(at(start), { ...q, bookings })).toBe(expected);
  });

  it('agrees with findSlots on every slot of a month', () => {
    const slots = findSlots(q);
    expect(slots.length).toBeGreaterThan(100);
    for (const s of slots) expect(isOffered(s.start, q)).toBe(true);
  });
});
