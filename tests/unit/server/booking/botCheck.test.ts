import { describe, expect, it } from 'vitest';
import { botVerdict } from '../../../../server/booking/botCheck.ts';

const NOW = Date.parse('2026-11-02T12:00:00Z');
const opened = (msAgo: number) => new Date(NOW - msAgo).toISOString();

describe('the bot check', () => {
  it('lets a person through who left the honeypot empty and took their time', () => {
    expect(botVerdict({ honeypot: '', openedAt: opened(95_000) }, NOW)).toEqual({ bot: false });
    expect(botVerdict({ honeypot: '' }, NOW)).toEqual({ bot: false });
  });

  it('turns away a filled honeypot', () => {
    expect(botVerdict({ honeypot: 'http://spam.example', openedAt: opened(60_000) }, NOW)).toEqual({ bot: true, reason: 'honeypot' });
  });

  it('turns away a form sent within three seconds of opening, even from a clock a little ahead', () => {
    expect(botVerdict({ honeypot: '', openedAt: opened(1_000) }, NOW)).toEqual({ bot: true, reason: 'too_fast' });
    expect(botVerdict({ honeypot: '', openedAt: opened(0) }, NOW)).toEqual({ bot: true, reason: 'too_fast' });
    expect(botVerdict({ honeypot: '', openedAt: opened(-1_500) }, NOW)).toEqual({ bot: true, reason: 'too_fast' });
    expect(botVerdict({ honeypot: '', openedAt: opened(3_000) }, NOW)).toEqual({ bot: false });
  });

  it('gives a visitor whose clock is far ahead the benefit of the doubt', () => {
    expect(botVerdict({ honeypot: '', openedAt: opened(-10 * 60_000) }, NOW)).toEqual({ bot: false });
  });
});
