// The API's instants: what valibot's isoTimestamp lets through but Date.parse cannot read, or reads as another day.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { IsoInstant, isRealInstant } from '../../../core/instant.ts';

describe('an ISO instant', () => {
  it('accepts the forms the widget and API clients send', () => {
    for (const text of ['2026-12-01T15:00:00Z', '2026-12-01T15:00:00.000Z', '2026-12-01T10:00:00-05:00', '2028-02-29T10:00:00Z']) {
      expect(v.safeParse(IsoInstant, text).success, text).toBe(true);
    }
  });

  it('refuses what Date.parse cannot read and dates that do not exist, instead of a NaN or a rolled-over day', () => {
    for (const text of [
      '2026-12-01T15:00:00+05',
      '2026-12-01T15:00:00,5Z',
      '2026-02-30T10:00:00Z',
      '2026-04-31T10:00:00Z',
      '2027-02-29T10:00:00Z',
    ]) {
      expect(isRealInstant(text), text).toBe(false);
      expect(v.safeParse(IsoInstant, text).success, text).toBe(false);
    }
  });
});
