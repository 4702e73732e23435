// The store port's contract: one suite of every behaviour the server relies on, run against each store implementation
// (tests/contract/sqlite.store.test.ts runs it on a real SQLite file). A new store passes this before the server uses it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BookingRequestSchema, type Intake } from '../../core/intake.ts';
import { intersect, type Interval } from '../../core/interval.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import { IDEMPOTENCY_TTL_MS, type NewBooking, type QueuedWebhook, type Store } from '../../server/store/port.ts';
import { bookingBody } from '../support/fixtures.ts';
import { describeWebhookOutboxContract } from './webhookOutbox.contract.ts';
import { coachDeskCases } from './coachDesk.cases.ts';

export interface StoreUnderTest {
  store: Store;
  /** Another, independent handle on the same data (another connection, as a second server process would hold). */
  another(): Promise<Store>;
  /** A store opened on what `store.backup(file)` wrote. */
  restore(file: string): Promise<Store>;
  /** Closes every handle and deletes the data. */
  dispose(): Promise<void>;
}

const NOW = Date.parse('2026-11-02T12:00:00Z');
const START = Date.parse('2026-11-10T14:00:00Z');
const EVERYTHING: Interval = { start: 0, end: Number.MAX_SAFE_INTEGER };

function intakeFor(email: string, context = 'We disagree on hiring.'): Intake {
  const body = bookingBody('2026-11-10T14:00:00Z');
  body.intake.people[0].email = email;
  body.intake.partnership.context = context;
  return v.parse(BookingRequestSchema, body).intake;
}

// Each call holds two coaches of the pool: Maya (holding person one) and Jonas, unless the test says otherwise.
const MAYA_JONAS = [
  { id: 'maya', holds: 0 as const },
  { id: 'jonas', holds: 1 as const },
];
const newBooking = (id: string, start = START, intake = intakeFor('ada@example.com'), coaches = MAYA_JONAS): NewBooking => ({
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
/** A live call as `liveBookings` gives it: its times, its two coaches' ids and when it was booked. */
const liveCall = (start: number, bookedAt = NOW, coaches = ['maya', 'jonas']) => ({
  start,
  end: start + 45 * MINUTE_MS,
  coaches,
  bookedAt,
});

function mail(bookingId: string, to: string, sequence = 0, kind: OutgoingMail['kind'] = 'invite'): OutgoingMail {
  return {
    kind,
    bookingId,
    sequence,
    to,
    from: { name: 'WBT Coaching', address: 'coaching@example.org' },
    subject: `${kind} ${sequence}`,
    text: `Hello ${to}`,
    html: `<p>Hello ${to}</p>`,
    messageId: `<${bookingId}.${kind}.${sequence}.${to}@duet.test>`,
  };
}
/** A queued webhook of booking `id` for `endpoint`; `text` stands for what an endpoint with personal data gets. */
const webhook = (id: string, sequence: number, endpoint = 'crm', text = ''): QueuedWebhook => ({
  endpoint,
  messageId: `msg_${id}_${sequence}`,
  bookingId: id,
  type: 'booking.created',
  sequence,
  body: JSON.stringify({ type: 'booking.created', data: { sequence, booking: { id }, text } }),
});
const fourMails = (id: string, sequence = 0, kind: OutgoingMail['kind'] = 'invite') =>
  ['maya@example.org', 'jonas@example.org', 'ada@example.com', 'grace@example.com'].map((to) => mail(id, to, sequence, kind));

/** Books `b` with four invitations, no questions asked. */
const book = (store: Store, b: NewBooking, now = NOW) =>
  store.runPlan(now, () => ({ result: b.id, writes: { newBooking: b, mails: fourMails(b.id) } }));

/** What the booking route's plan does: book `b` only if no live booking overlaps it, deciding after a pause. */
const bookIfFree = (store: Store, b: NewBooking, pauseMs: number) =>
  store.runPlan(NOW, async (reads) => {
    const live = await reads.liveBookings({ start: b.start - DAY_MS, end: b.end + DAY_MS });
    // Long enough for any other plan to run, were plans not serialised.
    await new Promise((r) => setTimeout(r, pauseMs));
    if (intersect(live, [{ start: b.start, end: b.end }]).length > 0) return { result: 'taken' as const };
    return { result: 'booked' as const, writes: { newBooking: b, mails: fourMails(b.id) } };
  });

const move = (store: Store, id: string, start: number, now = NOW) =>
  store.runPlan(now, async (reads) => {
    const b = (await reads.booking(id))!;
    return {
      result: b.sequence + 1,
      writes: {
        change: { id, sequence: b.sequence, status: 'confirmed' as const, start, end: start + 45 * MINUTE_MS },
        mails: fourMails(id, b.sequence + 1),
      },
    };
  });

export function describeStoreContract(name: string, openFreshStore: () => Promise<StoreUnderTest>) {
  describe(`the store port: ${name}`, () => {
    let under: StoreUnderTest;
    let store: Store;
    beforeEach(async () => {
      under = await openFreshStore();
      store = under.store;
    });
    afterEach(() => under.dispose());

    describe('plans', () => {
      it('a plan that books writes the booking and its mail together, and the booking is live at once', async () => {
        const version = await store.version();
        expect(await book(store, newBooking('b1'))).toBe('b1');
        expect(await store.reads.booking('b1')).toEqual({
          ...newBooking('b1'),
          status: 'confirmed',
          sequence: 0,
          partnerConfirmedAt: null,
          partnerView: null,
          holdUntil: null,
          releasedAt: null,
        });
        expect(await store.reads.liveBookings({ start: START, end: START + 1 })).toEqual([liveCall(START)]);
        expect(await store.reads.liveBookings({ start: START + 45 * MINUTE_MS, end: START + DAY_MS })).toEqual([]);
        const rows = await store.outbox.ofBooking('b1');
        expect(rows.map((r) => [r.recipient, r.status, r.attempts, r.due])).toEqual(fourMails('b1').map((m) => [m.to, 'pending', 0, NOW]));
        expect(rows.map((r) => r.message)).toEqual(fourMails('b1'));
        expect(await store.counts()).toEqual({ bookings: 1, outbox: 4, idempotency: 0 });
        expect(await store.version()).not.toBe(version);
      });

      it('a plan that refuses, or throws, writes nothing', async () => {
        await book(store, newBooking('b1'));
        const version = await store.version();
        expect(await store.runPlan(NOW, async (reads) => ({ result: (await reads.booking('b1'))?.id }))).toBe('b1');
        expect(await store.version()).toBe(version);
        await expect(
          store.runPlan(NOW, async () => {
            throw new Error('decided badly');
          }),
        ).rejects.toThrow('decided badly');
        // A plan that had said what to write and then failed mid-way leaves no half of it.
        await expect(
          store.runPlan(NOW, () => ({
            result: 0,
            writes: {
              newBooking: newBooking('b2', START + DAY_MS),
              mails: fourMails('b2'),
              change: { id: 'b1', sequence: 7, status: 'cancelled', start: START, end: START },
            },
          })),
        ).rejects.toThrow();
        expect(await store.reads.booking('b2')).toBeUndefined();
        expect(await store.counts()).toEqual({ bookings: 1, outbox: 4, idempotency: 0 });
        expect(await store.reads.booking('b1')).toMatchObject({ status: 'confirmed', sequence: 0 });
      });

      it('a call holds its own two coaches: each live call names them, in order, with when it was booked', async () => {
        const cyDee = [
          { id: 'cy', holds: 1 as const },
          { id: 'dee', holds: 0 as const },
        ];
        await book(store, newBooking('b1'), NOW);
        await book(store, newBooking('b2', START, intakeFor('lin@example.com'), cyDee), NOW + MINUTE_MS);
        expect(await store.reads.booking('b2')).toMatchObject({
          coaches: cyDee,
          pairReason: JSON.stringify({ rule: 'config_order', text: 'why b2' }),
        });
        expect(await store.reads.liveBookings({ start: START, end: START + 1 })).toEqual([
          liveCall(START, NOW),
          liveCall(START, NOW + MINUTE_MS, ['cy', 'dee']),
        ]);
        expect(await store.reads.liveBookings(EVERYTHING, 'b1')).toEqual([liveCall(START, NOW + MINUTE_MS, ['cy', 'dee'])]);
      });

      it('two plans racing for one time in one process: exactly one books it', async () => {
        const results = await Promise.all([bookIfFree(store, newBooking('r1'), 30), bookIfFree(store, newBooking('r2'), 30)]);
        expect(results.sort()).toEqual(['booked', 'taken']);
        expect(await store.reads.liveBookings(EVERYTHING)).toHaveLength(1);
        expect((await store.counts()).outbox).toBe(4);
      });

      it('two plans racing for one time through two handles (two processes): exactly one books it', async () => {
        const other = await under.another();
        const results = await Promise.all([
          bookIfFree(store, newBooking('r1'), 30),
          bookIfFree(other, newBooking('r2'), 30),
          bookIfFree(store, newBooking('r3'), 0),
          bookIfFree(other, newBooking('r4'), 0),
        ]);
        expect(results.filter((r) => r === 'booked')).toHaveLength(1);
        expect(await store.reads.liveBookings(EVERYTHING)).toHaveLength(1);
        expect(await other.reads.liveBookings(EVERYTHING)).toHaveLength(1);
      });

      it('a change is written only over the version the plan read; a reschedule and a cancel bump the sequence', async () => {
        await book(store, newBooking('b1'));
        const later = START + DAY_MS;
        expect(await move(store, 'b1', later, NOW + HOUR_MS)).toBe(1);
        expect(await store.reads.booking('b1')).toMatchObject({
          start: later,
          end: later + 45 * MINUTE_MS,
          sequence: 1,
          status: 'confirmed',
          uid: 'b1@duet.test',
        });
        // Its own time never conflicts with itself; another booking's view includes it.
        expect(await store.reads.liveBookings(EVERYTHING, 'b1')).toEqual([]);
        expect(await store.reads.liveBookings(EVERYTHING)).toEqual([liveCall(later)]);
        // A move keeps the call's two coaches and whom each holds.
        expect((await store.reads.booking('b1'))?.coaches).toEqual(MAYA_JONAS);
        expect((await store.outbox.ofBooking('b1')).map((r) => r.message.sequence)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);

        await expect(
          store.runPlan(NOW, () => ({
            result: 0,
            writes: { change: { id: 'b1', sequence: 0, status: 'cancelled', start: later, end: later + 45 * MINUTE_MS } },
          })),
        ).rejects.toThrow();
        expect((await store.reads.booking('b1'))?.status).toBe('confirmed');

        await store.runPlan(NOW, () => ({
          result: 0,
          writes: { change: { id: 'b1', sequence: 1, status: 'cancelled', start: later, end: later + 45 * MINUTE_MS } },
        }));
        expect(await store.reads.booking('b1')).toMatchObject({ status: 'cancelled', sequence: 2 });
        expect(await store.reads.liveBookings(EVERYTHING)).toEqual([]);
      });
    });

    describe("person two's confirmation", () => {
      const view = { now: 'It is tense.', hopes: 'Fewer surprises.' };
      const confirm = (s: Store, id: string, at: number) =>
        s.runPlan(at, async (reads) => {
          const b = await reads.booking(id);
          // The plan's own check, as the server makes it; the store's conditional update stands behind it.
          if (!b || b.partnerConfirmedAt !== null) return { result: 'refused' as const };
          await new Promise((r) => setTimeout(r, 20));
          return { result: 'confirmed' as const, writes: { partnerConfirmation: { id, at, view }, mails: fourMails(id) } };
        });

      it('is written once, with the answers; a second confirm, or one of a cancelled call, writes nothing', async () => {
        await book(store, newBooking('b1'));
        expect(await confirm(store, 'b1', NOW + HOUR_MS)).toBe('confirmed');
        expect(await store.reads.booking('b1')).toMatchObject({
          partnerConfirmedAt: NOW + HOUR_MS,
          partnerView: view,
          status: 'confirmed',
          sequence: 0,
        });
        // The guard holds even when a plan does not check: the conditional update refuses, and nothing is written.
        await expect(
          store.runPlan(NOW, () => ({
            result: 0,
            writes: { partnerConfirmation: { id: 'b1', at: NOW + 2 * HOUR_MS, view }, mails: fourMails('b1') },
          })),
        ).rejects.toThrow();
        expect(await store.reads.booking('b1')).toMatchObject({ partnerConfirmedAt: NOW + HOUR_MS });
        expect(await store.counts()).toMatchObject({ outbox: 8 });

        await book(store, newBooking('b2', START + DAY_MS));
        await store.runPlan(NOW, () => ({
          result: 0,
          writes: { change: { id: 'b2', sequence: 0, status: 'cancelled', start: START + DAY_MS, end: START + DAY_MS + 45 * MINUTE_MS } },
        }));
        await expect(
          store.runPlan(NOW, () => ({ result: 0, writes: { partnerConfirmation: { id: 'b2', at: NOW, view } } })),
        ).rejects.toThrow();
        expect(await store.reads.booking('b2')).toMatchObject({ partnerConfirmedAt: null, partnerView: null });
      });

      it('two confirms racing through two handles: exactly one wins', async () => {
        await book(store, newBooking('b1'));
        const other = await under.another();
        const results = await Promise.allSettled([
          confirm(store, 'b1', NOW + 1),
          confirm(other, 'b1', NOW + 2),
          confirm(other, 'b1', NOW + 3),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'confirmed')).toHaveLength(1);
        expect((await store.outbox.ofBooking('b1')).length).toBe(8);
      });

      it('is said to the reminder, and retention deletes the answers with the intake', async () => {
        await book(store, newBooking('b1'));
        await confirm(store, 'b1', NOW + 1);
        expect((await store.reminders.due(START - HOUR_MS, DAY_MS)).map((b) => [b.id, b.partnerConfirmed])).toEqual([['b1', true]]);
        expect(await store.privacy.applyRetention(['b1'], [])).toEqual({ bookings: 1, outbox: 0, webhooks: 0 });
        expect(await store.reads.booking('b1')).toMatchObject({ intake: null, partnerView: null, partnerConfirmedAt: NOW + 1 });
      });
    });

    describe('shared values', () => {
      it('keep the first value stored under a name, for every handle, however they race', async () => {
        const other = await under.another();
        const got = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).sharedValue('key', `v${i}`)));
        expect(new Set(got).size).toBe(1);
        expect(await store.sharedValue('key', 'later')).toBe(got[0]);
        expect(await other.sharedValue('another', 'x')).toBe('x');
      });
    });

    describe('upcoming calls of an address', () => {
      it('are the live calls still to come in which it is one of the two people, readable inside a plan', async () => {
        await book(store, newBooking('past', NOW - DAY_MS), NOW - 2 * DAY_MS);
        await book(store, newBooking('soon', START));
        await book(store, newBooking('later', START + 2 * DAY_MS));
        await book(store, newBooking('theirs', START + DAY_MS, intakeFor('someone@example.com')));
        await store.runPlan(NOW, async (reads) => {
          const b = (await reads.booking('later'))!;
          return { result: 0, writes: { change: { id: 'later', sequence: b.sequence, status: 'cancelled', start: b.start, end: b.end } } };
        });
        expect(await store.reads.upcomingCalls('ada@example.com', NOW)).toEqual([START]);
        expect(await store.reads.upcomingCalls('grace@example.com', NOW)).toEqual([START, START + DAY_MS]);
        expect(await store.runPlan(NOW, async (reads) => ({ result: await reads.upcomingCalls('someone@example.com', NOW) }))).toEqual([
          START + DAY_MS,
        ]);
        expect(await store.reads.upcomingCalls('ada@example.com', START)).toEqual([]);
      });
    });

    describe("a time held for person two's confirmation", () => {
      const NOTICE = 24 * HOUR_MS;
      const WINDOW_END = NOW + 48 * HOUR_MS;
      const held = (id: string, start = START, until = WINDOW_END): NewBooking => ({ ...newBooking(id, start), holdUntil: until });
      const view = { now: '', hopes: '' };
      const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
      // The server's two plans, each deciding on what it read and then pausing, so that unserialised plans would interleave.
      const releaseIfHeld = (s: Store, id: string, at: number, pauseMs = 0) =>
        s.runPlan(at, async (reads) => {
          const b = await reads.booking(id);
          if (!b || b.status !== 'confirmed' || b.holdUntil === null || b.partnerConfirmedAt !== null) return { result: 'kept' as const };
          await pause(pauseMs);
          return { result: 'released' as const, writes: { release: { id, sequence: b.sequence }, mails: fourMails(id, b.sequence + 1) } };
        });
      const confirmIfHeld = (s: Store, id: string, at: number, pauseMs = 0) =>
        s.runPlan(at, async (reads) => {
          const b = await reads.booking(id);
          if (!b || b.status !== 'confirmed' || b.partnerConfirmedAt !== null) return { result: 'refused' as const };
          await pause(pauseMs);
          return {
            result: 'confirmed' as const,
            writes: { partnerConfirmation: { id, at, view }, mails: [mail(id, 'maya@example.org', 0, 'note')] },
          };
        });

      it('is a live call until released: due when its window ends or the notice before the call comes, then cancelled and free', async () => {
        await book(store, held('h1'));
        // The window runs past the notice of this later call: the notice comes first.
        await book(store, held('h2', START + DAY_MS, NOW + 20 * DAY_MS));
        await book(store, newBooking('b3', START + 2 * DAY_MS));
        expect(await store.reads.booking('h1')).toMatchObject({ holdUntil: WINDOW_END, releasedAt: null, status: 'confirmed' });
        expect(await store.reads.booking('b3')).toMatchObject({ holdUntil: null, releasedAt: null });
        expect((await store.reads.liveBookings(EVERYTHING)).map((c) => c.start)).toEqual([START, START + DAY_MS, START + 2 * DAY_MS]);

        expect(await store.holds.due(WINDOW_END - 1, NOTICE)).toEqual([]);
        expect(await store.holds.due(WINDOW_END, NOTICE)).toEqual(['h1']);
        expect(await store.holds.due(START + DAY_MS - NOTICE - 1, NOTICE)).toEqual(['h1']);
        expect(await store.holds.due(START + DAY_MS - NOTICE, NOTICE)).toEqual(['h1', 'h2']);

        expect(await releaseIfHeld(store, 'h1', WINDOW_END)).toBe('released');
        expect(await store.reads.booking('h1')).toMatchObject({ status: 'cancelled', sequence: 1, releasedAt: WINDOW_END });
        expect((await store.reads.liveBookings(EVERYTHING)).map((c) => c.start)).toEqual([START + DAY_MS, START + 2 * DAY_MS]);
        expect(await store.holds.due(START + DAY_MS, NOTICE)).toEqual(['h2']);

        // The store's own guard, for a plan that does not check: a second release, or a confirm after it, writes nothing.
        await expect(
          store.runPlan(NOW, () => ({ result: 0, writes: { release: { id: 'h1', sequence: 1 }, mails: fourMails('h1', 2) } })),
        ).rejects.toThrow();
        await expect(
          store.runPlan(NOW, () => ({ result: 0, writes: { partnerConfirmation: { id: 'h1', at: NOW, view } } })),
        ).rejects.toThrow();
        // Nor is a call that was never held released.
        await expect(store.runPlan(NOW, () => ({ result: 0, writes: { release: { id: 'b3', sequence: 0 } } }))).rejects.toThrow();
        expect(await store.reads.booking('h1')).toMatchObject({ partnerConfirmedAt: null, sequence: 1 });
        expect(await store.reads.booking('b3')).toMatchObject({ status: 'confirmed', sequence: 0 });
        expect((await store.outbox.ofBooking('h1')).map((r) => r.message.sequence)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
      });

      it('once person two confirmed, it is due no more and the store refuses to release it', async () => {
        await book(store, held('h1'));
        expect(await confirmIfHeld(store, 'h1', NOW + HOUR_MS)).toBe('confirmed');
        expect(await store.holds.due(START, NOTICE)).toEqual([]);
        expect(await releaseIfHeld(store, 'h1', WINDOW_END)).toBe('kept');
        await expect(store.runPlan(NOW, () => ({ result: 0, writes: { release: { id: 'h1', sequence: 0 } } }))).rejects.toThrow();
        expect(await store.reads.booking('h1')).toMatchObject({ status: 'confirmed', releasedAt: null, partnerConfirmedAt: NOW + HOUR_MS });
        expect((await store.reads.liveBookings(EVERYTHING)).map((c) => c.start)).toEqual([START]);
      });

      it('a confirm and a release racing through two handles: exactly one wins, every time', async () => {
        const other = await under.another();
        for (let i = 0; i < 6; i++) {
          const id = `race${i}`;
          await book(store, held(id, START + i * DAY_MS));
          const [first, second] = i % 2 ? [store, other] : [other, store];
          const results = await Promise.all([confirmIfHeld(first, id, WINDOW_END, 15), releaseIfHeld(second, id, WINDOW_END, 15)]);
          const row = (await store.reads.booking(id))!;
          expect(results.filter((r) => r === 'confirmed' || r === 'released')).toHaveLength(1);
          expect(row.partnerConfirmedAt !== null).toBe(results[0] === 'confirmed');
          expect(row.releasedAt !== null).toBe(results[1] === 'released');
          expect(row.status).toBe(results[1] === 'released' ? 'cancelled' : 'confirmed');
          expect((await store.outbox.ofBooking(id)).length).toBe(results[1] === 'released' ? 8 : 5);
        }
      });
    });

    describe("person two's nudge", () => {
      const nudge = (id: string) => ({ due: NOW + DAY_MS, mail: mail(id, 'grace@example.com', 0, 'nudge') });
      const kinds = async (id: string) => (await store.outbox.ofBooking(id)).map((r) => r.message.kind);

      it('waits with its booking until due, is queued once by either handle, and never for a confirmed or cancelled call', async () => {
        await book(store, { ...newBooking('n1'), nudge: nudge('n1') });
        await book(store, { ...newBooking('n2', START + DAY_MS), nudge: nudge('n2') });
        await book(store, { ...newBooking('n3', START + 2 * DAY_MS), nudge: nudge('n3') });
        await store.runPlan(NOW, () => ({
          result: 0,
          writes: { partnerConfirmation: { id: 'n2', at: NOW, view: { now: '', hopes: '' } } },
        }));
        await store.runPlan(NOW, () => ({
          result: 0,
          writes: {
            change: { id: 'n3', sequence: 0, status: 'cancelled', start: START + 2 * DAY_MS, end: START + 2 * DAY_MS + 45 * MINUTE_MS },
          },
        }));
        expect(await store.reminders.queueNudges(NOW + DAY_MS - 1)).toBe(0);
        const other = await under.another();
        const queued = await Promise.all([store.reminders.queueNudges(NOW + DAY_MS), other.reminders.queueNudges(NOW + DAY_MS)]);
        expect(queued.sort()).toEqual([0, 1]);
        expect(await kinds('n1')).toEqual(['invite', 'invite', 'invite', 'invite', 'nudge']);
        expect(await kinds('n2')).toEqual(['invite', 'invite', 'invite', 'invite']);
        expect(await kinds('n3')).toEqual(['invite', 'invite', 'invite', 'invite']);
        expect((await store.outbox.ofBooking('n1'))[4]).toMatchObject({ recipient: 'grace@example.com', message: nudge('n1').mail });
        expect(await store.reminders.queueNudges(NOW + 2 * DAY_MS)).toBe(0);
      });

      it('is not queued for a call that has begun, and retention deletes it with the answers', async () => {
        await book(store, { ...newBooking('n1'), nudge: { due: START + HOUR_MS, mail: mail('n1', 'grace@example.com', 0, 'nudge') } });
        await book(store, { ...newBooking('n2', START + DAY_MS), nudge: nudge('n2') });
        expect(await store.privacy.applyRetention(['n2'], [])).toEqual({ bookings: 1, outbox: 0, webhooks: 0 });
        expect(await store.reminders.queueNudges(START + HOUR_MS)).toBe(0);
        expect(await kinds('n1')).toEqual(['invite', 'invite', 'invite', 'invite']);
        expect(await kinds('n2')).toEqual(['invite', 'invite', 'invite', 'invite']);
      });
    });

    describe('idempotency records', () => {
      const record = { keyHash: 'k1', bodyHash: 'body-1', status: 201, response: 'sealed-answer' };

      it('are kept with their booking for 24 hours, then forgotten, and the key may be used afresh', async () => {
        await store.runPlan(NOW, () => ({ result: 0, writes: { newBooking: newBooking('b1'), idempotency: record } }));
        expect(await store.reads.idempotencyRecord('k1', NOW)).toEqual({ bodyHash: 'body-1', status: 201, response: 'sealed-answer' });
        expect(await store.reads.idempotencyRecord('k1', NOW + IDEMPOTENCY_TTL_MS - 1)).toBeDefined();
        expect(await store.reads.idempotencyRecord('k1', NOW + IDEMPOTENCY_TTL_MS)).toBeUndefined();
        expect(await store.reads.idempotencyRecord('k2', NOW)).toBeUndefined();

        // Recorded again after it expired, without purging first: the new answer replaces the old.
        const later = NOW + IDEMPOTENCY_TTL_MS + 1;
        await store.runPlan(later, () => ({
          result: 0,
          writes: { newBooking: newBooking('b2', START + DAY_MS), idempotency: { ...record, bodyHash: 'body-2' } },
        }));
        expect(await store.reads.idempotencyRecord('k1', later)).toMatchObject({ bodyHash: 'body-2' });
        expect(await store.counts()).toMatchObject({ idempotency: 1 });
        expect(await store.purgeIdempotency(later + IDEMPOTENCY_TTL_MS)).toBe(1);
        expect(await store.counts()).toMatchObject({ bookings: 2, idempotency: 0 });
      });

      it('are readable inside a plan, so a second request with the key sees the first one committed', async () => {
        await store.runPlan(NOW, () => ({ result: 0, writes: { newBooking: newBooking('b1'), idempotency: record } }));
        const seen = await store.runPlan(NOW, async (reads) => ({ result: await reads.idempotencyRecord('k1', NOW) }));
        expect(seen?.bodyHash).toBe('body-1');
      });
    });

    describe('the outbox', () => {
      beforeEach(async () => {
        await book(store, newBooking('b1'));
        await book(store, newBooking('b2', START + DAY_MS), NOW + 1);
      });

      it('hands due rows to one claimer for the lease, oldest first, and to another once the lease ran out', async () => {
        expect(await store.outbox.claim(NOW - 1, 'w1', MINUTE_MS, 10)).toEqual([]);
        const first = await store.outbox.claim(NOW + 10, 'w1', MINUTE_MS, 6);
        expect(first.map((r) => [r.bookingId, r.recipient])).toEqual([
          ...fourMails('b1').map((m) => ['b1', m.to]),
          ['b2', 'maya@example.org'],
          ['b2', 'jonas@example.org'],
        ]);
        expect(first[0].message).toEqual(fourMails('b1')[0]);
        const second = await store.outbox.claim(NOW + 10, 'w2', MINUTE_MS, 10);
        expect(second.map((r) => r.recipient)).toEqual(['ada@example.com', 'grace@example.com']);
        expect(await store.outbox.claim(NOW + 10 + MINUTE_MS - 1, 'w2', MINUTE_MS, 10)).toEqual([]);
        // w1's lease ran out without a report: the rows are w3's now, and w1 can no longer report on them.
        const third = await store.outbox.claim(NOW + 10 + MINUTE_MS, 'w3', MINUTE_MS, 10);
        expect(third.map((r) => r.id)).toEqual([...first, ...second].map((r) => r.id));
        expect(await store.outbox.markSent(first[0].id, 'w1', NOW + 2 * MINUTE_MS)).toBe(false);
        expect(await store.outbox.markSent(first[0].id, 'w3', NOW + 2 * MINUTE_MS)).toBe(true);
        expect((await store.outbox.ofBooking('b1'))[0]).toMatchObject({ status: 'sent', lastError: null });
      });

      it('takes reports only from the lease holder: sent is never claimed again, a retry waits until its due time', async () => {
        const rows = await store.outbox.claim(NOW, 'w1', MINUTE_MS, 4);
        const [a, b, c, d] = rows.map((r) => r.id);
        expect(await store.outbox.markSent(a, 'w2', NOW)).toBe(false);
        expect(await store.outbox.markRetry(b, 'w2', NOW + HOUR_MS, 'ECONNECTION')).toBe(false);
        expect(await store.outbox.markFailed(c, 'w2', 'EENVELOPE 550')).toBe(false);
        expect(await store.outbox.markVoid(d, 'w2', 'superseded')).toBe(false);
        expect((await store.outbox.ofBooking('b1')).map((r) => [r.status, r.attempts])).toEqual(Array(4).fill(['pending', 0]));

        expect(await store.outbox.markSent(a, 'w1', NOW)).toBe(true);
        expect(await store.outbox.markRetry(b, 'w1', NOW + HOUR_MS, 'ECONNECTION')).toBe(true);
        expect(await store.outbox.markFailed(c, 'w1', 'EENVELOPE 550')).toBe(true);
        expect(await store.outbox.markVoid(d, 'w1', 'superseded')).toBe(true);
        // A report is final: the same holder cannot report twice.
        expect(await store.outbox.markSent(a, 'w1', NOW)).toBe(false);
        expect((await store.outbox.ofBooking('b1')).map((r) => [r.status, r.attempts, r.lastError, r.due])).toEqual([
          ['sent', 0, null, NOW],
          ['pending', 1, 'ECONNECTION', NOW + HOUR_MS],
          ['failed', 1, 'EENVELOPE 550', NOW],
          ['void', 0, 'superseded', NOW],
        ]);

        const claimable = async (at: number) => (await store.outbox.claim(at, 'w9', MINUTE_MS, 100)).filter((r) => r.bookingId === 'b1');
        expect(await claimable(NOW + HOUR_MS - 1)).toEqual([]);
        const again = await claimable(NOW + HOUR_MS);
        expect(again.map((r) => [r.id, r.attempts])).toEqual([[b, 1]]);
        expect(await store.outbox.backlog(NOW + HOUR_MS)).toEqual({ pending: 5, failed: 1, oldestPendingAgeMs: HOUR_MS });
      });

      it('never gives one row to two claimers, however they interleave', async () => {
        for (let i = 3; i <= 12; i++) await book(store, newBooking(`b${i}`, START + i * DAY_MS));
        const other = await under.another();
        const claims = await Promise.all(
          Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).outbox.claim(NOW + 10, `w${i}`, MINUTE_MS, 5)),
        );
        const ids = claims.flat().map((r) => r.id);
        expect(ids).toHaveLength(48);
        expect(new Set(ids).size).toBe(48);
      });

      it('reports the backlog: how many wait and since when, and how many were given up', async () => {
        expect(await store.outbox.backlog(NOW + 5 * MINUTE_MS)).toEqual({ pending: 8, failed: 0, oldestPendingAgeMs: 5 * MINUTE_MS });
        const rows = await store.outbox.claim(NOW + 1, 'w1', MINUTE_MS, 100);
        // b1's four go; b2's first fails: the oldest pending is then b2's (queued a millisecond later).
        for (const r of rows.slice(0, 4)) await store.outbox.markSent(r.id, 'w1', NOW + 1);
        await store.outbox.markFailed(rows[4].id, 'w1', 'EENVELOPE 550');
        expect(await store.outbox.backlog(NOW + 5 * MINUTE_MS)).toEqual({ pending: 3, failed: 1, oldestPendingAgeMs: 5 * MINUTE_MS - 1 });
        for (const r of rows.slice(5)) await store.outbox.markSent(r.id, 'w1', NOW + 1);
        expect(await store.outbox.backlog(NOW + 5 * MINUTE_MS)).toEqual({ pending: 0, failed: 1, oldestPendingAgeMs: 0 });
      });

      it('hands each claimed row with the time it was queued', async () => {
        const rows = await store.outbox.claim(NOW + 10, 'w1', MINUTE_MS, 8);
        expect(rows.map((r) => r.created)).toEqual([NOW, NOW, NOW, NOW, NOW + 1, NOW + 1, NOW + 1, NOW + 1]);
      });

      it("queues the notice of a failure with it, once per Message-ID, and only for the lease holder's report", async () => {
        const [a, b, c] = await store.outbox.claim(NOW + 10, 'w1', MINUTE_MS, 3);
        const notice = [mail('b1', 'maya@example.org', 0, 'notice'), mail('b1', 'jonas@example.org', 0, 'notice')];
        expect(await store.outbox.markFailed(a.id, 'w2', 'EENVELOPE 550', { mails: notice, now: NOW + 20 })).toBe(false);
        expect((await store.outbox.ofBooking('b1')).filter((r) => r.message.kind === 'notice')).toEqual([]);
        expect(await store.outbox.markFailed(a.id, 'w1', 'EENVELOPE 550', { mails: notice, now: NOW + 20 })).toBe(true);
        // Another of the same person's messages fails: the same notice is already queued, so nothing more is.
        expect(await store.outbox.markFailed(b.id, 'w1', 'EMESSAGE 554', { mails: notice, now: NOW + 30 })).toBe(true);
        const notices = (await store.outbox.ofBooking('b1')).filter((r) => r.message.kind === 'notice');
        expect(notices.map((r) => [r.recipient, r.status, r.due])).toEqual([
          ['maya@example.org', 'pending', NOW + 20],
          ['jonas@example.org', 'pending', NOW + 20],
        ]);
        expect(await store.outbox.markFailed(c.id, 'w1', 'EENVELOPE 550')).toBe(true);
        expect((await store.outbox.ofBooking('b1')).filter((r) => r.message.kind === 'notice')).toHaveLength(2);
      });
    });

    describeWebhookOutboxContract({
      store: () => store,
      another: () => under.another(),
      newBooking: (id, start) => newBooking(id, start),
      now: NOW,
      start: START,
    });

    describe('reminders', () => {
      it('are due once per version of a live booking inside the lead time, and not for one made or moved inside it', async () => {
        const lead = 24 * HOUR_MS;
        await book(store, newBooking('soon', NOW + 30 * HOUR_MS));
        await book(store, newBooking('gone', NOW + 31 * HOUR_MS));
        await book(store, newBooking('late', NOW + 10 * HOUR_MS), NOW);
        await store.runPlan(NOW, () => ({
          result: 0,
          writes: { change: { id: 'gone', sequence: 0, status: 'cancelled', start: NOW + 31 * HOUR_MS, end: NOW + 32 * HOUR_MS } },
        }));
        expect((await store.reminders.due(NOW, lead)).map((b) => b.id)).toEqual([]);

        const at = NOW + 8 * HOUR_MS;
        const due = await store.reminders.due(at, lead);
        expect(due.map((b) => [b.id, b.sequence])).toEqual([['soon', 0]]);
        expect(due[0].intake.people[0].email).toBe('ada@example.com');
        expect(due[0].coaches).toEqual(MAYA_JONAS);
        expect(await store.reminders.enqueue('soon', 0, fourMails('soon', 0, 'reminder'), at)).toBe(true);
        expect(await store.reminders.enqueue('soon', 0, fourMails('soon', 0, 'reminder'), at)).toBe(false);
        expect(await store.reminders.due(at, lead)).toEqual([]);
        expect((await store.outbox.ofBooking('soon')).map((r) => r.message.kind)).toEqual([
          ...Array(4).fill('invite'),
          ...Array(4).fill('reminder'),
        ]);

        // Moved two days on, well before its new time: the new version gets its own reminder when that comes near.
        await move(store, 'soon', NOW + 78 * HOUR_MS, at);
        expect(await store.reminders.enqueue('soon', 0, fourMails('soon', 0, 'reminder'), at)).toBe(false);
        expect((await store.reminders.due(NOW + 56 * HOUR_MS, lead)).map((b) => [b.id, b.sequence])).toEqual([['soon', 1]]);
      });
    });

    describe('retention and erasure', () => {
      it('lists what still holds personal data and deletes what retention says, in one go', async () => {
        await book(store, newBooking('old'));
        await book(store, newBooking('new', START + DAY_MS));
        await store.runPlan(NOW, () => ({
          result: 0,
          writes: { mails: [mail('gone', 'someone@example.com')], webhooks: [webhook('old', 1), webhook('old', 1, 'sheet')] },
        }));
        const [sent] = await store.webhooks.claim(NOW, 'w1', MINUTE_MS, 1);
        await store.webhooks.markSent(sent.id, 'w1', NOW);
        const held = await store.privacy.heldBookings();
        expect(held.map((b) => [b.id, b.end, b.hasIntake, b.outbox.length, b.webhooks?.map((w) => w.pending)]).sort()).toEqual([
          ['new', START + DAY_MS + 45 * MINUTE_MS, true, 4, []],
          ['old', START + 45 * MINUTE_MS, true, 4, [false, true]],
        ]);
        const loose = await store.privacy.looseMail();
        expect(loose.map((m) => m.created)).toEqual([NOW]);

        const old = held.find((b) => b.id === 'old')!;
        const hooks = old.webhooks!.map((w) => w.id);
        expect(await store.privacy.applyRetention(['old'], [...old.outbox.map((m) => m.id), loose[0].id], undefined, hooks)).toEqual({
          bookings: 1,
          outbox: 5,
          webhooks: 2,
        });
        expect(await store.reads.booking('old')).toMatchObject({ intake: null, status: 'confirmed', start: START });
        expect(await store.outbox.ofBooking('old')).toEqual([]);
        expect(await store.webhooks.ofBooking('old')).toEqual([]);
        expect(await store.privacy.looseMail()).toEqual([]);
        expect((await store.privacy.heldBookings()).map((b) => b.id)).toEqual(['new']);
        // Applying it again finds nothing left to do.
        expect(
          await store.privacy.applyRetention(
            ['old'],
            old.outbox.map((m) => m.id),
            undefined,
            hooks,
          ),
        ).toEqual({ bookings: 0, outbox: 0, webhooks: 0 });
      });

      it('says which held mail is still pending, and keeps the cut-off retention reached', async () => {
        await book(store, newBooking('b1'));
        const [first] = await store.outbox.claim(NOW, 'w1', MINUTE_MS, 1);
        await store.outbox.markSent(first.id, 'w1', NOW);
        const [held] = await store.privacy.heldBookings();
        expect(held.outbox.map((m) => m.pending)).toEqual([false, true, true, true]);
        expect(await store.privacy.retentionMark()).toBeUndefined();
        expect(await store.privacy.newestRecorded()).toBe(NOW);
        await store.privacy.applyRetention([], [], NOW - 180 * DAY_MS);
        expect(await store.privacy.retentionMark()).toBe(NOW - 180 * DAY_MS);
        await store.privacy.applyRetention([], []);
        expect(await store.privacy.retentionMark()).toBe(NOW - 180 * DAY_MS);
        const other = await under.another();
        expect(await other.privacy.retentionMark()).toBe(NOW - 180 * DAY_MS);
      });

      it('erases the bookings that match with their mail and idempotency records, and any other mail that matches', async () => {
        await store.runPlan(NOW, () => ({
          result: 0,
          writes: {
            newBooking: newBooking('hers', START, intakeFor('erase.me@example.com')),
            mails: fourMails('hers'),
            idempotency: { keyHash: 'k', bodyHash: 'b', status: 201, response: 'r' },
          },
        }));
        await book(store, newBooking('past', NOW - DAY_MS, intakeFor('ada@example.com', 'Ask erase.me@example.com')), NOW - 2 * DAY_MS);
        await book(store, newBooking('other', START + DAY_MS));
        await store.runPlan(NOW, () => ({ result: 0, writes: { mails: [mail('other', 'erase.me@example.com', 1)] } }));
        // Webhooks of an erased booking go with it; one of another booking that names the address (personal data) too.
        await store.runPlan(NOW, () => ({
          result: 0,
          writes: {
            webhooks: [
              webhook('hers', 1),
              webhook('past', 1),
              webhook('other', 1),
              webhook('other', 1, 'personal', 'Ask erase.me@example.com'),
            ],
          },
        }));

        const rows = await store.privacy.erase(
          {
            intake: (intake) => JSON.stringify(intake).includes('erase.me@example.com'),
            mail: (recipient, message) => recipient === 'erase.me@example.com' || message.includes('erase.me@example.com'),
          },
          NOW,
        );
        expect({ ...rows, bookingIds: rows.bookingIds.sort() }).toEqual({
          bookings: 2,
          upcoming: 1,
          outbox: 9,
          idempotency: 1,
          webhooks: 3,
          bookingIds: ['hers', 'past'],
        });
        expect(await store.reads.booking('hers')).toBeUndefined();
        expect(await store.reads.booking('past')).toBeUndefined();
        expect(await store.reads.idempotencyRecord('k', NOW)).toBeUndefined();
        expect((await store.outbox.ofBooking('other')).map((r) => r.recipient)).toEqual(fourMails('other').map((m) => m.to));
        expect((await store.webhooks.ofBooking('other')).map((r) => r.endpoint)).toEqual(['crm']);
        expect(await store.webhooks.ofBooking('hers')).toEqual([]);
        expect(await store.counts()).toEqual({ bookings: 1, outbox: 4, idempotency: 0 });
        expect(await store.privacy.compact()).toEqual({ busy: false });
      });
    });

    describe("the coaches' page", () => coachDeskCases(() => store));

    describe('health, backup and closing', () => {
      it('is healthy with its backlog while it answers, and says so (never throws) once it does not', async () => {
        expect(await store.health(NOW)).toEqual({ ok: true, outbox: { pending: 0, failed: 0, oldestPendingAgeMs: 0 } });
        await book(store, newBooking('b1'));
        expect(await store.health(NOW + MINUTE_MS)).toEqual({ ok: true, outbox: { pending: 4, failed: 0, oldestPendingAgeMs: MINUTE_MS } });
        await store.close();
        expect(await store.health(NOW)).toEqual({ ok: false, reason: 'closed' });
        await expect(store.reads.booking('b1')).rejects.toMatchObject({ name: 'StoreUnavailable', reason: 'closed' });
        await expect(book(store, newBooking('b2', START + DAY_MS))).rejects.toMatchObject({ name: 'StoreUnavailable', reason: 'closed' });
      });

      it('backs up everything into a file while it keeps serving', async () => {
        await book(store, newBooking('b1'));
        const dir = mkdtempSync(join(tmpdir(), 'duet-backup-'));
        try {
          const file = join(dir, 'backup.sqlite');
          await Promise.all([store.backup(file), book(store, newBooking('b2', START + DAY_MS))]);
          await book(store, newBooking('b3', START + 2 * DAY_MS));
          const copy = await under.restore(file);
          try {
            expect(await copy.reads.booking('b1')).toEqual(await store.reads.booking('b1'));
            expect((await copy.counts()).bookings).toBeGreaterThanOrEqual(1);
            expect(await copy.reads.booking('b3')).toBeUndefined();
            expect(await copy.outbox.ofBooking('b1')).toEqual(await store.outbox.ofBooking('b1'));
          } finally {
            await copy.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('finishes the work under way before it closes', async () => {
        const pending = [book(store, newBooking('b1')), book(store, newBooking('b2', START + DAY_MS))];
        await store.close();
        await expect(Promise.all(pending)).resolves.toEqual(['b1', 'b2']);
        const reopened = await under.another();
        expect((await reopened.counts()).bookings).toBe(2);
      });
    });
  });
}
