// What a failed delivery means for the outbox, from the errors nodemailer really throws; and the SMTP timeouts.
import { describe, expect, it } from 'vitest';
import { deliveryFailure } from '../../../../server/mail/deliveryError.ts';
import { SMTP_TIMEOUTS } from '../../../../server/mail/mailTransport.ts';

describe('a failed delivery', () => {
  it.each([
    ['550 at RCPT (no such user)', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO' }, true, 'EENVELOPE 550'],
    ['554 after DATA (refused as spam)', { code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, true, 'EMESSAGE 554'],
    [
      'a recipient refused within an accepted message',
      { code: 'EENVELOPE', rejectedErrors: [{ responseCode: 553, command: 'RCPT TO' }] },
      true,
      'EENVELOPE 553',
    ],
    ['451 after DATA (try later)', { code: 'EMESSAGE', responseCode: 451, command: 'DATA' }, false, 'EMESSAGE 451'],
    ['452 at RCPT (mailbox full for now)', { code: 'EENVELOPE', responseCode: 452, command: 'RCPT TO' }, false, 'EENVELOPE 452'],
    ['535 at AUTH (our password, to fix and retry)', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }, false, 'EAUTH 535'],
    ['a refused connection', { code: 'ESOCKET' }, false, 'ESOCKET'],
    ['a timeout', { code: 'ETIMEDOUT' }, false, 'ETIMEDOUT'],
    ['a full disk under the file outbox', Object.assign(new Error('no space'), { code: 'ENOSPC' }), false, 'ENOSPC'],
    ['something without a code', new Error('odd: ada@example.com'), false, 'error'],
  ])('%s', (_, error, permanent, code) => {
    expect(deliveryFailure(error)).toEqual({ permanent, code });
  });

  it("never keeps the server's words, which may quote the address", () => {
    expect(deliveryFailure({ code: '550 ada@example.com unknown', responseCode: 550, command: 'RCPT TO' }).code).toBe('error 550');
  });
});

describe('the SMTP timeouts', () => {
  it("are explicit and between 10 and 30 seconds, not nodemailer's minutes", () => {
    for (const ms of Object.values(SMTP_TIMEOUTS)) {
      expect(ms).toBeGreaterThanOrEqual(10_000);
      expect(ms).toBeLessThanOrEqual(30_000);
    }
    expect(Object.keys(SMTP_TIMEOUTS).sort()).toEqual(['connectionTimeout', 'greetingTimeout', 'socketTimeout']);
  });
});
