import { describe, expect, it } from 'vitest';
import { tokenBuckets } from '../../../../server/http/rateLimit.ts';

describe('the per-client token bucket', () => {
  it('lets a burst through, then refuses with the seconds until the next token', () => {
    let now = 0;
    const buckets = tokenBuckets({ capacity: 3, refillPerMinute: 2 }, () => now);
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, true]);
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 30 });
    now = 10_000;
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    now = 30_000;
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a').ok).toBe(false);
  });

  it("keeps one client's bucket apart from another's", () => {
    const buckets = tokenBuckets({ capacity: 1, refillPerMinute: 1 }, () => 0);
    expect(buckets.take('a').ok).toBe(true);
    expect(buckets.take('a').ok).toBe(false);
    expect(buckets.take('b').ok).toBe(true);
  });

  it('never refills beyond the burst, however long a client stays away', () => {
    let now = 0;
    const buckets = tokenBuckets({ capacity: 2, refillPerMinute: 60 }, () => now);
    buckets.take('a');
    now = 86_400_000;
    expect([1, 2, 3].map(() => buckets.take('a').ok)).toEqual([true, true, false]);
  });

  it('forgets idle clients rather than growing without bound', () => {
    let now = 0;
    const buckets = tokenBuckets({ capacity: 1, refillPerMinute: 60, maxClients: 100 }, () => now);
    for (let i = 0; i < 1000; i++) {
      now += 10;
      buckets.take(`client-${i}`);
    }
    expect(buckets.size).toBeLessThanOrEqual(100);
  });

  it('refuses nonsense options when built', () => {
    expect(() => tokenBuckets({ capacity: 0, refillPerMinute: 1 }, () => 0)).toThrow();
    expect(() => tokenBuckets({ capacity: 1, refillPerMinute: 0 }, () => 0)).toThrow();
  });
});
