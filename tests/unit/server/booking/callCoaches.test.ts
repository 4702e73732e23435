// The server's questions to the pool engine: a new call leaves out coaches at weight 0; a move asks only the call's own pair.
import { describe, expect, it } from 'vitest';
import { allowedPairs } from '../../../../core/pool.ts';
import { coachesView, newCallQuery, samePairQuery } from '../../../../server/booking/callCoaches.ts';
import { poolConfig } from '../../../support/poolFixtures.ts';

const NOW = Date.parse('2026-11-02T12:00:00Z');

describe('who may take a call', () => {
  it('a new call: every coach above weight 0, any two of them', () => {
    const q = newCallQuery(poolConfig({ weights: { ben: 0 } }), {}, NOW, []);
    expect(q.coaches.map((c) => c.id)).toEqual(['maya', 'cy', 'dee']);
    expect(allowedPairs(q)).toEqual([
      ['maya', 'cy'],
      ['maya', 'dee'],
      ['cy', 'dee'],
    ]);
  });

  it("a move: the call's own two, even when one of them is now at weight 0 (a move is not a new call)", () => {
    const q = samePairQuery(
      poolConfig({ weights: { ben: 0 } }),
      {},
      NOW,
      [
        { id: 'ben', holds: 1 },
        { id: 'maya', holds: 0 },
      ],
      [],
    );
    expect(q.coaches.map((c) => c.id)).toEqual(['maya', 'ben']);
    expect(allowedPairs(q)).toEqual([['maya', 'ben']]);
  });

  it('a move of a call whose coach has left the configuration: no pair, so no time is offered', () => {
    const q = samePairQuery(
      poolConfig(),
      {},
      NOW,
      [
        { id: 'maya', holds: 0 },
        { id: 'gone', holds: 1 },
      ],
      [],
    );
    expect(allowedPairs(q)).toEqual([]);
  });

  it("the duo sees each coach's id, name and whom they hold, never an address", () => {
    expect(
      coachesView(poolConfig(), [
        { id: 'cy', holds: 1 },
        { id: 'dee', holds: 0 },
      ]),
    ).toEqual([
      { id: 'cy', name: 'Cy Moreau', holds: 1 },
      { id: 'dee', name: 'Dee Shah', holds: 0 },
    ]);
  });
});
