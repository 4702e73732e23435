// Who holds whom: the coach whose zone is nearest a person's (UTC offsets at the call) holds that person.
import { describe, expect, it } from 'vitest';
import { whoHolds } from '../../../core/holding.ts';
import { at } from '../../support/slotFixtures.ts';

const WINTER = at('2026-12-08T15:00:00Z');
const SUMMER = at('2026-07-07T15:00:00Z');

describe('each coach holds the person in the nearest zone', () => {
  it.each([
    [
      'New York and Berlin coaches, New York then London people',
      ['America/New_York', 'Europe/Berlin'],
      ['America/New_York', 'Europe/London'],
      [0, 1],
    ],
    ['the same, the people the other way round', ['America/New_York', 'Europe/Berlin'], ['Europe/London', 'America/New_York'], [1, 0]],
    [
      'Tokyo and Chicago coaches, a Denver person and one in Osaka (Asia/Tokyo)',
      ['Asia/Tokyo', 'America/Chicago'],
      ['America/Denver', 'Asia/Tokyo'],
      [1, 0],
    ],
    [
      'both people in one zone: config order, coach one holds person one',
      ['Europe/Berlin', 'America/New_York'],
      ['Europe/Paris', 'Europe/Paris'],
      [0, 1],
    ],
    ['both coaches in one zone: config order', ['Europe/Berlin', 'Europe/Berlin'], ['America/New_York', 'Asia/Tokyo'], [0, 1]],
    // London (0) and New York (−5) are both nearer Berlin (+1) than Tokyo (+9): London is nearest of all, so Berlin
    // holds London and Tokyo holds New York.
    [
      'both people nearer one coach: the nearest of all is matched first',
      ['Asia/Tokyo', 'Europe/Berlin'],
      ['Europe/London', 'America/New_York'],
      [1, 0],
    ],
    ['half-hour zones count exactly', ['Asia/Kolkata', 'Asia/Kathmandu'], ['Asia/Kathmandu', 'Asia/Kolkata'], [1, 0]],
  ] as const)('%s', (_, coaches, people, holds) => {
    expect(whoHolds(coaches, people, WINTER)).toEqual(holds);
  });

  it('reads the offsets at the call: a Phoenix person is nearest Denver in winter and Los Angeles in summer', () => {
    // Phoenix is −7 all year; Denver −7 in winter, −6 in summer; Los Angeles −8 in winter, −7 in summer.
    const coaches = ['America/Los_Angeles', 'America/Denver'] as const;
    const people = ['America/Phoenix', 'Europe/London'] as const;
    expect(whoHolds(coaches, people, WINTER)).toEqual([1, 0]);
    expect(whoHolds(coaches, people, SUMMER)).toEqual([0, 1]);
  });
});
