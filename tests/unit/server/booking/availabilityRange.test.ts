// The canonical form of an availability range: clamped to notice and horizon, rounded up to the step grid of the
// practice's zone, checked against a minute-by-minute wall clock read through Intl.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridCeil, normalRange } from '../../../../server/booking/availabilityRange.ts';
import { WallClock } from '../../../support/slotOracle.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const at = (iso: string) => Date.parse(iso);
const CALL = { minNoticeHours: 24, horizonDays: 28, stepMinutes: 15 };

describe('rounding up to the step grid', () => {
  it('moves a time between two grid points to the next one, and leaves a grid point alone', () => {
    expect(gridCeil(at('2026-11-04T17:07:30Z'), 15 * MINUTE, 'America/New_York')).toBe(at('2026-11-04T17:15:00Z'));
    expect(gridCeil(at('2026-11-04T17:15:00Z'), 15 * MINUTE, 'America/New_York')).toBe(at('2026-11-04T17:15:00Z'));
    expect(gridCeil(at('2026-11-04T23:50:00Z'), 15 * MINUTE, 'UTC')).toBe(at('2026-11-05T00:00:00Z'));
  });

  it("follows a zone whose offset is not whole hours: Kathmandu's hourly grid falls at a quarter past in UTC", () => {
    expect(gridCeil(at('2026-11-04T10:00:00Z'), 60 * MINUTE, 'Asia/Kathmandu')).toBe(at('2026-11-04T10:15:00Z'));
  });

  it('keeps the time as it is when the zone changes its offset before the next grid point', () => {
    // New York springs forward at 07:00Z on 8 March 2026; local 01:50 with a 40-minute step would round to 02:00, which never happens.
    expect(gridCeil(at('2026-03-08T06:50:00Z'), 40 * MINUTE, 'America/New_York')).toBe(at('2026-03-08T06:50:00Z'));
  });

  it('never skips a grid point the slot engine could start a slot on', () => {
    const zones = ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Chatham', 'America/St_Johns'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 5, max: 240 }),
        fc.integer({ min: at('2026-01-01T00:00:00Z') / MINUTE, max: at('2027-01-01T00:00:00Z') / MINUTE }),
        fc.integer({ min: 0, max: 59 }),
        (zone, step, minute, second) => {
          const clock = new WallClock(zone);
          const t = minute * MINUTE + second * 1000;
          const up = gridCeil(t, step * MINUTE, zone);
          expect(up).toBeGreaterThanOrEqual(t);
          if (up !== t) expect(clock.at(up).minute % step).toBe(0);
          for (let m = Math.ceil(t / MINUTE) * MINUTE; m < up; m += MINUTE)
            expect(clock.at(m).minute % step, new Date(m).toISOString()).not.toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the canonical range', () => {
  const now = at('2026-11-02T12:03:20Z');

  it('starts at the minimum notice and ends at the horizon, each on the grid', () => {
    expect(normalRange({ from: now, to: now + 28 * 24 * HOUR }, now, CALL, 'America/New_York')).toEqual({
      empty: false,
      from: at('2026-11-03T12:15:00Z'),
      to: at('2026-11-30T12:15:00Z'),
    });
  });

  it('is the same for questions that cut between the same grid points, or are asked later within the same step', () => {
    const a = normalRange({ from: at('2026-11-05T09:01:00Z'), to: at('2026-11-06T10:59:00Z') }, now, CALL, 'America/New_York');
    const b = normalRange(
      { from: at('2026-11-05T09:14:59Z'), to: at('2026-11-06T10:46:00Z') },
      now + 10 * MINUTE,
      CALL,
      'America/New_York',
    );
    expect(a).toEqual({ empty: false, from: at('2026-11-05T09:15:00Z'), to: at('2026-11-06T11:00:00Z') });
    expect(b).toEqual(a);
  });

  it('is empty when nothing of the range lies between notice and horizon', () => {
    expect(normalRange({ from: now - 10 * HOUR, to: now + 10 * HOUR }, now, CALL, 'America/New_York')).toEqual({ empty: true });
    expect(normalRange({ from: now + 30 * 24 * HOUR, to: now + 31 * 24 * HOUR }, now, CALL, 'America/New_York')).toEqual({ empty: true });
  });
});
