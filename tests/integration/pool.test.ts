// A pool of four coaches through the API on a real SQLite file: who takes each call, what the duo is told, who is
// written to, and how moves and cancels keep to the call's own pair.
import { afterEach, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated, ManagedBooking } from '../../core/api.ts';
import type { Interval } from '../../core/interval.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import { queueDueReminders } from '../../server/mail/reminders.ts';
import { createBooking } from '../../server/booking/createBooking.ts';
import { BookingRequestSchema } from '../../core/intake.ts';
import * as v from 'valibot';
import { SlotTaken, type Plan } from '../../server/store/port.ts';
import { duoBody, poolConfig } from '../support/poolFixtures.ts';
import { harness, NOW, type Harness } from '../support/apiHarness.ts';

// Tuesday 3 November 2026: all four coaches are free 13:00–20:00 UTC.
const TUESDAY = '2026-11-03T14:00:00.000Z';
const WEDNESDAY = '2026-11-04T14:00:00.000Z';
const THURSDAY = '2026-11-05T15:00:00.000Z';
const HOUR = 3_600_000;

const MAYA = { id: 'maya', name: 'Maya Okafor' };
const BEN = { id: 'ben', name: 'Ben Ito' };
const CY = { id: 'cy', name: 'Cy Moreau' };

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const book = async (start: string, n = 0) => {
  const res = await h.post('/api/bookings', duoBody(start, n));
  return { status: res.status, body: (await res.json()) as BookingCreated };
};
const tokenOf = (created: BookingCreated) => new URL(created.manageUrl).searchParams.get('token')!;
const mails = async (id: string): Promise<OutgoingMail[]> => (await h.store.outbox.ofBooking(id)).map((r) => r.message);
const reason = async (id: string) => JSON.parse((await h.store.reads.booking(id))!.pairReason!);
const offered = async (path = '/api/availability') =>
  ((await (await h.request(path)).json()) as AvailabilityResponse).slots.map((s) => s.start);

describe('a call goes to two of the four coaches', () => {
  it('the first call goes to Maya and Ben (config order, all equal); the 201 and the view name them and whom each holds, never an address', async () => {
    h = harness({ config: poolConfig() });
    const { status, body } = await book(TUESDAY);
    expect(status).toBe(201);
    expect(body.booking.coaches).toEqual([
      { ...MAYA, holds: 0 },
      { ...BEN, holds: 1 },
    ]);
    const view = await h.request(`/api/bookings/${body.booking.id}?token=${tokenOf(body)}`);
    const text = await view.text();
    expect((JSON.parse(text) as ManagedBooking).booking.coaches).toEqual([
      { ...MAYA, holds: 0 },
      { ...BEN, holds: 1 },
    ]);
    expect(text).not.toMatch(/maya@|ben@|cy@|dee@/);
    expect(await reason(body.booking.id)).toMatchObject({ rule: 'config_order', freePairs: 6 });
  });

  it('invitations go to exactly the chosen two coaches and the two people, and say who holds whom', async () => {
    h = harness({ config: poolConfig() });
    const { body } = await book(TUESDAY);
    const sent = await mails(body.booking.id);
    expect(sent.map((m) => m.to)).toEqual(['maya@example.org', 'ben@example.org', 'ada@example.com', 'grace@example.com']);
    const say = (to: string) => sent.find((m) => m.to === to)!.text;
    expect(say('maya@example.org')).toContain("You hold Ada Lovelace's experience; Ben Ito holds Grace Hopper's.");
    expect(say('ben@example.org')).toContain("You hold Grace Hopper's experience; Maya Okafor holds Ada Lovelace's.");
    expect(say('ada@example.com')).toContain("Maya Okafor holds your experience; Ben Ito holds Grace Hopper's.");
    expect(say('grace@example.com')).toContain("Ben Ito holds your experience; Maya Okafor holds Ada Lovelace's.");
    for (const m of sent) {
      expect(m.icalEvent!.content).not.toMatch(/cy@example|dee@example/);
      expect(m.icalEvent!.content.match(/^ATTENDEE/gm)).toHaveLength(4);
    }
    const ics = await (await h.request(`/api/bookings/${body.booking.id}/invite.ics?token=${tokenOf(body)}`)).text();
    expect(ics.replace(/\r\n /g, '')).toContain("Maya Okafor holds Ada Lovelace's experience\\; Ben Ito holds Grace Hopper's.");
    // The duo's own file is a PUBLISH: it names no attendees, and no coach's address.
    expect(
      ics
        .replace(/\r\n /g, '')
        .match(/mailto:[^\r\n]+/gi)!
        .map((l) => l.toLowerCase()),
    ).toEqual(['mailto:coaching@example.org']);
  });

  it('a second duo at the same time gets the other two coaches; a third is refused; the time leaves the page', async () => {
    h = harness({ config: poolConfig() });
    const first = await book(TUESDAY, 0);
    expect(await offered()).toContain(TUESDAY);
    const second = await book(TUESDAY, 1);
    expect(second.status).toBe(201);
    expect(second.body.booking.coaches.map((c) => c.id)).toEqual(['cy', 'dee']);
    expect(await reason(second.body.booking.id)).toMatchObject({ rule: 'only_free_pair', freePairs: 1 });
    expect((await mails(second.body.booking.id)).map((m) => m.to)).toEqual([
      'cy@example.org',
      'dee@example.org',
      'lin1@example.com',
      'sam1@example.com',
    ]);
    expect(await offered()).not.toContain(TUESDAY);
    const third = await book(TUESDAY, 2);
    expect(third.status).toBe(409);
    expect(first.body.booking.coaches.map((c) => c.id)).toEqual(['maya', 'ben']);
  });

  it('the next call at another time goes to the pair furthest below its fair share', async () => {
    h = harness({ config: poolConfig() });
    await book(TUESDAY, 0); // maya + ben
    const next = await book(WEDNESDAY, 1);
    expect(next.body.booking.coaches.map((c) => c.id)).toEqual(['cy', 'dee']);
    expect(await reason(next.body.booking.id)).toMatchObject({ rule: 'fair_share', calls: [0, 0] });
    expect((await reason(next.body.booking.id)).text).toBe(
      'Of 6 free pairs, Cy Moreau and Dee Shah were furthest below their fair share (0 and 0 calls in the 28 days before and the 28 days after the booking, for their weight).',
    );
  });

  it('a coach at weight 0 takes no new call: with Dee at 0, the second duo at the same time is refused', async () => {
    h = harness({ config: poolConfig({ weights: { dee: 0 } }) });
    expect((await book(TUESDAY, 0)).body.booking.coaches.map((c) => c.id)).toEqual(['maya', 'ben']);
    expect((await book(TUESDAY, 1)).status).toBe(409);
  });

  it("the daily cap counts each coach's own calls: at one a day, Tuesday takes two calls (four coaches) and then closes", async () => {
    h = harness({ config: poolConfig({ call: { maxPerCoachPerDay: 1 } }) });
    expect((await book(TUESDAY, 0)).body.booking.coaches.map((c) => c.id)).toEqual(['maya', 'ben']);
    const later = '2026-11-03T17:00:00.000Z';
    expect((await book(later, 1)).body.booking.coaches.map((c) => c.id)).toEqual(['cy', 'dee']);
    expect((await offered()).filter((s) => s.startsWith('2026-11-03'))).toEqual([]);
    expect((await book('2026-11-03T19:00:00.000Z', 2)).status).toBe(409);
    expect(await offered()).toContain(WEDNESDAY);
  });

  it('with pairs allowing Maya and Cy only, they take the first call and the time then closes', async () => {
    h = harness({ config: poolConfig({ pairs: [['cy', 'maya']] }) });
    const first = await book(TUESDAY, 0);
    expect(first.body.booking.coaches).toEqual([
      { ...MAYA, holds: 0 },
      { ...CY, holds: 1 },
    ]);
    expect((await book(TUESDAY, 1)).status).toBe(409);
    expect(await offered()).not.toContain(TUESDAY);
  });
});

describe('a pair taken by a call booked at the same moment', () => {
  it('is chosen again among the pairs still free, and the booking says so', async () => {
    h = harness({ config: poolConfig() });
    await book(TUESDAY, 0); // Maya and Ben take 14:00
    // This request read the calls just before that booking committed: to it, all four were free.
    const stale = { ...h.store, reads: { ...h.store.reads, liveBookings: async () => [] } };
    const req = v.parse(BookingRequestSchema, duoBody(TUESDAY, 1));
    const outcome = await createBooking({ config: h.config, store: stale, clock: () => NOW, busy: () => ({}) }, req);
    expect(outcome.ok && outcome.created.booking.coaches.map((c) => c.id)).toEqual(['cy', 'dee']);
    const why = await reason(outcome.ok ? outcome.booking.id : '');
    expect(why).toMatchObject({ rule: 'only_free_pair', firstChoice: ['maya', 'ben'] });
    expect(why.text).toBe(
      'Cy Moreau and Dee Shah were the only pair free at this time. ' +
        'The first choice, Maya Okafor and Ben Ito, was taken by a call booked at the same moment.',
    );
  });
});

describe('a pair the database refuses', () => {
  it('is left out and the plan runs again: the next pair takes the call, and the booking says which was refused', async () => {
    h = harness({ config: poolConfig() });
    // A store whose database refuses any call holding Maya (as PostgreSQL's constraint would, had another
    // instance held her then with a longer buffer): SlotTaken, and nothing written.
    const refusing = {
      ...h.store,
      runPlan: <T>(now: number, plan: Plan<T>) =>
        h.store.runPlan<T>(now, async (reads) => {
          const planned = await plan(reads);
          if (planned.writes?.newBooking?.coaches.some((c) => c.id === 'maya')) throw new SlotTaken();
          return planned;
        }),
    };
    const req = v.parse(BookingRequestSchema, duoBody(TUESDAY, 0));
    const outcome = await createBooking({ config: h.config, store: refusing, clock: () => NOW, busy: () => ({}) }, req);
    // Without Maya, the fairest pair in config order is Ben and Cy.
    expect(outcome.ok && outcome.created.booking.coaches.map((c) => c.id)).toEqual(['ben', 'cy']);
    const why = await reason(outcome.ok ? outcome.booking.id : '');
    expect(why).toMatchObject({
      firstChoice: ['maya', 'ben'],
      refused: [
        ['maya', 'ben'],
        ['maya', 'cy'],
        ['maya', 'dee'],
      ],
    });
    expect(await h.counts()).toMatchObject({ bookings: 1, outbox: 4 });
  });

  it('when every free pair is refused, the duo hears 409 slot_unavailable', async () => {
    h = harness({
      config: poolConfig({
        pairs: [
          ['maya', 'ben'],
          ['maya', 'cy'],
        ],
      }),
    });
    const refusing = {
      ...h.store,
      runPlan: <T>(now: number, plan: Plan<T>) =>
        h.store.runPlan<T>(now, async (reads) => {
          const planned = await plan(reads);
          if (planned.writes?.newBooking) throw new SlotTaken();
          return planned;
        }),
    };
    const outcome = await createBooking(
      { config: h.config, store: refusing, clock: () => NOW, busy: () => ({}) },
      v.parse(BookingRequestSchema, duoBody(TUESDAY, 0)),
    );
    expect(outcome).toEqual({ ok: false, code: 'slot_unavailable' });
    expect(await h.counts()).toMatchObject({ bookings: 0, outbox: 0 });
  });
});

describe('a move keeps the pair; a cancel frees only that pair', () => {
  // Ben is busy all Wednesday (from his calendar); the three others are free.
  const benBusy = (): Record<string, Interval[]> => ({
    ben: [{ start: Date.parse('2026-11-04T00:00:00Z'), end: Date.parse('2026-11-05T00:00:00Z') }],
  });

  it("times when Ben is busy are not offered to move Maya and Ben's call to, though the page offers them to a new duo", async () => {
    h = harness({ config: poolConfig(), busy: benBusy });
    const { body } = await book(TUESDAY);
    const token = tokenOf(body);
    expect(await offered()).toContain(WEDNESDAY);
    const moves = await offered(`/api/bookings/${body.booking.id}/availability?token=${token}`);
    expect(moves.filter((s) => s.startsWith('2026-11-04'))).toEqual([]);
    expect(moves).toContain(THURSDAY);
    const refused = await h.post(`/api/bookings/${body.booking.id}/reschedule`, { token, start: WEDNESDAY });
    expect(refused.status).toBe(409);
    const moved = await h.post(`/api/bookings/${body.booking.id}/reschedule`, { token, start: THURSDAY });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as ManagedBooking).booking.coaches).toEqual([
      { ...MAYA, holds: 0 },
      { ...BEN, holds: 1 },
    ]);
    expect((await mails(body.booking.id)).slice(4).map((m) => m.to)).toEqual([
      'maya@example.org',
      'ben@example.org',
      'ada@example.com',
      'grace@example.com',
    ]);
  });

  it("a move needs only its own pair free: Maya and Ben's call moves to a time when Cy and Dee are booked", async () => {
    h = harness({ config: poolConfig() });
    const ours = await book(TUESDAY, 0);
    const theirs = await book(WEDNESDAY, 1);
    expect(theirs.body.booking.coaches.map((c) => c.id)).toEqual(['cy', 'dee']);
    const res = await h.post(`/api/bookings/${ours.body.booking.id}/reschedule`, { token: tokenOf(ours.body), start: WEDNESDAY });
    expect(res.status).toBe(200);
    expect(await offered()).not.toContain(WEDNESDAY);
  });

  it("cancelling Maya and Ben's call frees them: the next duo at that time gets them, Cy and Dee keep theirs", async () => {
    h = harness({ config: poolConfig() });
    const a = await book(TUESDAY, 0);
    const b = await book(TUESDAY, 1);
    expect(await offered()).not.toContain(TUESDAY);
    const res = await h.post(`/api/bookings/${a.body.booking.id}/cancel`, { token: tokenOf(a.body), reason: '' });
    expect(res.status).toBe(200);
    expect((await mails(a.body.booking.id)).slice(4).map((m) => m.to)).toEqual([
      'maya@example.org',
      'ben@example.org',
      'ada@example.com',
      'grace@example.com',
    ]);
    expect(await offered()).toContain(TUESDAY);
    const c = await book(TUESDAY, 2);
    expect(c.body.booking.coaches.map((x) => x.id)).toEqual(['maya', 'ben']);
    const view = (await (await h.request(`/api/bookings/${b.body.booking.id}?token=${tokenOf(b.body)}`)).json()) as ManagedBooking;
    expect(view.booking.coaches.map((x) => x.id)).toEqual(['cy', 'dee']);
  });

  it("the reminder a day before goes to the call's two coaches and the two people only", async () => {
    h = harness({ config: poolConfig() });
    const a = await book(TUESDAY, 0);
    await book(TUESDAY, 1);
    h.setNow(Date.parse(TUESDAY) - 23 * HOUR);
    expect(await queueDueReminders(h.config, h.store, Date.parse(TUESDAY) - 23 * HOUR)).toBe(2);
    const reminders = (await mails(a.body.booking.id)).filter((m) => m.kind === 'reminder');
    expect(reminders.map((m) => m.to)).toEqual(['maya@example.org', 'ben@example.org', 'ada@example.com', 'grace@example.com']);
    expect(reminders[0].text).toContain("You hold Ada Lovelace's experience; Ben Ito holds Grace Hopper's.");
  });
});

describe('the availability answer keeps its shape', () => {
  it('says only when a call can start, not which coaches are free; any free pair opens a time', async () => {
    h = harness({ config: poolConfig() });
    const res = await h.request('/api/availability');
    const body = (await res.json()) as AvailabilityResponse;
    expect(Object.keys(body)).toEqual(['slots']);
    expect(Object.keys(body.slots[0]).sort()).toEqual(['end', 'start']);
    // London and Berlin start at 12:00 UTC, an hour before New York and Chicago: Ben and Cy are a pair then.
    expect(body.slots[0]).toEqual({ start: '2026-11-03T12:00:00.000Z', end: '2026-11-03T12:45:00.000Z' });
  });
});
