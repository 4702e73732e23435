// The store contract's cases for the coaches' page (run by store.contract.ts against every store): sign-in links
// used once, sessions that end, a coach's calls, and the plan's records of new coaches, no-shows and withdrawals.
import * as v from 'valibot';
import { beforeEach, describe, expect, it } from 'vitest';
import { BookingRequestSchema } from '../../core/intake.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import type { NewBooking, Store } from '../../server/store/port.ts';
import { bookingBody } from '../support/fixtures.ts';

const NOW = Date.parse('2026-11-02T12:00:00Z');
const START = Date.parse('2026-11-10T14:00:00Z');
const intake = v.parse(BookingRequestSchema, bookingBody('2026-11-10T14:00:00Z')).intake;

const call = (
  id: string,
  start: number,
  coaches = [
    { id: 'maya', holds: 0 as const },
    { id: 'jonas', holds: 1 as const },
  ],
): NewBooking => ({
  id,
  uid: `${id}@duet.test`,
  start,
  end: start + 45 * MINUTE_MS,
  tokenHash: `hash-${id}`,
  partnerTokenHash: `partner-${id}`,
  intake,
  coaches,
  pairReason: JSON.stringify({ rule: 'config_order', text: `why ${id}` }),
});
const book = (store: Store, b: NewBooking) => store.runPlan(NOW, () => ({ result: b.id, writes: { newBooking: b } }));

const signInMail: OutgoingMail = {
  kind: 'signin',
  bookingId: null,
  sequence: 0,
  to: 'maya@example.org',
  from: { name: 'WBT', address: 'coaching@example.org' },
  subject: 'Your sign-in link',
  text: 'https://duet.test/coach/link?token=secret',
  html: '<p>link</p>',
  messageId: '<signin.1@duet.test>',
};

export function coachDeskCases(current: () => Store) {
  let store: Store;
  beforeEach(() => {
    store = current();
  });

  describe('sign-in links and sessions', () => {
    it('a link opens one session, once, and queues its mail with no booking', async () => {
      await store.access.addLink({ hash: 'link-1', subject: 'maya-hash', expires: NOW + 15 * MINUTE_MS }, [signInMail], NOW);
      const [row] = await store.outbox.claim(NOW, 'w', MINUTE_MS, 10);
      expect(row).toMatchObject({ bookingId: null, recipient: 'maya@example.org', message: signInMail });

      const results = await Promise.all([
        store.access.redeemLink('link-1', NOW + MINUTE_MS, { hash: 'session-a', expires: NOW + 12 * HOUR_MS }),
        store.access.redeemLink('link-1', NOW + MINUTE_MS, { hash: 'session-b', expires: NOW + 12 * HOUR_MS }),
      ]);
      expect([...results].sort()).toEqual(['maya-hash', undefined]);
      const opened = results[0] === 'maya-hash' ? 'session-a' : 'session-b';
      expect(await store.access.session(opened, NOW + MINUTE_MS)).toEqual({
        hash: opened,
        subject: 'maya-hash',
        expires: NOW + 12 * HOUR_MS,
      });
      expect(await store.access.session(opened === 'session-a' ? 'session-b' : 'session-a', NOW + MINUTE_MS)).toBeUndefined();
      expect(await store.access.redeemLink('link-1', NOW + 2 * MINUTE_MS, { hash: 'session-c', expires: NOW + HOUR_MS })).toBeUndefined();
      expect(await store.access.session('session-c', NOW + 2 * MINUTE_MS)).toBeUndefined();
      // Once sent, the link's mail goes with the next purge after a day; a booking's mail never does.
      expect(await store.outbox.markSent(row.id, 'w', NOW)).toBe(true);
      await store.runPlan(NOW, () => ({
        result: 0,
        writes: { newBooking: call('b1', START), mails: [{ ...signInMail, kind: 'invite', bookingId: 'b1' }] },
      }));
      expect(await store.access.purge(NOW, NOW)).toBe(0);
      expect(await store.access.purge(NOW, NOW + 1)).toBe(1);
      expect((await store.outbox.claim(NOW, 'w2', MINUTE_MS, 10)).map((r) => r.bookingId)).toEqual(['b1']);
    });

    it('an expired link opens nothing and is gone; a session ends at its time or when signed out', async () => {
      await store.access.addLink({ hash: 'old', subject: 's', expires: NOW + 15 * MINUTE_MS }, [], NOW);
      expect(await store.access.redeemLink('old', NOW + 15 * MINUTE_MS, { hash: 'x', expires: NOW + HOUR_MS })).toBeUndefined();
      expect(await store.access.session('x', NOW + 15 * MINUTE_MS)).toBeUndefined();
      await store.access.addLink({ hash: 'new', subject: 's', expires: NOW + 15 * MINUTE_MS }, [], NOW);
      expect(await store.access.redeemLink('new', NOW + 15 * MINUTE_MS - 1, { hash: 'y', expires: NOW + HOUR_MS })).toBe('s');
      expect(await store.access.session('y', NOW + HOUR_MS - 1)).toMatchObject({ subject: 's' });
      expect(await store.access.session('y', NOW + HOUR_MS)).toBeUndefined();
      await store.access.addLink({ hash: 'third', subject: 't', expires: NOW + 15 * MINUTE_MS }, [], NOW);
      expect(await store.access.redeemLink('third', NOW, { hash: 'z', expires: NOW + HOUR_MS })).toBe('t');
      expect(await store.access.endSession('z')).toBe(true);
      expect(await store.access.endSession('z')).toBe(false);
      expect(await store.access.session('z', NOW)).toBeUndefined();
      // 'y' (expired at NOW + 1 h) is forgotten; no link is left.
      await store.access.addLink({ hash: 'left', subject: 'u', expires: NOW + 2 * HOUR_MS }, [], NOW);
      expect(await store.access.purge(NOW + HOUR_MS, 0)).toBe(1);
      expect(await store.access.purge(NOW + 2 * HOUR_MS, 0)).toBe(1);
    });
  });

  describe("the coaches' calls", () => {
    beforeEach(async () => {
      await book(store, call('later', START + DAY_MS));
      await book(
        store,
        call('soon', START, [
          { id: 'cy', holds: 1 },
          { id: 'maya', holds: 0 },
        ]),
      );
      await book(
        store,
        call('other', START + 2 * DAY_MS, [
          { id: 'cy', holds: 0 },
          { id: 'jonas', holds: 1 },
        ]),
      );
    });

    it("lists every call from a moment on, or one coach's, in time order, with the bookings as they are", async () => {
      expect((await store.desk.calls(START)).map((c) => c.booking.id)).toEqual(['soon', 'later', 'other']);
      expect((await store.desk.calls(START + 1)).map((c) => c.booking.id)).toEqual(['later', 'other']);
      expect((await store.desk.calls(0, 'maya')).map((c) => c.booking.id)).toEqual(['soon', 'later']);
      expect(await store.desk.calls(0, 'nobody')).toEqual([]);
      expect(await store.desk.call('soon')).toEqual({ booking: await store.reads.booking('soon') });
      expect(await store.desk.call('missing')).toBeUndefined();
    });

    it("a new coach takes the leaving one's place and person, with a higher sequence; the old one holds the time no more", async () => {
      await store.runPlan(NOW, () => ({ result: 0, writes: { withdrawal: { id: 'later', coachId: 'maya', at: NOW } } }));
      expect((await store.desk.call('later'))!.withdrawal).toEqual({ coachId: 'maya', at: NOW });
      const reason = JSON.stringify({ rule: 'reassigned', text: 'Maya could not take it' });
      await store.runPlan(NOW + MINUTE_MS, () => ({
        result: 0,
        writes: {
          change: { id: 'later', sequence: 0, status: 'confirmed' as const, start: START + DAY_MS, end: START + DAY_MS + 45 * MINUTE_MS },
          coaches: {
            id: 'later',
            coaches: [
              { id: 'dee', holds: 0 },
              { id: 'jonas', holds: 1 },
            ],
            pairReason: reason,
          },
        },
      }));
      const after = (await store.desk.call('later'))!;
      expect(after.booking).toMatchObject({
        sequence: 1,
        coaches: [
          { id: 'dee', holds: 0 },
          { id: 'jonas', holds: 1 },
        ],
        pairReason: reason,
      });
      expect(after.withdrawal).toBeUndefined();
      expect((await store.desk.calls(0, 'maya')).map((c) => c.booking.id)).toEqual(['soon']);
      expect((await store.desk.calls(0, 'dee')).map((c) => c.booking.id)).toEqual(['later']);
      expect((await store.reads.liveBookings({ start: START + DAY_MS, end: START + DAY_MS + 1 }))[0].coaches).toEqual(['dee', 'jonas']);
    });

    it('keeps who did not come, replaced by a later record, and a withdrawal beside it', async () => {
      const mark = (absent: string[], at: number) =>
        store.runPlan(at, () => ({ result: 0, writes: { attendance: { id: 'soon', absent, by: 'cy', at } } }));
      await mark(['person:1', 'coach:maya'], START + HOUR_MS);
      expect((await store.desk.call('soon'))!.attendance).toEqual({ absent: ['person:1', 'coach:maya'], by: 'cy', at: START + HOUR_MS });
      await mark([], START + 2 * HOUR_MS);
      await store.runPlan(NOW, () => ({ result: 0, writes: { withdrawal: { id: 'soon', coachId: 'maya', at: NOW } } }));
      expect(await store.desk.call('soon')).toMatchObject({
        attendance: { absent: [], by: 'cy', at: START + 2 * HOUR_MS },
        withdrawal: { coachId: 'maya', at: NOW },
      });
      expect((await store.desk.calls(0)).find((c) => c.booking.id === 'soon')!.attendance!.absent).toEqual([]);
    });
  });
}
