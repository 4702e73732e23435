// Interval arithmetic on half-open [start, end) ranges: the ground the slot engine stands on.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersect, normalize, subtract, type Interval } from '../../../core/interval.ts';

const i = (start: number, end: number): Interval => ({ start, end });

describe('normalize', () => {
  it('sorts, merges overlapping and touching intervals, and drops empty ones', () => {
    expect(normalize([i(5, 7), i(1, 3), i(3, 4), i(6, 9), i(10, 10), i(12, 11)])).toEqual([i(1, 4), i(5, 9)]);
  });

  it('does not change its input', () => {
    const input = [i(1, 3), i(2, 5)];
    normalize(input);
    expect(input).toEqual([i(1, 3), i(2, 5)]);
  });
});

describe('intersect and subtract', () => {
  it('intersect keeps what both lists cover', () => {
    expect(intersect([i(0, 10), i(20, 30)], [i(5, 25)])).toEqual([i(5, 10), i(20, 25)]);
    expect(intersect([i(0, 10)], [i(10, 20)])).toEqual([]);
  });

  it('subtract removes what the second list covers, leaving touching ends', () => {
    expect(subtract([i(0, 30)], [i(5, 10), i(20, 25)])).toEqual([i(0, 5), i(10, 20), i(25, 30)]);
    expect(subtract([i(0, 10), i(12, 20)], [i(8, 14)])).toEqual([i(0, 8), i(14, 20)]);
    expect(subtract([i(0, 10)], [i(0, 10)])).toEqual([]);
  });

  // Point-wise truth on a small integer line, as the reference.
  const list = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 })), { maxLength: 6 })
    .map((xs) => normalize(xs.map(([s, len]) => i(s, s + len))));
  const covers = (xs: Interval[], p: number) => xs.some((x) => x.start <= p && p < x.end);

  it('agree with point-wise set logic', () => {
    fc.assert(
      fc.property(list, list, (a, b) => {
        const both = intersect(a, b);
        const rest = subtract(a, b);
        for (let p = 0; p < 52; p++) {
          expect(covers(both, p)).toBe(covers(a, p) && covers(b, p));
          expect(covers(rest, p)).toBe(covers(a, p) && !covers(b, p));
        }
        expect(normalize(both)).toEqual(both);
      }),
    );
  });
});
