// What a signed-in coach and an administrator see at /coach: a coach's own calls (upcoming first, then the last
// 90 days) with both people's times, who holds whom, the intake and why this pair; every call and the fair shares
// for an administrator, never the answers; and no other coach's call by any id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../core/time.ts';
import { releaseDueHolds } from '../../server/booking/releaseHolds.ts';
import { coachHarness, NOW, type CoachHarness } from '../support/coachHarness.ts';
import { poolConfig } from '../support/poolFixtures.ts';

/** A card's or page's <dl> as [term, description] pairs. */
const terms = (el: Element) => [...el.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
const cards = (p: { doc: Document }, section: string) =>
  [...p.doc.querySelectorAll(`section[aria-labelledby=${section}] article h3 a`)].map((a) => a.textContent);

describe("the coaches' page", () => {
  let h: CoachHarness;
  let ids: Record<string, string>;
  beforeEach(async () => {
    h = coachHarness({ config: poolConfig({ practice: { admins: ['ops@example.org'] } }) });
    ids = {};
    // Long past (outside 90 days), recent past, and two to come; each booked a while before its time.
    h.setNow(Date.parse('2026-07-13T12:00:00Z'));
    ids.old = (await h.book('2026-07-20T15:00:00Z', 3)).booking.id;
    h.setNow(Date.parse('2026-10-05T12:00:00Z'));
    ids.recent = (await h.book('2026-10-13T15:00:00Z', 2)).booking.id;
    ids.earlier = (await h.book('2026-10-12T15:00:00Z', 4)).booking.id;
    h.setNow(NOW);
    ids.later = (await h.book('2026-11-11T15:00:00Z', 0)).booking.id;
    ids.soon = (await h.book('2026-11-10T15:00:00Z', 1)).booking.id;
  });
  afterEach(() => h.close());

  it("a coach sees the calls they hold: upcoming soonest first, then the last 90 days latest first, each in their zone and both people's", async () => {
    const maya = h.browser();
    const page = await h.signIn(maya, 'maya@example.org');
    // The pool gave Maya the long-past call, the recent one and the later one (fair shares, then config order);
    // the one 105 days back is past the page's 90 days.
    expect((await h.store.reads.booking(ids.old))!.coaches.map((c) => c.id)).toEqual(['maya', 'ben']);
    expect((await h.store.reads.booking(ids.recent))!.coaches.map((c) => c.id)).toEqual(['maya', 'ben']);
    expect((await h.store.reads.booking(ids.later))!.coaches.map((c) => c.id)).toEqual(['maya', 'cy']);
    expect(cards(page, 'upcoming')).toEqual(['Wednesday, 11 November 2026, 10:00–10:45 New York time (GMT-5)']);
    expect(cards(page, 'past')).toEqual(['Tuesday, 13 October 2026, 11:00–11:45 New York time (GMT-4)']);
    const ben = await h.signIn(h.browser(), 'ben@example.org');
    expect(cards(ben, 'upcoming')).toEqual(['Tuesday, 10 November 2026, 15:00–15:45 London time (GMT+0)']);
    expect(cards(ben, 'past')).toEqual(['Tuesday, 13 October 2026, 16:00–16:45 London time (GMT+1)']);
    const later = page.doc.querySelector(`article[aria-labelledby=call-${ids.later}]`)!;
    expect(later.textContent).toContain('Ada Lovelace & Grace Hopper');
    expect(terms(later)).toEqual([
      ['When (your time)', 'Wednesday, 11 November 2026, 10:00–10:45 New York time (GMT-5)'],
      ['For Ada Lovelace', 'Wednesday, 11 November 2026, 10:00–10:45 New York time (GMT-5)'],
      ['For Grace Hopper', 'Wednesday, 11 November 2026, 15:00–15:45 London time (GMT+0)'],
    ]);
    expect(page.text).not.toContain('We disagree on hiring.');
  });

  it("a coach's call page: who holds whom, the co-coach, the intake with each person's part labelled, and why this pair", async () => {
    const b = (await h.store.reads.booking(ids.later))!;
    const [mine, other] = b.coaches[0].id === 'maya' ? b.coaches : [b.coaches[1], b.coaches[0]];
    expect(mine.id).toBe('maya');
    const maya = h.browser();
    await h.signIn(maya, 'maya@example.org');
    const page = await maya.get(`/coach/calls/${ids.later}`);
    expect(page.status).toBe(200);
    const otherName = h.config.coaches.find((c) => c.id === other.id)!.name;
    expect(page.text).toContain(`You hold Ada Lovelace (person one); your co-coach ${otherName} holds Grace Hopper (person two).`);
    expect(mine.holds).toBe(0);
    expect(page.doc.querySelector('#person-0')!.textContent).toBe('Ada Lovelace (person one — you hold their experience)');
    expect(page.doc.querySelector('#person-1')!.textContent).toBe('Grace Hopper (person two)');
    expect(page.text).toContain('We disagree on hiring.');
    expect(page.text).toContain('Decide together, faster.');
    expect(page.text).toContain(JSON.parse(b.pairReason!).text);
    expect(page.doc.querySelector('form[action$="/leave"] button')!.textContent).toBe("I can't take this call");
  });

  it("another coach's call is not found, exactly as an id that does not exist", async () => {
    const soon = (await h.store.reads.booking(ids.soon))!;
    const outsider = h.config.coaches.find((c) => !soon.coaches.some((cc) => cc.id === c.id))!;
    const b = h.browser();
    await h.signIn(b, outsider.email);
    const theirs = await b.get(`/coach/calls/${ids.soon}`);
    const none = await b.get('/coach/calls/AAAAAAAAAAAAAAAAAAAAAAAA');
    const odd = await b.get('/coach/calls/..%2F..%2Fetc');
    expect(theirs.status).toBe(404);
    expect(theirs.html).toBe(none.html);
    expect(odd.status).toBe(404);
    // Nor by a change: handing it on or marking who came.
    expect((await b.post(`/coach/calls/${ids.soon}/leave`, [['confirm', 'yes']])).html).toBe(none.html);
    h.setNow(soon.start + 1);
    await h.signIn(b, outsider.email);
    expect((await b.post(`/coach/calls/${ids.soon}/attendance`, [['absent', 'person:0']])).html).toBe(none.html);
    expect(await h.store.desk.call(ids.soon)).toEqual({ booking: soon });
  });

  it('an administrator sees every call and each coach against their fair share, but never the answers', async () => {
    const admin = h.browser();
    const page = await h.signIn(admin, 'ops@example.org');
    expect(page.doc.querySelector('h1')!.textContent).toBe('Every call');
    expect(cards(page, 'upcoming')).toEqual([
      'Tuesday, 10 November 2026, 10:00–10:45 New York time (GMT-5)',
      'Wednesday, 11 November 2026, 10:00–10:45 New York time (GMT-5)',
    ]);
    expect(cards(page, 'past')).toEqual([
      'Tuesday, 13 October 2026, 11:00–11:45 New York time (GMT-4)',
      'Monday, 12 October 2026, 11:00–11:45 New York time (GMT-4)',
    ]);
    // Four calls in the window, eight seats, four coaches of weight 1: a fair share of 2.0 each.
    const live = await Promise.all(
      ['recent', 'earlier', 'later', 'soon'].map(async (k) => (await h.store.reads.booking(ids[k]))!.coaches.map((c) => c.id)),
    );
    const count = (id: string) => live.filter((cs) => cs.includes(id)).length;
    const rows = [...page.doc.querySelectorAll('section[aria-labelledby=shares] tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['Maya Okafor', '1', String(count('maya')), '2.0'],
      ['Ben Ito', '1', String(count('ben')), '2.0'],
      ['Cy Moreau', '1', String(count('cy')), '2.0'],
      ['Dee Shah', '1', String(count('dee')), '2.0'],
    ]);
    const call = await admin.get(`/coach/calls/${ids.soon}`);
    expect(call.status).toBe(200);
    expect(call.text).toContain('Lin Wu 1 & Sam Roy 1');
    expect(call.text).toContain("The intake answers are for the call's two coaches only.");
    expect(call.html).not.toContain('We disagree on hiring.');
    expect(call.doc.querySelector('form[action$="/leave"]')).toBeNull();
  });

  it("person two's confirmation and their own private answers are on their part, for the call's two coaches only", async () => {
    const b = (await h.store.reads.booking(ids.later))!;
    const maya = h.browser();
    await h.signIn(maya, 'maya@example.org');
    const partTwo = async () => (await maya.get(`/coach/calls/${ids.later}`)).doc.querySelector('section[aria-labelledby=person-1]')!;
    expect(terms(await partTwo()).find(([t]) => t === 'Their confirmation')).toEqual([
      'Their confirmation',
      'Grace Hopper has not confirmed their part yet.',
    ]);
    // Person two confirms with the link in their own invitation.
    const invitation = (await h.mails('grace@example.com')).find((m) => m.bookingId === ids.later)!;
    const token = /[?&]token=([\w-]{43})/.exec(invitation.text)![1];
    const confirmed = await h.app.request(`/api/bookings/${ids.later}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token,
        agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
        view: { now: 'Tense, but we talk.', hopes: 'Fewer surprises.' },
      }),
    });
    expect(confirmed.status).toBe(200);
    const part = await partTwo();
    expect(terms(part).find(([t]) => t === 'Their confirmation')).toEqual([
      'Their confirmation',
      'Grace Hopper confirmed their part on Monday, 2 November 2026 at 07:00 New York time.',
    ]);
    expect([...part.querySelectorAll('p, blockquote')].map((e) => e.textContent)).toEqual([
      'How is this partnership for you right now?',
      'Tense, but we talk.',
      'What would you like to be different?',
      'Fewer surprises.',
    ]);
    expect(b.coaches.map((c) => c.id)).toContain('maya');
    // The administrators read that she confirmed, never what she wrote.
    const admin = h.browser();
    await h.signIn(admin, 'ops@example.org');
    const page = await admin.get(`/coach/calls/${ids.later}`);
    expect(page.text).toContain('Grace Hopper confirmed their part on Monday, 2 November 2026 at 07:00 New York time.');
    expect(page.html).not.toContain('Tense, but we talk.');
    expect(page.html).not.toContain('Fewer surprises.');
  });

  it('a cancelled call stays on the list, marked, and counts towards no share', async () => {
    const created = await h.book('2026-11-12T15:00:00Z', 5);
    const token = new URL(created.manageUrl).searchParams.get('token')!;
    const res = await h.app.request(`/api/bookings/${created.booking.id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(res.status).toBe(200);
    const page = await h.signIn(h.browser(), 'coaching@example.org');
    expect(page.doc.querySelector(`article[aria-labelledby=call-${created.booking.id}]`)!.textContent).toContain('Cancelled');
    const shares = [...page.doc.querySelectorAll('section[aria-labelledby=shares] tbody tr td:nth-child(4)')].map((c) => c.textContent);
    expect(shares).toEqual(['2.0', '2.0', '2.0', '2.0']);
    h.setNow(NOW + 120 * DAY_MS);
    const later = await h.signIn(h.browser(), 'coaching@example.org');
    expect(cards(later, 'upcoming')).toEqual([]);
  });
});

describe('a call held for person two ("require")', () => {
  it('says until when the time is held for their confirmation, then that it was released', async () => {
    const h = coachHarness({
      config: poolConfig({ call: { partnerConfirmation: 'require', confirmWithinHours: 48, minNoticeHours: 48 } }),
    });
    try {
      const { booking } = await h.book('2026-11-10T15:00:00Z');
      const maya = h.browser();
      const list = await h.signIn(maya, 'maya@example.org');
      // Booked at 07:00 New York time on 2 November: held for 48 hours.
      expect(list.doc.querySelector(`article[aria-labelledby=call-${booking.id}]`)!.textContent).toContain(
        'Grace Hopper has not confirmed their part yet. The time is held for both coaches until Wednesday, 4 November 2026 at 07:00 New York time.',
      );
      h.setNow(NOW + 48 * 3_600_000);
      expect(await releaseDueHolds({ config: h.config, store: h.store }, NOW + 48 * 3_600_000)).toBe(1);
      const after = await h.signIn(maya, 'maya@example.org');
      const card = after.doc.querySelector(`article[aria-labelledby=call-${booking.id}]`)!.textContent!;
      expect(card).toContain(
        'Released on Wednesday, 4 November 2026 at 07:00 New York time: Grace Hopper did not confirm their part in time.',
      );
      expect(card).not.toContain('Cancelled');
    } finally {
      await h.close();
    }
  });
});
