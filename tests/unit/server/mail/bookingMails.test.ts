// What each of the four people receives: their own time, the coaches' confidential intake, the duo's link and etiquette.
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { bookingMails } from '../../../../server/mail/bookingMails.ts';
import { reminderMails } from '../../../../server/mail/reminderMails.ts';
import type { OutgoingMail } from '../../../../server/mail/outgoingMail.ts';
import { escapeHtml } from '../../../../server/mail/mailBody.ts';
import { toNodemailer } from '../../../../server/mail/mailTransport.ts';
import { ANSWERS, booking, bookedAt, config, intake, manageUrl, moved, movedAt } from '../../../support/mailFixtures.ts';

const COACHES = ['maya@example.org', 'jonas@example.org'];
const DUO = ['ada@example.com', 'grace@example.com'];

const request = () =>
  bookingMails({ config, booking, intake: intake(), method: 'REQUEST', manageUrls: [manageUrl, manageUrl], now: bookedAt });
const to = (mails: OutgoingMail[], email: string) => mails.find((m) => m.to === email)!;
const everything = (m: OutgoingMail) => `${m.subject}\n${m.text}\n${m.html}\n${m.icalEvent?.content ?? ''}`;

/** The message as it would go over the wire, parsed back. */
async function wire(m: OutgoingMail) {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const raw = (await transporter.sendMail(toNodemailer(m))).message as Buffer;
  return { raw: raw.toString('utf8'), parsed: await simpleParser(raw) };
}

describe('the invitation mails of a new booking', () => {
  it('go one per recipient: both coaches, then both people, from the practice mailbox', () => {
    const mails = request();
    expect(mails.map((m) => m.to)).toEqual([...COACHES, ...DUO]);
    for (const m of mails) expect(m.from).toEqual({ name: 'WBT Coaching', address: 'coaching@example.org' });
    expect(mails.map((m) => m.subject)).toEqual([
      'Invitation: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)',
      'Invitation: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)',
      'Invitation: 2:2 Coaching discovery call with WBT Coaching',
      'Invitation: 2:2 Coaching discovery call with WBT Coaching',
    ]);
  });

  it('show each person the time in their own zone first', () => {
    const mails = request();
    const when = (email: string) => /^When \(your time\): (.*)$/m.exec(to(mails, email).text)?.[1];
    expect(when('maya@example.org')).toBe('Tuesday, 1 December 2026, 10:00–10:45 New York time (GMT-5)');
    expect(when('jonas@example.org')).toBe('Tuesday, 1 December 2026, 16:00–16:45 Berlin time (GMT+1)');
    expect(when('ada@example.com')).toBe('Tuesday, 1 December 2026, 10:00–10:45 New York time (GMT-5)');
    expect(when('grace@example.com')).toBe('Tuesday, 1 December 2026, 15:00–15:45 London time (GMT+0)');
    expect(to(mails, 'maya@example.org').html).toContain('Tuesday, 1 December 2026, 10:00–10:45 New York time (GMT-5)');
  });

  it('give the coaches the whole intake in text and HTML', () => {
    for (const email of COACHES) {
      const m = to(request(), email);
      for (const answer of ANSWERS) {
        expect(m.text).toContain(answer);
        expect(m.html).toContain(escapeHtml(answer));
      }
      expect(m.text).toContain('Person two: Grace Hopper <grace@example.com>, COO (Europe/London)');
    }
  });

  it('give the duo the manage link and the etiquette, and never an answer', () => {
    for (const email of DUO) {
      const m = to(request(), email);
      expect(m.text).toContain(manageUrl);
      expect(m.html).toContain(`href="${escapeHtml(manageUrl)}"`);
      expect(m.text).toContain('- Turn off notifications during the call.');
      expect(m.text).toContain('- Give yourselves a 10-minute buffer on either end of the call, in order to be fully present.');
      for (const answer of ANSWERS) expect(everything(m)).not.toContain(answer);
    }
  });

  it('tell the duo the notice the practice configured, the same in the etiquette as beside the link', () => {
    const strict = { ...config, call: { ...config.call, cancelNoticeHours: 48 } };
    const invite = to(
      bookingMails({ config: strict, booking, intake: intake(), method: 'REQUEST', manageUrls: [manageUrl, manageUrl], now: bookedAt }),
      DUO[0],
    );
    const reminder = to(reminderMails({ config: strict, booking, intake: intake(), now: bookedAt }), DUO[0]);
    for (const m of [invite, reminder]) {
      expect(m.text).toContain('- Please give 48 hours’ notice to cancel or reschedule.');
      expect(m.text).not.toContain('24 hours');
    }
    expect(invite.text).toContain('To reschedule or cancel (until 48 hours before the call)');
    expect(invite.icalEvent!.content.replace(/\r\n[ \t]/g, '')).toContain('Please give 48 hours’ notice to cancel or reschedule.');
    expect(to(request(), DUO[0]).text).toContain('- Please give 24 hours’ notice to cancel or reschedule.');
  });

  it('escape every piece of user text in the HTML body', () => {
    const nasty = intake({
      partnership: {
        relationship: 'co-founders',
        relationshipOther: '',
        organization: 'A&B <i>Co</i>',
        context: '<script>alert(1)</script>\n"quoted" & \'single\'',
      },
      focus: { areas: ['trust'], other: '', hopes: '<img src=x onerror=alert(1)>' },
    });
    const html = bookingMails({ config, booking, intake: nasty, method: 'REQUEST', manageUrls: [manageUrl, manageUrl], now: bookedAt })[0]
      .html;
    expect(html).not.toMatch(/<script|<img|<i>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<br>\n&quot;quoted&quot; &amp; &#39;single&#39;');
    expect(html).toContain('A&amp;B &lt;i&gt;Co&lt;/i&gt;');
  });

  it('have Message-IDs fixed per booking, method, sequence and recipient', () => {
    const ids = request().map((m) => m.messageId);
    expect(request().map((m) => m.messageId)).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^<bk_golden\.request\.0\.[0-9a-f]{16}@localhost>$/);
    const movedIds = bookingMails({ config, booking: moved, intake: intake(), method: 'REQUEST', now: movedAt }).map((m) => m.messageId);
    const cancelIds = bookingMails({ config, booking: { ...moved, sequence: 2 }, intake: intake(), method: 'CANCEL', now: movedAt }).map(
      (m) => m.messageId,
    );
    expect(new Set([...ids, ...movedIds, ...cancelIds]).size).toBe(12);
  });

  it('travel as a real invitation: text, HTML and a text/calendar method=REQUEST alternative', async () => {
    const { raw, parsed } = await wire(to(request(), 'grace@example.com'));
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(parsed.messageId).toBe(to(request(), 'grace@example.com').messageId);
    expect(parsed.text).toContain('Hello Grace Hopper,');
    expect(parsed.html).toContain('<p style="margin:0 0 14px 0">Hello Grace Hopper,</p>');
  });
});

describe('a moved or cancelled call', () => {
  it('says where the call was and where it is now, in each person’s zone', () => {
    const mails = bookingMails({ config, booking: moved, intake: intake(), method: 'REQUEST', previous: booking, now: movedAt });
    const grace = to(mails, 'grace@example.com');
    expect(grace.subject).toBe('Moved: 2:2 Coaching discovery call with WBT Coaching');
    expect(grace.text).toContain('When (your time): Wednesday, 2 December 2026, 16:00–16:45 London time (GMT+0)');
    expect(grace.text).toContain('It was planned for Tuesday, 1 December 2026, 15:00–15:45 London time (GMT+0).');
  });

  it('tells the coaches the duo’s reason on a cancel, and the duo not even that', () => {
    const mails = bookingMails({
      config,
      booking: { ...moved, sequence: 2 },
      intake: intake(),
      method: 'CANCEL',
      reason: 'Grace is ill.',
      now: movedAt,
    });
    expect(mails.map((m) => m.subject)).toEqual([
      'Cancelled: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)',
      'Cancelled: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)',
      'Cancelled: 2:2 Coaching discovery call with WBT Coaching',
      'Cancelled: 2:2 Coaching discovery call with WBT Coaching',
    ]);
    expect(to(mails, 'jonas@example.org').text).toContain('  Grace is ill.');
    expect(to(mails, 'jonas@example.org').text).not.toContain('We disagree on hiring.');
    for (const email of DUO) expect(everything(to(mails, email))).not.toContain('Grace is ill.');
  });

  it('names who moved the call through their own link, in the coaches’ and the duo’s copies', () => {
    const own = 'http://localhost:8787/manage?id=bk_golden&token=graces';
    const mails = bookingMails({
      config,
      booking: moved,
      intake: intake(),
      method: 'REQUEST',
      previous: booking,
      actor: 1,
      manageUrls: [undefined, own],
      now: movedAt,
    });
    expect(to(mails, 'maya@example.org').text).toContain(
      'Grace Hopper moved the 2:2 Coaching discovery call of Ada Lovelace & Grace Hopper with you and Jonas Weber to a new time.',
    );
    expect(to(mails, 'jonas@example.org').text).toContain(
      'Grace Hopper moved the 2:2 Coaching discovery call of Ada Lovelace & Grace Hopper with you and Maya Okafor to a new time.',
    );
    expect(to(mails, 'ada@example.com').text).toContain(
      'Grace Hopper moved your 2:2 Coaching discovery call with WBT Coaching to a new time.',
    );
    expect(to(mails, 'grace@example.com').text).toContain('You moved your 2:2 Coaching discovery call with WBT Coaching to a new time.');
    // Each person's own link only: Grace's in hers, none (a pointer to the first invitation) in Ada's.
    expect(to(mails, 'grace@example.com').text).toContain(own);
    expect(to(mails, 'ada@example.com').text).not.toContain(own);
    expect(to(mails, 'ada@example.com').text).toContain('Your own link to reschedule or cancel is in your first invitation.');
    for (const m of mails.slice(0, 2)) expect(m.text).not.toContain(own);
  });

  it('names who cancelled, and labels the reason with their name for the coaches', () => {
    const mails = bookingMails({
      config,
      booking: { ...moved, sequence: 2 },
      intake: intake(),
      method: 'CANCEL',
      reason: 'I am ill.',
      actor: 0,
      now: movedAt,
    });
    expect(to(mails, 'jonas@example.org').text).toContain(
      'Ada Lovelace cancelled the 2:2 Coaching discovery call of Ada Lovelace & Grace Hopper with you and Maya Okafor.',
    );
    expect(to(mails, 'jonas@example.org').text).toContain('Ada Lovelace’s reason:');
    expect(to(mails, 'grace@example.com').text).toContain('Ada Lovelace cancelled your 2:2 Coaching discovery call with WBT Coaching.');
    expect(to(mails, 'ada@example.com').text).toContain('You cancelled your 2:2 Coaching discovery call with WBT Coaching.');
  });
});

describe('each person’s own link in the first invitation', () => {
  it('goes to that person only', () => {
    const [one, two] = ['http://x/manage?id=b&token=one', 'http://x/manage?id=b&token=two'];
    const mails = bookingMails({ config, booking, intake: intake(), method: 'REQUEST', manageUrls: [one, two], now: bookedAt });
    expect(to(mails, 'ada@example.com').text).toContain(one);
    expect(to(mails, 'ada@example.com').text).not.toContain(two);
    expect(to(mails, 'grace@example.com').text).toContain(two);
    expect(to(mails, 'grace@example.com').text).not.toContain(one);
    for (const c of COACHES) expect(everything(to(mails, c))).not.toMatch(/token=(one|two)/);
  });
});

describe('links in the mails', () => {
  it('make the video link a link in the HTML of the invitation and of the reminder', () => {
    for (const m of [...request(), ...reminderMails({ config, booking, intake: intake(), now: bookedAt })]) {
      expect(m.html, m.to).toContain(
        '<td style="padding:2px 0"><a href="https://meet.example.org/wbt">https://meet.example.org/wbt</a></td>',
      );
    }
  });

  it("send the duo to the practice's website to book another time after a cancel (baseUrl unless practice.website is set)", () => {
    const cancel = (c: typeof config) =>
      bookingMails({ config: c, booking: { ...moved, sequence: 2 }, intake: intake(), method: 'CANCEL', now: movedAt });
    expect(to(cancel(config), DUO[0]).text).toContain('To book another time:\nhttp://localhost:8787\n');
    const own = { ...config, practice: { ...config.practice, website: 'https://wbt.example.org/2x2' } };
    const mail = to(cancel(own), DUO[1]);
    expect(mail.text).toContain('To book another time:\nhttps://wbt.example.org/2x2\n');
    expect(mail.html).toContain('<a href="https://wbt.example.org/2x2">To book another time</a>');
  });
});

describe('the reminder', () => {
  const dayBefore = booking.start - 24 * 3_600_000;

  it('goes to all four as plain mail, with no calendar part and no answers', () => {
    const mails = reminderMails({ config, booking, intake: intake(), now: dayBefore });
    expect(mails.map((m) => m.to)).toEqual([...COACHES, ...DUO]);
    for (const m of mails) {
      expect(m.kind).toBe('reminder');
      expect(m.icalEvent).toBeUndefined();
      expect(m.messageId).toMatch(/^<bk_golden\.reminder\.0\./);
      for (const answer of ANSWERS) expect(everything(m)).not.toContain(answer);
    }
    expect(to(mails, 'jonas@example.org').text).toContain('When (your time): Tuesday, 1 December 2026, 16:00–16:45 Berlin time (GMT+1)');
    expect(to(mails, 'grace@example.com').text).toContain('It is too late to reschedule online now');
  });
});
