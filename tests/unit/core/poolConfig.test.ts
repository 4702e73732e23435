// The pool in the config file: two or more coaches, optional pairs and weights, each mistake named by its path.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../../core/config.ts';
import { toFieldIssues } from '../../../core/issues.ts';
import { allowedPairs, newCallPool } from '../../../core/pool.ts';

const coach = (id: string, extra: object = {}) => ({
  id,
  name: `Coach ${id}`,
  email: `${id}@example.org`,
  timeZone: 'Europe/Berlin',
  hours: { mon: ['09:00-17:00'] },
  ...extra,
});

const config = (coaches: object[], pairs?: unknown) => ({
  practice: { name: 'WBT', email: 'coaching@example.org', timeZone: 'America/New_York', baseUrl: 'http://localhost:8787' },
  call: {},
  coaches,
  ...(pairs === undefined ? {} : { pairs }),
});

const parse = (input: unknown) => {
  const result = v.safeParse(ConfigSchema, input);
  return result.success ? { config: result.output, issues: [] } : { config: undefined, issues: toFieldIssues(result.issues) };
};

const four = () => [coach('ana'), coach('ben'), coach('cy'), coach('dee')];

describe('a pool of coaches', () => {
  it('takes four coaches, each at weight 1 unless set, and any two may coach together', () => {
    const { config: c, issues } = parse(config(four()));
    expect(issues).toEqual([]);
    expect(c!.coaches.map((x) => x.weight)).toEqual([1, 1, 1, 1]);
    expect(c!.pairs).toBeUndefined();
    expect(allowedPairs(newCallPool(c!))).toEqual([
      ['ana', 'ben'],
      ['ana', 'cy'],
      ['ana', 'dee'],
      ['ben', 'cy'],
      ['ben', 'dee'],
      ['cy', 'dee'],
    ]);
  });

  it('the example pool shipped with Duet is accepted: four coaches, one of them at half weight', () => {
    const example = JSON.parse(readFileSync(new URL('../../../examples/pool.config.json', import.meta.url), 'utf8'));
    const { config: c, issues } = parse(example);
    expect(issues).toEqual([]);
    expect(c!.coaches.map((x) => [x.id, x.weight])).toEqual([
      ['maya', 1],
      ['jonas', 1],
      ['amara', 1],
      ['daniel', 0.5],
    ]);
  });

  it('with two coaches, the one pair is the two of them, as before the pool', () => {
    const { config: c } = parse(config([coach('ana'), coach('ben')]));
    expect(allowedPairs(newCallPool(c!))).toEqual([['ana', 'ben']]);
  });

  it('limits who coaches together to the listed pairs, each in config order', () => {
    const { config: c, issues } = parse(
      config(four(), [
        ['cy', 'ana'],
        ['ben', 'dee'],
      ]),
    );
    expect(issues).toEqual([]);
    expect(allowedPairs(newCallPool(c!))).toEqual([
      ['ana', 'cy'],
      ['ben', 'dee'],
    ]);
  });

  it('a coach at weight 0 takes no new calls: they and their pairs leave the pool for new bookings', () => {
    const { config: c } = parse(
      config(
        [coach('ana'), coach('ben', { weight: 0 }), coach('cy', { weight: 0.5 })],
        [
          ['ana', 'ben'],
          ['ana', 'cy'],
        ],
      ),
    );
    expect(c!.coaches.map((x) => x.weight)).toEqual([1, 0, 0.5]);
    expect(newCallPool(c!).coaches.map((x) => x.id)).toEqual(['ana', 'cy']);
    expect(allowedPairs(newCallPool(c!))).toEqual([['ana', 'cy']]);
  });
});

describe('a pool the practice got wrong', () => {
  it.each([
    ['one coach', config([coach('ana')]), [{ path: 'coaches', message: 'a discovery call needs at least two coaches' }]],
    [
      'a pair with an unknown coach',
      config(four(), [
        ['ana', 'ben'],
        ['ana', 'zed'],
      ]),
      [{ path: 'pairs.1.1', message: 'no coach has the id "zed"' }],
    ],
    [
      'a pair of two unknown coaches',
      config(four(), [['yan', 'zed']]),
      [
        { path: 'pairs.0.0', message: 'no coach has the id "yan"' },
        { path: 'pairs.0.1', message: 'no coach has the id "zed"' },
      ],
    ],
    [
      'a coach paired with themselves',
      config(four(), [
        ['ana', 'ben'],
        ['cy', 'cy'],
      ]),
      [{ path: 'pairs.1', message: 'a pair needs two different coaches' }],
    ],
    [
      'the same pair twice',
      config(four(), [
        ['ana', 'ben'],
        ['cy', 'dee'],
        ['ana', 'ben'],
      ]),
      [{ path: 'pairs.2', message: 'the same pair as pairs.0' }],
    ],
    [
      'the same pair twice, the other way round',
      config(four(), [
        ['ana', 'ben'],
        ['ben', 'ana'],
      ]),
      [{ path: 'pairs.1', message: 'the same pair as pairs.0' }],
    ],
    [
      'an empty list of pairs',
      config(four(), []),
      [{ path: 'pairs', message: 'list at least one pair, or leave pairs out so that any two coaches may coach together' }],
    ],
    ['a pair of three', config(four(), [['ana', 'ben', 'cy']]), [{ path: 'pairs.0.2', message: expect.any(String) }]],
    [
      'a negative weight',
      config([coach('ana', { weight: -1 }), coach('ben')]),
      [{ path: 'coaches.0.weight', message: expect.any(String) }],
    ],
    [
      'a weight that is not a number',
      config([coach('ana'), coach('ben', { weight: 'half' })]),
      [{ path: 'coaches.1.weight', message: expect.any(String) }],
    ],
  ])('refuses %s, by its path', (_, input, expected) => {
    expect(parse(input).issues).toEqual(expected);
  });

  it('reports a wrong pair alongside other mistakes, not instead of them', () => {
    const input: any = config(four(), [['ana', 'zed']]);
    input.coaches[2].timeZone = 'Mars/Base';
    expect(parse(input).issues.map((i) => i.path)).toEqual(['coaches.2.timeZone', 'pairs.0.1']);
  });
});
