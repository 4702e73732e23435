// call.partnerConfirmation: "require" holds the time for both coaches until person two confirms, and the server's
// timer releases it on its own clock (CANCEL to all four, a kind note to person one, the time offered again);
// "ask" lets the call stand and nudges person two once, a day after booking.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError, BookingCreated, ManagedBooking } from '../../core/api.ts';
import { DAY_MS, HOUR_MS } from '../../core/time.ts';
import { releaseDueHolds, startHoldRelease } from '../../server/booking/releaseHolds.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import { queueDueReminders } from '../../server/mail/reminders.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';
import { bookingBody, duo, testConfig } from '../support/fixtures.ts';

let h: Harness;
afterEach(() => h.close());

/** Calls are booked at least 25 hours ahead and released at the latest 24 hours before they start. */
const REQUIRE = { partnerConfirmation: 'require', confirmWithinHours: 48, minNoticeHours: 25, cancelNoticeHours: 24 };
const open = (call: Record<string, unknown> = REQUIRE) => {
  h = harness({ config: testConfig({ call }) });
};

// Friday 6 November 2026, 14:00 UTC (09:00 in New York, 15:00 in Berlin): booked at NOW, its hold ends 48 hours later.
const FRIDAY = '2026-11-06T14:00:00.000Z';
const WINDOW_END = NOW + 48 * HOUR_MS; // Wednesday 4 November, 12:00 UTC
const TICKED = { notice: true, presence: true, confidentiality: true, commitment: true };

const mails = async (id: string): Promise<OutgoingMail[]> => (await h.store.outbox.ofBooking(id)).map((r) => r.message);
const to = (list: OutgoingMail[], address: string) => list.filter((m) => m.to === address);
const cancels = async (id: string) => (await mails(id)).filter((m) => m.icalEvent?.method === 'CANCEL');
const errorOf = async (res: Response) => ((await res.json()) as ApiError).error;
const view = async (id: string, token: string) => (await (await h.request(`/api/bookings/${id}?token=${token}`)).json()) as ManagedBooking;
const confirm = (id: string, token: string) => h.post(`/api/bookings/${id}/confirm`, { token, agreements: TICKED });
const release = (at: number) => releaseDueHolds({ config: h.config, store: h.store }, at);

type Booked = { status: 201; created: BookingCreated; id: string; one: string; two: string };
type Refused = { status: number; error: ApiError['error'] };

async function book(start = FRIDAY, n?: number, address?: string): Promise<Booked | Refused> {
  const body = { ...bookingBody(start, n === undefined ? {} : { people: duo(n) }), meta: { honeypot: '', stamp: h.stamp() } };
  const res = await h.post('/api/bookings', body, {}, address);
  if (res.status !== 201) return { status: res.status, error: await errorOf(res) };
  const created = (await res.json()) as BookingCreated;
  const id = created.booking.id;
  const second = body.intake.people[1].email;
  const invitation = to(await mails(id), second)[0];
  const link = /http:\/\/localhost:8787\/manage\?id=[\w-]+&token=[\w-]+/.exec(invitation.text)![0];
  return {
    status: 201,
    created,
    id,
    one: new URL(created.manageUrl).searchParams.get('token')!,
    two: new URL(link).searchParams.get('token')!,
  };
}
const booked = async (start = FRIDAY, n?: number, address?: string): Promise<Booked> => {
  const b = await book(start, n, address);
  if ('error' in b) throw new Error(`not booked: ${b.status} ${b.error.code}`);
  return b;
};

describe('"require": the time is held for person two', () => {
  it('is a booking to every rule: the page and a second duo find the time taken, and each message says until when', async () => {
    open();
    expect((await h.slots()).map((s) => s.start)).toContain(FRIDAY);
    const b = await booked();
    expect(b.created.booking).toMatchObject({ status: 'confirmed', hold: { until: new Date(WINDOW_END).toISOString() } });
    expect(b.created.booking.released).toBeUndefined();
    // The time and its buffers leave the page, as for a booked call; another duo is refused it.
    const starts = (await h.slots()).map((s) => s.start);
    expect(starts).not.toContain(FRIDAY);
    expect(starts).not.toContain('2026-11-06T14:45:00.000Z');
    expect(starts).toContain('2026-11-06T15:00:00.000Z');
    const other = await book(FRIDAY, 2, '198.51.100.9');
    expect([other.status, 'error' in other ? other.error.code : '']).toEqual([409, 'slot_unavailable']);

    const sent = await mails(b.id);
    for (const coach of ['maya@example.org', 'jonas@example.org']) {
      const [m] = to(sent, coach);
      expect(m.subject).toBe("Held, awaiting Grace Hopper's confirmation: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)");
      expect(m.text).toContain("The time is held for you both, awaiting Grace Hopper's confirmation.");
      expect(m.icalEvent?.method).toBe('REQUEST');
    }
    expect(to(sent, 'maya@example.org')[0].text).toContain('by Wednesday, 4 November 2026 at 07:00 New York time,');
    expect(to(sent, 'jonas@example.org')[0].text).toContain('by Wednesday, 4 November 2026 at 13:00 Berlin time,');
    expect(to(sent, 'ada@example.com')[0].text).toContain(
      'The time is held for you both until Grace Hopper confirms their part through their own link. If they have not by ' +
        'Wednesday, 4 November 2026 at 07:00 New York time, the time is released',
    );
    expect(to(sent, 'grace@example.com')[0].text).toContain(
      'The time is held for you both until you confirm, at the latest by Wednesday, 4 November 2026 at 12:00 London time;',
    );
    // "require" asks person two in their invitation; no nudge waits besides.
    expect(await queueDueReminders(h.config, h.store, NOW + DAY_MS)).toBe(0);

    // Both views say it is held, in the API's words.
    expect((await view(b.id, b.one)).booking.hold).toEqual({ until: new Date(WINDOW_END).toISOString() });
    expect((await view(b.id, b.two)).people.map((p) => p.confirmed)).toEqual([true, false]);
  });

  it('hold, then confirm: the call stands, the hold goes, the coaches read that it stands, and nothing is released', async () => {
    open();
    const b = await booked();
    h.setNow(WINDOW_END - 1);
    const res = await confirm(b.id, b.two);
    expect(res.status).toBe(200);
    const after = (await res.json()) as ManagedBooking;
    expect(after.booking.hold).toBeUndefined();
    expect(after.people.map((p) => p.confirmed)).toEqual([true, true]);
    const notes = (await mails(b.id)).filter((m) => m.kind === 'note');
    expect(notes.map((m) => m.to)).toEqual(['maya@example.org', 'jonas@example.org']);
    for (const m of notes) expect(m.text).toContain('The call now stands: the time is no longer only held, and nothing will be released.');

    h.setNow(WINDOW_END + DAY_MS);
    expect(await release(WINDOW_END + DAY_MS)).toBe(0);
    expect(await cancels(b.id)).toEqual([]);
    expect((await view(b.id, b.one)).booking).toMatchObject({ status: 'confirmed' });
    expect((await h.slots()).map((s) => s.start)).not.toContain(FRIDAY);
  });

  it("hold, then release by the server's timer on its clock: CANCEL to all four, a kind note to person one, the time offered again", async () => {
    open();
    const b = await booked();
    let now = WINDOW_END - 1;
    const woken: number[] = [];
    const job = startHoldRelease({
      config: h.config,
      store: h.store,
      clock: () => now,
      log: { info: () => {}, warn: () => {} },
      onOutbox: () => woken.push(now),
    });
    try {
      expect(await job.started).toBe(0);
      expect(await job.run()).toBe(0);
      expect(await cancels(b.id)).toEqual([]);
      now = WINDOW_END;
      expect(await job.run()).toBe(1);
      expect(woken).toEqual([WINDOW_END]);
      expect(await job.run()).toBe(0);
    } finally {
      job.stop();
    }

    const cancelled = await cancels(b.id);
    expect(cancelled.map((m) => m.to)).toEqual(['maya@example.org', 'jonas@example.org', 'ada@example.com', 'grace@example.com']);
    for (const m of cancelled) {
      expect(m.sequence).toBe(1);
      expect(m.icalEvent!.content).toMatch(/^STATUS:CANCELLED\r$/m);
      expect(m.icalEvent!.content).toMatch(/^SEQUENCE:1\r$/m);
    }
    const [maya, , ada, grace] = cancelled;
    expect(maya.subject).toBe('Released: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)');
    expect(maya.text).toContain('Grace Hopper did not confirm their part in time, so neither of you is held at that time any more.');
    expect(ada.text).toContain(
      'Grace Hopper has not confirmed their part in time, so we have released the time we were holding for you both. Nothing is lost',
    );
    expect(ada.text).toContain('To book another time:\nhttp://localhost:8787');
    expect(grace.text).toContain('Your part was not confirmed in time, so the time is free again.');
    // No answers in any of them, and no manage link to a call that no longer stands.
    for (const m of cancelled) expect(m.text).not.toMatch(/We disagree on hiring|Decide together|manage\?id=/);

    h.setNow(WINDOW_END);
    expect((await h.slots()).map((s) => s.start)).toContain(FRIDAY);
    const res = await confirm(b.id, b.two);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({
      code: 'released',
      message: 'the time was released because it was not confirmed in time: you are welcome to book another time',
    });
    expect((await view(b.id, b.one)).booking).toMatchObject({ status: 'cancelled', released: true });
    expect((await view(b.id, b.one)).booking.hold).toBeUndefined();
    // The freed time can be booked again at once.
    expect((await booked(FRIDAY, 3, '198.51.101.9')).created.booking.start).toBe(FRIDAY);
  });

  it('is released at the latest at the cancellation notice before the call, though the window runs longer', async () => {
    open();
    // Tuesday 3 November, 17:00 UTC: 29 hours ahead, so its notice (Monday 17:00) comes before the 48 hours are up.
    const b = await booked('2026-11-03T17:00:00.000Z');
    const notice = Date.parse('2026-11-02T17:00:00.000Z');
    expect(b.created.booking.hold).toEqual({ until: new Date(notice).toISOString() });
    expect(await release(notice - 1)).toBe(0);
    expect(await release(notice)).toBe(1);
    expect((await cancels(b.id)).length).toBe(4);
  });

  it('a confirm racing the release: exactly one wins, the cancellations go once, and a late confirm is told "released"', async () => {
    open();
    const calls = [];
    for (let i = 0; i < 4; i++)
      calls.push(await booked(`2026-11-0${5 + (i % 2)}T1${3 + Math.floor(i / 2)}:00:00.000Z`, i + 10, `192.0.${i}.9`));
    // A moment before the release time, the confirm wins and the job finds nothing; at it, the release wins however
    // the two interleave (a confirm that finds the time up releases the hold itself, and is refused).
    const [early, ...late] = calls;
    h.setNow(WINDOW_END - 1);
    const [early1, earlyReleased] = await Promise.all([confirm(early.id, early.two), release(WINDOW_END - 1)]);
    expect([early1.status, earlyReleased]).toEqual([200, 0]);

    h.setNow(WINDOW_END);
    const results = await Promise.all([...late.map((c) => confirm(c.id, c.two)), release(WINDOW_END), release(WINDOW_END)]);
    const statuses = results.slice(0, late.length).map((r) => (r as Response).status);
    expect(statuses).toEqual(late.map(() => 409));
    expect((results[late.length] as number) + (results[late.length + 1] as number)).toBeLessThanOrEqual(late.length);
    for (const c of late) {
      expect((await cancels(c.id)).length).toBe(4);
      expect((await mails(c.id)).filter((m) => m.kind === 'note')).toEqual([]);
      expect((await view(c.id, c.one)).booking).toMatchObject({ status: 'cancelled', released: true });
    }
    expect(await cancels(early.id)).toEqual([]);
    expect((await view(early.id, early.one)).booking).toMatchObject({ status: 'confirmed' });
    expect(await release(WINDOW_END + HOUR_MS)).toBe(0);
  });
});

describe('"ask": the call stands, and person two is nudged once', () => {
  it('a day after booking, with their own link, unless they have confirmed; never to person one, never twice', async () => {
    open({});
    const a = await booked();
    const b = await booked('2026-11-05T14:00:00.000Z', 4, '198.51.102.9');
    expect(a.created.booking.hold).toBeUndefined();
    expect((await h.slots()).map((s) => s.start)).not.toContain(FRIDAY);
    expect((await confirm(b.id, b.two)).status).toBe(200);

    expect(await queueDueReminders(h.config, h.store, NOW + DAY_MS - 1)).toBe(0);
    expect(await queueDueReminders(h.config, h.store, NOW + DAY_MS)).toBe(1);
    expect(await queueDueReminders(h.config, h.store, NOW + DAY_MS + 1)).toBe(0);
    const nudges = (await mails(a.id)).filter((m) => m.kind === 'nudge');
    expect(nudges.map((m) => m.to)).toEqual(['grace@example.com']);
    expect(nudges[0].subject).toBe('Please confirm your part: 2:2 Coaching discovery call with WBT Coaching');
    expect(nudges[0].text).toContain('Ada Lovelace booked the 2:2 Coaching discovery call with WBT Coaching for both of you');
    expect(nudges[0].text).toContain(`To confirm your part:\nhttp://localhost:8787/manage?id=${a.id}&token=${a.two}`);
    expect(nudges[0].text).not.toMatch(/We disagree on hiring|Decide together/);
    expect((await mails(b.id)).filter((m) => m.kind === 'nudge')).toEqual([]);
    // Nothing is ever released in "ask".
    expect(await release(NOW + 30 * DAY_MS)).toBe(0);
  });
});
