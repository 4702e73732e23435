// Each coach's fair share of the calls on the administrators' page: two seats per call, shared out by weight.
import { describe, expect, it } from 'vitest';
import { fairShares } from '../../../core/fairShare.ts';

const coach = (id: string, weight?: number) => ({
  id,
  name: id,
  email: `${id}@example.org`,
  timeZone: 'UTC',
  hours: {},
  exceptions: [],
  busyFeeds: [],
  weight,
});

describe('fair shares', () => {
  it('three calls among three equal coaches: six seats, two each', () => {
    expect(
      fairShares(
        [coach('a'), coach('b'), coach('c')],
        [
          ['a', 'b'],
          ['a', 'c'],
          ['a', 'b'],
        ],
      ),
    ).toEqual([
      { id: 'a', weight: 1, calls: 3, share: 2 },
      { id: 'b', weight: 1, calls: 2, share: 2 },
      { id: 'c', weight: 1, calls: 1, share: 2 },
    ]);
  });

  it('a weight of 0.5 is half a share, 0 none; a coach who left the configuration takes no seat', () => {
    expect(
      fairShares(
        [coach('a'), coach('b', 0.5), coach('c', 0)],
        [
          ['a', 'b'],
          ['a', 'gone'],
          ['b', 'c'],
          ['a', 'b'],
        ],
      ),
    ).toEqual([
      { id: 'a', weight: 1, calls: 3, share: 7 / 1.5 },
      { id: 'b', weight: 0.5, calls: 3, share: 3.5 / 1.5 },
      { id: 'c', weight: 0, calls: 1, share: 0 },
    ]);
  });

  it("no calls: nothing is anyone's share", () => {
    expect(fairShares([coach('a'), coach('b')], []).map((s) => s.share)).toEqual([0, 0]);
  });
});
