// When a webhook is tried again: the Standard Webhooks schedule, a receiver's Retry-After (seconds or a date) when longer.
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../../../core/time.ts';
import { retryAfterMs } from '../../../../server/webhooks/webhookRequest.ts';
import { nextAttemptDelay } from '../../../../server/webhooks/webhookSchedule.ts';

const NOW = Date.parse('2026-11-02T12:00:00Z');

describe('the retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h, then gives up', () => {
    expect(Array.from({ length: 10 }, (_, i) => nextAttemptDelay(i + 1))).toEqual([
      5 * SECOND_MS,
      5 * MINUTE_MS,
      30 * MINUTE_MS,
      2 * HOUR_MS,
      5 * HOUR_MS,
      10 * HOUR_MS,
      14 * HOUR_MS,
      20 * HOUR_MS,
      24 * HOUR_MS,
      undefined,
    ]);
  });

  it('honours a longer Retry-After, never a shorter one', () => {
    expect(nextAttemptDelay(1, 120 * SECOND_MS)).toBe(120 * SECOND_MS);
    expect(nextAttemptDelay(3, 60 * SECOND_MS)).toBe(30 * MINUTE_MS);
    expect(nextAttemptDelay(10, HOUR_MS)).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date, at most a day, and ignores what it cannot read', () => {
    const cases: [string | undefined, number | undefined][] = [
      ['120', 120 * SECOND_MS],
      [' 7 ', 7 * SECOND_MS],
      ['Mon, 02 Nov 2026 12:10:00 GMT', 10 * MINUTE_MS],
      ['Mon, 02 Nov 2026 11:00:00 GMT', 0],
      ['999999', 24 * HOUR_MS],
      ['soon', undefined],
      ['', undefined],
      [undefined, undefined],
    ];
    for (const [header, ms] of cases) expect(retryAfterMs(header, NOW), String(header)).toBe(ms);
  });
});
