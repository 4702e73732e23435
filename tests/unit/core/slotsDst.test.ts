// DST: the pair's shared window moves when only one coach's clock changes, skipped local times are
// never offered, and a repeated hour gives distinct instants without duplicates.
import { describe, expect, it } from 'vitest';
import { findSlots } from '../../../core/slots.ts';
import { at, call, coach, query, starts, startsEvery } from '../../support/slotFixtures.ts';

const day = (date: string) => ({ from: at(`${date}T00:00:00Z`), to: at(`${date}T00:00:00Z`) + 86_400_000 });
const early = { now: at('2026-01-01T00:00:00Z'), call: call({ horizonDays: 366 }) };

describe('New York and Berlin across the spring changes', () => {
  it.each([
    // Both on standard time: 09:00 EST = 14:00Z; Berlin's 18:00 CET = 17:00Z.
    ['Friday 6 March, both on standard time', '2026-03-06', '14:00', '16:15'],
    // New York moved on 8 March (EDT, UTC−4), Berlin not yet: the window opens an hour earlier in UTC.
    ['Monday 9 March, only New York on summer time', '2026-03-09', '13:00', '16:15'],
    ['Friday 27 March, only New York on summer time', '2026-03-27', '13:00', '16:15'],
    // Berlin moved on 29 March (CEST, UTC+2): its 18:00 is now 16:00Z.
    ['Monday 30 March, both on summer time', '2026-03-30', '13:00', '15:15'],
  ])('%s: %s, %s..%s UTC', (_, date, first, last) => {
    const slots = findSlots(query({ ...early, ...day(date) }));
    expect(starts(slots)).toEqual(startsEvery(`${date}T${first}:00Z`, `${date}T${last}:00Z`));
  });
});

describe('New York and Berlin across the autumn changes', () => {
  it.each([
    ['Friday 23 October, both on summer time', '2026-10-23', '13:00', '15:15'],
    // Berlin fell back on 25 October, New York not until 1 November.
    ['Monday 26 October, only Berlin back on standard time', '2026-10-26', '13:00', '16:15'],
    ['Friday 30 October, only Berlin back on standard time', '2026-10-30', '13:00', '16:15'],
    ['Monday 2 November, both on standard time', '2026-11-02', '14:00', '16:15'],
  ])('%s: %s, %s..%s UTC', (_, date, first, last) => {
    const slots = findSlots(query({ ...early, ...day(date) }));
    expect(starts(slots)).toEqual(startsEvery(`${date}T${first}:00Z`, `${date}T${last}:00Z`));
  });
});

// A coach who is always free, so that the other coach's clock alone decides.
const anytime = coach(
  'coach-b',
  'UTC',
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']])),
);
const halfHours = call({ minutes: 30, stepMinutes: 30, bufferMinutes: 0, horizonDays: 366 });

describe('a skipped local hour (New York, Sunday 8 March 2026, 02:00 → 03:00)', () => {
  it('runs hours across the gap without inventing 02:00–03:00', () => {
    const a = coach('coach-a', 'America/New_York', { sun: ['01:00-04:00'] });
    const q = query({ ...early, call: halfHours, coaches: [a, anytime], ...day('2026-03-08') });
    // 01:00 and 01:30 EST, then 03:00 and 03:30 EDT: four half-hours, not six.
    expect(starts(findSlots(q))).toEqual(['2026-03-08T06:00:00Z', '2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z']);
  });

  it('hours that begin inside the skipped hour begin when the clock resumes', () => {
    const a = coach('coach-a', 'America/New_York', { sun: ['02:30-04:00'] });
    const q = query({ ...early, call: halfHours, coaches: [a, anytime], ...day('2026-03-08') });
    expect(starts(findSlots(q))).toEqual(['2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z']);
  });

  it('hours that lie wholly inside the skipped hour offer nothing', () => {
    const a = coach('coach-a', 'America/New_York', { sun: ['02:00-03:00'] });
    const q = query({ ...early, call: halfHours, coaches: [a, anytime], ...day('2026-03-08') });
    expect(findSlots(q)).toEqual([]);
  });

  it("the practice's grid skips the missing hour too", () => {
    const q = query({
      ...early,
      call: call({ minutes: 60, stepMinutes: 60, bufferMinutes: 0, horizonDays: 366 }),
      coaches: [anytime, { ...anytime, id: 'coach-c' }],
      from: at('2026-03-08T05:00:00Z'),
      to: at('2026-03-08T09:00:00Z'),
    });
    // Local 00:00 EST, 01:00 EST, 03:00 EDT, 04:00 EDT.
    expect(starts(findSlots(q))).toEqual(['2026-03-08T05:00:00Z', '2026-03-08T06:00:00Z', '2026-03-08T07:00:00Z', '2026-03-08T08:00:00Z']);
  });
});

describe('a grid step that does not divide the hour', () => {
  it("restarts at the clock's new reading after a skipped hour", () => {
    const q = query({
      ...early,
      call: call({ minutes: 30, stepMinutes: 45, bufferMinutes: 0, horizonDays: 366 }),
      coaches: [anytime, { ...anytime, id: 'coach-c' }],
      from: at('2026-03-08T05:00:00Z'),
      to: at('2026-03-08T08:00:00Z'),
    });
    // 00:00, 00:45, 01:30 EST; 02:15 does not exist, and 03:00 EDT is the next multiple of 45 minutes.
    expect(starts(findSlots(q))).toEqual([
      '2026-03-08T05:00:00Z',
      '2026-03-08T05:45:00Z',
      '2026-03-08T06:30:00Z',
      '2026-03-08T07:00:00Z',
      '2026-03-08T07:45:00Z',
    ]);
  });

  it("restarts at the clock's new reading after it falls back", () => {
    const q = query({
      ...early,
      call: call({ minutes: 30, stepMinutes: 45, bufferMinutes: 0, horizonDays: 366 }),
      coaches: [anytime, { ...anytime, id: 'coach-c' }],
      from: at('2026-11-01T04:00:00Z'),
      to: at('2026-11-01T08:00:00Z'),
    });
    // 00:00, 00:45, 01:30 EDT; then 01:00 EST again: 01:30 EST, 02:15 EST.
    expect(starts(findSlots(q))).toEqual([
      '2026-11-01T04:00:00Z',
      '2026-11-01T04:45:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:30:00Z',
      '2026-11-01T07:15:00Z',
    ]);
  });
});

describe('a repeated local hour (New York, Sunday 1 November 2026, 02:00 → 01:00)', () => {
  const hourly = call({ minutes: 60, stepMinutes: 60, bufferMinutes: 0, horizonDays: 366 });

  it("offers both one o'clocks once each, as two different instants", () => {
    const a = coach('coach-a', 'America/New_York', { sun: ['00:00-03:00'] });
    const q = query({ ...early, call: hourly, coaches: [a, anytime], ...day('2026-11-01') });
    // 00:00 EDT, 01:00 EDT, 01:00 EST, 02:00 EST: the wall clock reads 00:00–03:00 for four hours.
    expect(starts(findSlots(q))).toEqual(['2026-11-01T04:00:00Z', '2026-11-01T05:00:00Z', '2026-11-01T06:00:00Z', '2026-11-01T07:00:00Z']);
  });

  it('a range ending inside the repeated hour holds both of its occurrences', () => {
    const a = coach('coach-a', 'America/New_York', { sun: ['00:00-01:30'] });
    const q = query({ ...early, call: halfHours, coaches: [a, anytime], ...day('2026-11-01') });
    expect(starts(findSlots(q))).toEqual([
      '2026-11-01T04:00:00Z',
      '2026-11-01T04:30:00Z',
      '2026-11-01T05:00:00Z', // 00:00, 00:30, 01:00 EDT
      '2026-11-01T06:00:00Z', // 01:00 EST; 01:30 EST is past the range
    ]);
  });
});

describe("Lord Howe Island's half-hour change (Sunday 5 April 2026, 02:00 → 01:30)", () => {
  it('the practice grid is read on the local clock on both sides of the change', () => {
    const q = query({
      ...early,
      practiceTimeZone: 'Australia/Lord_Howe',
      call: call({ minutes: 30, stepMinutes: 60, bufferMinutes: 0, horizonDays: 366 }),
      coaches: [anytime, { ...anytime, id: 'coach-c' }],
      from: at('2026-04-04T12:00:00Z'),
      to: at('2026-04-04T17:00:00Z'),
    });
    // 23:00 and 00:00, 01:00 LHDT (UTC+11); then the clock falls back 30 minutes to +10:30: 02:00, 03:00 LHST.
    expect(starts(findSlots(q))).toEqual([
      '2026-04-04T12:00:00Z',
      '2026-04-04T13:00:00Z',
      '2026-04-04T14:00:00Z',
      '2026-04-04T15:30:00Z',
      '2026-04-04T16:30:00Z',
    ]);
  });
});
