// The quiet bot check: the honeypot and the server's form stamp, its signature, its age and the fill time it proves.
import { describe, expect, it } from 'vitest';
import { botVerdict } from '../../../../server/booking/botCheck.ts';
import { formStamps, STAMP_TTL_MS } from '../../../../server/booking/formStamp.ts';

const NOW = Date.parse('2026-11-02T12:00:00Z');
const stamps = formStamps(Buffer.alloc(32, 7));
const issued = (msAgo: number) => stamps.issue(NOW - msAgo);

describe('the bot check', () => {
  it('lets a person through who left the honeypot empty and took their time since the form was stamped', () => {
    expect(botVerdict({ honeypot: '', stamp: issued(95_000) }, NOW, stamps)).toEqual({ bot: false });
  });

  it('turns away a filled honeypot', () => {
    expect(botVerdict({ honeypot: 'http://spam.example', stamp: issued(60_000) }, NOW, stamps)).toEqual({ bot: true, reason: 'honeypot' });
  });

  it('turns away a booking without a stamp, whatever openedAt it claims', () => {
    expect(botVerdict({ honeypot: '' }, NOW, stamps)).toEqual({ bot: true, reason: 'stamp_missing' });
    expect(botVerdict({ honeypot: '', openedAt: '2026-11-02T11:00:00.000Z' }, NOW, stamps)).toEqual({ bot: true, reason: 'stamp_missing' });
  });

  it('turns away a stamp signed with another key, or altered to look older', () => {
    const other = formStamps(Buffer.alloc(32, 8)).issue(NOW - 60_000);
    expect(botVerdict({ honeypot: '', stamp: other }, NOW, stamps)).toEqual({ bot: true, reason: 'stamp_forged' });
    const [v, , sig] = issued(1_000).split('.');
    const backdated = `${v}.${(NOW - 60_000).toString(36)}.${sig}`;
    expect(botVerdict({ honeypot: '', stamp: backdated }, NOW, stamps)).toEqual({ bot: true, reason: 'stamp_forged' });
    expect(botVerdict({ honeypot: '', stamp: 'v1.zz.zz' }, NOW, stamps)).toEqual({ bot: true, reason: 'stamp_forged' });
  });

  it('honours a stamp for 24 hours, reused as often as the form needs, and not a millisecond longer', () => {
    const stamp = issued(STAMP_TTL_MS);
    expect(botVerdict({ honeypot: '', stamp }, NOW, stamps)).toEqual({ bot: false });
    expect(botVerdict({ honeypot: '', stamp }, NOW, stamps)).toEqual({ bot: false });
    expect(botVerdict({ honeypot: '', stamp }, NOW + 1, stamps)).toEqual({ bot: true, reason: 'stamp_expired' });
  });

  it('turns away a form sent within three seconds of its stamp', () => {
    expect(botVerdict({ honeypot: '', stamp: issued(1_000) }, NOW, stamps)).toEqual({ bot: true, reason: 'too_fast' });
    expect(botVerdict({ honeypot: '', stamp: issued(0) }, NOW, stamps)).toEqual({ bot: true, reason: 'too_fast' });
    expect(botVerdict({ honeypot: '', stamp: issued(2_999) }, NOW, stamps)).toEqual({ bot: true, reason: 'too_fast' });
    expect(botVerdict({ honeypot: '', stamp: issued(3_000) }, NOW, stamps)).toEqual({ bot: false });
  });

  it('gives a stamp from a server clock that has since stepped back the benefit of the doubt', () => {
    expect(botVerdict({ honeypot: '', stamp: issued(-1_500) }, NOW, stamps)).toEqual({ bot: true, reason: 'too_fast' });
    expect(botVerdict({ honeypot: '', stamp: issued(-10 * 60_000) }, NOW, stamps)).toEqual({ bot: false });
  });
});
