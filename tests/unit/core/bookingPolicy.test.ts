// The notice rules at booking, moving and cancelling time.
import { describe, expect, it } from 'vitest';
import { canChange, checkNotice, checkSlot } from '../../../core/bookingPolicy.ts';
import { at, call, query, span } from '../../support/slotFixtures.ts';

const now = at('2026-12-07T14:00:00Z');

describe('booking a call', () => {
  it('a call exactly 24 hours away may be booked; a minute sooner is too late', () => {
    expect(checkNotice(at('2026-12-08T14:00:00Z'), now, call())).toEqual({ ok: true });
    expect(checkNotice(at('2026-12-08T13:59:00Z'), now, call())).toEqual({ ok: false, code: 'too_late' });
  });

  it.each([
    ['a slot on offer', '2026-12-08T14:00:00Z', { ok: true }],
    ['a slot inside the notice', '2026-12-08T13:45:00Z', { ok: false, code: 'too_late' }],
    ['a time in the past', '2026-12-01T14:00:00Z', { ok: false, code: 'too_late' }],
    ['a time off the grid', '2026-12-08T14:20:00Z', { ok: false, code: 'slot_unavailable' }],
    ["a time outside the coaches' hours", '2026-12-08T18:00:00Z', { ok: false, code: 'slot_unavailable' }],
    ["a time inside a booking's buffer", '2026-12-08T15:45:00Z', { ok: false, code: 'slot_unavailable' }],
    ['a time past the horizon', '2027-01-05T14:00:00Z', { ok: false, code: 'slot_unavailable' }],
    ['no time at all', 'not a date', { ok: false, code: 'slot_unavailable' }],
  ])('%s (%s)', (_, start, verdict) => {
    const q = query({ now, bookings: [span('2026-12-08T15:00:00Z', '2026-12-08T15:45:00Z')] });
    expect(checkSlot(at(start), q)).toEqual(verdict);
  });
});

describe('moving or cancelling a call', () => {
  const start = at('2026-12-10T15:00:00Z');

  it('is allowed until exactly the cancellation notice before the call', () => {
    expect(canChange(start, at('2026-12-09T15:00:00Z'), call())).toBe(true);
    expect(canChange(start, at('2026-12-09T15:00:01Z'), call())).toBe(false);
  });

  it('follows the configured notice', () => {
    expect(canChange(start, at('2026-12-10T13:00:00Z'), call({ cancelNoticeHours: 2 }))).toBe(true);
    expect(canChange(start, at('2026-12-10T13:30:00Z'), call({ cancelNoticeHours: 2 }))).toBe(false);
  });
});
