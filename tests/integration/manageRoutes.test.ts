// Moving and cancelling from the duo's link, through app.request with a fixed clock and a real SQLite file.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, BookingCreated, ManagedBooking, Slot } from '../../core/api.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';
import { HOUR_MS } from '../../core/time.ts';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.close());

const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;
const humanBody = (start: string) => ({ ...bookingBody(start), meta: { honeypot: '', stamp: h.stamp() } });

interface Booked {
  id: string;
  token: string;
  start: string;
  created: BookingCreated;
}

async function book(start: string): Promise<Booked> {
  const res = await h.post('/api/bookings', humanBody(start));
  expect(res.status).toBe(201);
  const created = (await res.json()) as BookingCreated;
  return { id: created.booking.id, token: new URL(created.manageUrl).searchParams.get('token')!, start, created };
}

const reschedule = (b: Booked, start: string, token = b.token) => h.post(`/api/bookings/${b.id}/reschedule`, { token, start });
const cancel = (b: Booked, reason?: string, token = b.token) =>
  h.post(`/api/bookings/${b.id}/cancel`, { token, ...(reason === undefined ? {} : { reason }) });
const view = async (b: Booked) => (await (await h.request(`/api/bookings/${b.id}?token=${b.token}`)).json()) as ManagedBooking;
const starts = (slots: Slot[]) => slots.map((s) => s.start);

/** The outbox rows of a booking, oldest first. */
const mails = async (id: string): Promise<OutgoingMail[]> => (await h.store.outbox.ofBooking(id)).map((r) => r.message);

const icalLine = (ics: string, name: string) => new RegExp(`^${name}:(.*)\\r$`, 'm').exec(ics)?.[1];

// Tuesday 3 November 2026, 13:00 UTC: 08:00 in New York, 14:00 in Berlin, the first slot the test coaches share.
const FIRST = '2026-11-03T13:00:00.000Z';
const WEDNESDAY = '2026-11-04T14:00:00.000Z';
// The test config's two coaches: Maya (New York) holds Ada (New York), Jonas (Berlin) holds Grace (London).
const BOTH = [
  { id: 'maya', name: 'Maya Okafor', holds: 0 },
  { id: 'jonas', name: 'Jonas Weber', holds: 1 },
];

describe('the manage view', () => {
  it("shows both people's names and zones, the deadline and the practice, never emails or answers", async () => {
    const b = await book(FIRST);
    const res = await h.request(`/api/bookings/${b.id}?token=${b.token}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      booking: { id: b.id, start: FIRST, end: '2026-11-03T13:45:00.000Z', status: 'confirmed', coaches: BOTH },
      people: [
        { name: 'Ada Lovelace', timeZone: 'America/New_York', confirmed: true },
        { name: 'Grace Hopper', timeZone: 'Europe/London', confirmed: false },
      ],
      // website: where "book another time" leads (practice.website, baseUrl by default).
      practice: { name: 'WBT Coaching', email: 'coaching@example.org', website: 'http://localhost:8787' },
      call: { title: '2:2 Coaching discovery call', minutes: 45, cancelNoticeHours: 24 },
      canChange: true,
      changeUntil: '2026-11-02T13:00:00.000Z',
      you: 0,
    });
    expect(text).not.toMatch(/ada@example\.com|grace@|hiring|Decide together|Acme|maya@|jonas@/);
  });

  it('serves the manage page without changing anything, unindexed and with no referrer', async () => {
    const b = await book(FIRST);
    const before = { counts: await h.counts(), version: await h.store.version() };
    const page = await h.request(`/manage?id=${b.id}&token=${b.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-robots-tag')).toMatch(/^noindex/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    // Its one <style> is allowed by its hash; no other inline style is.
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const styleSrc = /style-src ([^;]*)/.exec(page.headers.get('content-security-policy')!)![1];
    expect(styleSrc).toBe(`'self' 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    expect(html).toContain('<script src="/embed.js" async data-duet data-duet-manage></script>');
    // Nothing from another origin: the token in the address could leak to it.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain(b.token);
    await h.request(`/api/bookings/${b.id}?token=${b.token}`);
    await h.request(`/api/bookings/${b.id}/availability?token=${b.token}`);
    expect({ counts: await h.counts(), version: await h.store.version() }).toEqual(before);
    expect((await view(b)).booking.status).toBe('confirmed');
  });
});

describe('rescheduling', () => {
  it('moves the call: 200 with the new times, the same UID, SEQUENCE 1 to all four, and the ICS link follows', async () => {
    const b = await book(FIRST);
    const res = await reschedule(b, WEDNESDAY);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const moved = (await res.json()) as ManagedBooking;
    expect(moved.booking).toEqual({ id: b.id, start: WEDNESDAY, end: '2026-11-04T14:45:00.000Z', status: 'confirmed', coaches: BOTH });
    expect(moved.changeUntil).toBe('2026-11-03T14:00:00.000Z');
    expect(await view(b)).toEqual(moved);

    const row = (await h.store.reads.booking(b.id))!;
    expect(row).toMatchObject({ sequence: 1, start: Date.parse(WEDNESDAY), status: 'confirmed' });
    const updates = (await mails(b.id)).slice(4);
    expect(updates.map((m) => m.to)).toEqual(['maya@example.org', 'jonas@example.org', 'ada@example.com', 'grace@example.com']);
    for (const m of updates) {
      const ics = m.icalEvent!.content;
      expect([
        m.icalEvent!.method,
        icalLine(ics, 'METHOD'),
        icalLine(ics, 'SEQUENCE'),
        icalLine(ics, 'UID'),
        icalLine(ics, 'DTSTART'),
      ]).toEqual(['REQUEST', 'REQUEST', '1', row.uid, '20261104T140000Z']);
      expect(m.subject).toMatch(/^Moved: /);
      expect(m.text).toContain('It was planned for');
    }
    // The mover's update carries their own private link, so they can move the call again; the other keeps theirs.
    expect(updates[2].text).toContain(b.created.manageUrl);
    expect(updates[3].text).not.toContain(b.created.manageUrl);
    expect(updates[3].text).toContain('Ada Lovelace moved your 2:2 Coaching discovery call with WBT Coaching to a new time.');

    // The duo's own calendar file is the same event as a PUBLISH copy (mailed invitations stay REQUEST).
    const ics = await (await h.request(`/api/bookings/${b.id}/invite.ics?token=${b.token}`)).text();
    expect([icalLine(ics, 'METHOD'), icalLine(ics, 'SEQUENCE'), icalLine(ics, 'DTSTART'), icalLine(ics, 'UID')]).toEqual([
      'PUBLISH',
      '1',
      '20261104T140000Z',
      row.uid,
    ]);
  });

  it('offers the freed time again at once and takes the new one off the list', async () => {
    const b = await book(FIRST);
    expect(starts(await h.slots())).not.toContain(FIRST);
    expect(starts(await h.slots())).toContain(WEDNESDAY);
    expect((await reschedule(b, WEDNESDAY)).status).toBe(200);
    const after = starts(await h.slots());
    expect(after).toContain(FIRST);
    expect(after).not.toContain(WEDNESDAY);
  });

  it('may move the call next to its own time: the call never conflicts with itself', async () => {
    const b = await book(FIRST);
    const quarterPast = '2026-11-03T13:15:00.000Z';
    // For anyone else 13:15 sits inside this call's buffer.
    expect(starts(await h.slots())).not.toContain(quarterPast);
    const own = await h.request(`/api/bookings/${b.id}/availability?token=${b.token}`);
    expect(own.status).toBe(200);
    const ownStarts = starts(((await own.json()) as { slots: Slot[] }).slots);
    expect(ownStarts.slice(0, 2)).toEqual([quarterPast, '2026-11-03T13:30:00.000Z']);
    expect(ownStarts).not.toContain(FIRST);
    const res = await reschedule(b, quarterPast);
    expect(res.status).toBe(200);
    expect(((await res.json()) as ManagedBooking).booking.start).toBe(quarterPast);
  });

  it('answers 409 slot_unavailable for a time another call holds, off the grid or out of hours, and changes nothing', async () => {
    const b = await book(FIRST);
    const other = await book('2026-11-03T14:00:00.000Z');
    for (const start of [
      '2026-11-03T14:00:00.000Z',
      '2026-11-03T14:30:00.000Z',
      WEDNESDAY.replace('14:00', '14:05'),
      '2026-11-07T14:00:00.000Z',
    ]) {
      const res = await reschedule(b, start);
      expect(res.status, start).toBe(409);
      expect(await errorOf(res)).toEqual({ code: 'slot_unavailable', message: 'this time is no longer free: please choose another' });
    }
    expect((await view(b)).booking.start).toBe(FIRST);
    expect((await view(other)).booking.start).toBe('2026-11-03T14:00:00.000Z');
    expect((await h.counts()).outbox).toBe(8);
  });

  it('refuses the time the call already has', async () => {
    const b = await book(FIRST);
    const res = await reschedule(b, FIRST);
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues).toEqual([{ path: 'start', message: 'the call is already at this time: choose another' }]);
  });

  it('lets a call move within a full day: the cap counts the other live calls only', async () => {
    h.close();
    h = harness({ config: testConfig({ call: { maxPerCoachPerDay: 1 } }) });
    const b = await book(FIRST);
    expect(starts(await h.slots()).filter((s) => s.startsWith('2026-11-03'))).toEqual([]);
    expect((await reschedule(b, '2026-11-03T15:00:00.000Z')).status).toBe(200);
    expect((await cancel(b)).status).toBe(200);
    expect(starts(await h.slots())).toContain(FIRST);
  });
});

describe('cancelling', () => {
  it('cancels: 200, CANCEL with STATUS:CANCELLED and SEQUENCE 1 to all four, the reason to the coaches only', async () => {
    const b = await book(FIRST);
    const res = await cancel(b, 'We found a coach closer to home.');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const done = (await res.json()) as ManagedBooking;
    expect(done.booking.status).toBe('cancelled');
    expect(done.canChange).toBe(false);

    const updates = (await mails(b.id)).slice(4);
    expect(updates.map((m) => m.to)).toEqual(['maya@example.org', 'jonas@example.org', 'ada@example.com', 'grace@example.com']);
    const uid = icalLine((await mails(b.id))[0].icalEvent!.content, 'UID');
    for (const m of updates) {
      const ics = m.icalEvent!.content;
      expect([
        m.icalEvent!.method,
        icalLine(ics, 'METHOD'),
        icalLine(ics, 'STATUS'),
        icalLine(ics, 'SEQUENCE'),
        icalLine(ics, 'UID'),
      ]).toEqual(['CANCEL', 'CANCEL', 'CANCELLED', '1', uid]);
      expect(m.subject).toMatch(/^Cancelled: /);
    }
    expect(updates[0].text).toContain('We found a coach closer to home.');
    expect(updates[2].text).not.toContain('closer to home');

    const ics = await (await h.request(`/api/bookings/${b.id}/invite.ics?token=${b.token}`)).text();
    expect([icalLine(ics, 'METHOD'), icalLine(ics, 'STATUS'), icalLine(ics, 'SEQUENCE')]).toEqual(['PUBLISH', 'CANCELLED', '1']);
    expect(starts(await h.slots())).toContain(FIRST);
  });

  it('answers 409 already_cancelled to a second cancel and to a reschedule, and sends nothing more', async () => {
    const b = await book(FIRST);
    expect((await cancel(b)).status).toBe(200);
    const again = await cancel(b);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).code).toBe('already_cancelled');
    const move = await reschedule(b, WEDNESDAY);
    expect(move.status).toBe(409);
    expect((await errorOf(move)).code).toBe('already_cancelled');
    expect((await h.counts()).outbox).toBe(8);
    expect((await h.request(`/api/bookings/${b.id}/availability?token=${b.token}`)).status).toBe(409);
  });

  it('a moved then cancelled call ends with SEQUENCE 2', async () => {
    const b = await book(FIRST);
    expect((await reschedule(b, WEDNESDAY)).status).toBe(200);
    expect((await cancel(b)).status).toBe(200);
    const last = (await mails(b.id)).slice(8);
    expect(last.map((m) => [m.icalEvent!.method, m.sequence])).toEqual(Array(4).fill(['CANCEL', 2]));
    expect(icalLine(last[0].icalEvent!.content, 'DTSTART')).toBe('20261104T140000Z');
  });
});

describe('the 24-hour rule', () => {
  it('still allows a change exactly 24 hours before the call', async () => {
    const a = await book(FIRST);
    const b = await book(WEDNESDAY);
    h.setNow(Date.parse(FIRST) - 24 * HOUR_MS);
    expect((await view(a)).canChange).toBe(true);
    expect((await cancel(a)).status).toBe(200);
    h.setNow(Date.parse(WEDNESDAY) - 24 * HOUR_MS);
    expect((await reschedule(b, '2026-11-05T14:00:00.000Z')).status).toBe(200);
  });

  it('answers 409 too_late a millisecond later, for both changes, and says whom to write to', async () => {
    const b = await book(FIRST);
    h.setNow(Date.parse(FIRST) - 24 * HOUR_MS + 1);
    for (const res of [await cancel(b), await reschedule(b, WEDNESDAY)]) {
      expect(res.status).toBe(409);
      expect(await errorOf(res)).toEqual({
        code: 'too_late',
        message: 'calls can be changed online until 24 hours before they start: please write to coaching@example.org',
      });
    }
    const v = await view(b);
    expect([v.canChange, v.booking.status]).toEqual([false, 'confirmed']);
    expect((await h.counts()).outbox).toBe(4);
  });
});

describe('tokens and bodies', () => {
  it('answers a wrong token exactly like an unknown id, and changes nothing', async () => {
    const b = await book(FIRST);
    const answers = [
      await cancel(b, undefined, 'A'.repeat(43)),
      await h.post('/api/bookings/nope/cancel', { token: b.token }),
      await reschedule(b, WEDNESDAY, 'A'.repeat(43)),
      await h.post('/api/bookings/nope/reschedule', { token: b.token, start: WEDNESDAY }),
      await h.request(`/api/bookings/${b.id}/availability?token=${'A'.repeat(43)}`),
      await h.request(`/api/bookings/${b.id}/availability`),
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    const bodies = new Set(await Promise.all(answers.map((r) => r.text())));
    expect([...bodies]).toEqual(['{"error":{"code":"not_found","message":"no such booking"}}']);
    expect((await view(b)).booking).toMatchObject({ start: FIRST, status: 'confirmed' });
    expect((await h.counts()).outbox).toBe(4);
  });

  it('answers 422 with the path of every wrong field', async () => {
    const b = await book(FIRST);
    const res = await h.post(`/api/bookings/${b.id}/reschedule`, { token: 7, start: 'next Tuesday' });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).issues!.map((i) => i.path).sort()).toEqual(['start', 'token']);
    const long = await cancel(b, 'x'.repeat(2001));
    expect(long.status).toBe(422);
    expect((await errorOf(long)).issues).toEqual([{ path: 'reason', message: 'use at most 2000 characters' }]);
    // NUL, BEL, ESC and DEL would reach the coaches' mail.
    for (const reason of ['Ill\u0000', 'Ill\u0007', '\u001b[2JIll', 'Ill\u007f']) {
      const controlled = await cancel(b, reason);
      expect(controlled.status).toBe(422);
      expect((await errorOf(controlled)).issues).toEqual([
        { path: 'reason', message: 'remove the hidden special characters from this answer' },
      ]);
    }
    const text = await h.request(`/api/bookings/${b.id}/cancel`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
  });

  it('answers 422 for a start Date.parse cannot read or a date that does not exist, and changes nothing', async () => {
    const b = await book(FIRST);
    for (const start of ['2026-11-04T14:00:00+05', '2026-11-31T14:00:00Z']) {
      const res = await reschedule(b, start);
      expect(res.status, start).toBe(422);
      expect((await errorOf(res)).issues!.map((i) => i.path)).toEqual(['start']);
    }
    expect((await view(b)).booking.start).toBe(FIRST);
  });

  it("takes changes from the server's own page even when its origin is not listed, and refuses other sites", async () => {
    h.close();
    h = harness({ config: testConfig({ practice: { baseUrl: 'https://book.example.org', allowedOrigins: ['https://www.example.org'] } }) });
    const b = await book(FIRST);
    const foreign = await h.post(`/api/bookings/${b.id}/cancel`, { token: b.token }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const own = await h.post(`/api/bookings/${b.id}/cancel`, { token: b.token }, { origin: 'https://book.example.org' });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe('https://book.example.org');
  });

  it('logs ids and codes, never the token, names or the reason', async () => {
    const b = await book(FIRST);
    await reschedule(b, WEDNESDAY);
    await cancel(b, 'Private reason');
    await cancel(b, undefined, 'wrong-token');
    const logged = JSON.stringify(h.logs);
    expect(logged).toContain('"event":"rescheduled"');
    expect(logged).toContain('"event":"cancelled"');
    expect(logged).not.toMatch(new RegExp(`${b.token}|wrong-token|Ada|Grace|Private reason|@example`));
  });

  it('limits changes per client address like bookings', async () => {
    h.close();
    h = harness({ rateLimit: { capacity: 2, refillPerMinute: 1 } });
    const b = await book(FIRST);
    expect((await cancel(b, undefined, 'x')).status).toBe(404);
    expect((await cancel(b, undefined, 'x')).status).toBe(404);
    const limited = await cancel(b);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
  });
});

/** Person two's own link, from their invitation (the 201 answer holds person one's only). */
async function partnerLink(b: Booked): Promise<string> {
  const invitation = (await mails(b.id)).find((m) => m.to === 'grace@example.com')!;
  const link = /http:\/\/localhost:8787\/manage\?id=[\w-]+&token=[\w-]+/.exec(invitation.text)?.[0];
  expect(link).toBeDefined();
  return link!;
}

describe('a link for each person', () => {
  it("gives person two a token of their own, which opens the call in their view and is not person one's", async () => {
    const b = await book(FIRST);
    const link = await partnerLink(b);
    const token = new URL(link).searchParams.get('token')!;
    expect(token).not.toBe(b.token);
    expect((await mails(b.id)).find((m) => m.to === 'ada@example.com')!.text).not.toContain(token);
    for (const m of (await mails(b.id)).slice(0, 2)) expect(m.text + m.html + m.icalEvent!.content).not.toContain(token);
    expect((await view(b)).you).toBe(0);
    expect((await view({ ...b, token })).you).toBe(1);
    expect((await h.request(`/api/bookings/${b.id}/invite.ics?token=${token}`)).status).toBe(200);
  });

  it("attributes a move and a cancel through person two's link to them, in all four copies", async () => {
    const b = await book(FIRST);
    const token = new URL(await partnerLink(b)).searchParams.get('token')!;
    const moved = await reschedule(b, WEDNESDAY, token);
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as ManagedBooking).you).toBe(1);
    const [maya, jonas, ada, grace] = (await mails(b.id)).slice(4);
    expect(maya.text).toContain(
      'Grace Hopper moved the 2:2 Coaching discovery call of Ada Lovelace & Grace Hopper with you and Jonas Weber to a new time.',
    );
    expect(jonas.text).toContain(
      'Grace Hopper moved the 2:2 Coaching discovery call of Ada Lovelace & Grace Hopper with you and Maya Okafor to a new time.',
    );
    expect(ada.text).toContain('Grace Hopper moved your 2:2 Coaching discovery call with WBT Coaching to a new time.');
    expect(grace.text).toContain('You moved your 2:2 Coaching discovery call with WBT Coaching to a new time.');
    expect(grace.text).toContain(token);
    expect(ada.text).not.toContain(token);

    expect((await cancel(b, 'Away that week.', token)).status).toBe(200);
    const cancelled = (await mails(b.id)).slice(8);
    expect(cancelled[0].text).toContain(
      'Grace Hopper cancelled the 2:2 Coaching discovery call of Ada Lovelace & Grace Hopper with you and Jonas Weber.',
    );
    expect(cancelled[0].text).toContain('Grace Hopper’s reason:');
    expect(cancelled[2].text).toContain('Grace Hopper cancelled your 2:2 Coaching discovery call with WBT Coaching.');
    expect(cancelled[3].text).toContain('You cancelled your 2:2 Coaching discovery call with WBT Coaching.');
  });

  it("refuses a token that is neither person's with the same 404", async () => {
    const b = await book(FIRST);
    const res = await reschedule(b, WEDNESDAY, b.token.slice(0, -2) + 'xx');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('not_found');
  });
});
