// The store contract's webhook outbox cases (called from store.contract.ts for every store): webhooks queued in the
// change's own transaction, each booking's sequence, the lease and its holder's reports, and 410's disabling.
import { beforeEach, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { NewBooking, QueuedWebhook, Store } from '../../server/store/port.ts';

export interface WebhookContractDeps {
  store(): Store;
  another(): Promise<Store>;
  newBooking(id: string, start?: number): NewBooking;
  now: number;
  start: number;
}

const hook = (bookingId: string, sequence: number, endpoint = 'crm', type: QueuedWebhook['type'] = 'booking.created'): QueuedWebhook => ({
  endpoint,
  messageId: `msg_${bookingId}_${sequence}`,
  bookingId,
  type,
  sequence,
  body: JSON.stringify({ type, data: { sequence, booking: { id: bookingId } } }),
});

export function describeWebhookOutboxContract(deps: WebhookContractDeps) {
  const { now: NOW, start: START } = deps;
  describe('the webhook outbox', () => {
    let store: Store;
    /** Books `id` with its created webhook for `endpoints`, numbered after what the plan reads. */
    const bookWithHooks = (id: string, endpoints = ['crm'], start = START, at = NOW) =>
      store.runPlan(at, async (reads) => {
        const sequence = (await reads.lastWebhookSequence(id)) + 1;
        return {
          result: sequence,
          writes: { newBooking: deps.newBooking(id, start), webhooks: endpoints.map((e) => hook(id, sequence, e)) },
        };
      });
    const cancelWithHooks = (id: string, endpoints = ['crm'], at = NOW) =>
      store.runPlan(at, async (reads) => {
        const b = (await reads.booking(id))!;
        const sequence = (await reads.lastWebhookSequence(id)) + 1;
        return {
          result: sequence,
          writes: {
            change: { id, sequence: b.sequence, status: 'cancelled' as const, start: b.start, end: b.end },
            webhooks: endpoints.map((e) => hook(id, sequence, e, 'booking.cancelled')),
          },
        };
      });
    beforeEach(() => {
      store = deps.store();
    });

    it('queues webhooks with their change, numbered per booking from what the plan reads; a plan that throws queues none', async () => {
      expect(await store.reads.lastWebhookSequence('b1')).toBe(0);
      expect(await bookWithHooks('b1', ['crm', 'sheet'])).toBe(1);
      expect(await cancelWithHooks('b1', ['crm', 'sheet'], NOW + HOUR_MS)).toBe(2);
      await expect(
        store.runPlan(NOW, async () => {
          throw new Error('the plan failed');
        }),
      ).rejects.toThrow('the plan failed');
      await expect(
        store.runPlan(NOW, () => ({ result: 0, writes: { newBooking: deps.newBooking('b2', START + DAY_MS), webhooks: [hook('b2', 1)] } })),
      ).resolves.toBe(0);
      expect(
        (await store.webhooks.ofBooking('b1')).map((r) => [r.endpoint, r.sequence, r.type, r.status, r.attempts, r.due, r.created]),
      ).toEqual([
        ['crm', 1, 'booking.created', 'pending', 0, NOW, NOW],
        ['sheet', 1, 'booking.created', 'pending', 0, NOW, NOW],
        ['crm', 2, 'booking.cancelled', 'pending', 0, NOW + HOUR_MS, NOW + HOUR_MS],
        ['sheet', 2, 'booking.cancelled', 'pending', 0, NOW + HOUR_MS, NOW + HOUR_MS],
      ]);
      const [first] = await store.webhooks.ofBooking('b1');
      expect(first).toMatchObject({ messageId: 'msg_b1_1', bookingId: 'b1', body: hook('b1', 1).body, lastError: null });
      expect(await store.reads.lastWebhookSequence('b1')).toBe(2);
      expect(await store.reads.lastWebhookSequence('b2')).toBe(1);
    });

    it('refuses a second webhook of a booking with one sequence for one endpoint, and with it the whole change', async () => {
      await bookWithHooks('b1');
      await expect(
        store.runPlan(NOW, () => ({
          result: 0,
          writes: { newBooking: deps.newBooking('b2', START + DAY_MS), webhooks: [hook('b2', 1), hook('b1', 1)] },
        })),
      ).rejects.toThrow();
      expect(await store.reads.booking('b2')).toBeUndefined();
      expect(await store.webhooks.ofBooking('b2')).toEqual([]);
      expect((await store.webhooks.ofBooking('b1')).map((r) => r.sequence)).toEqual([1]);
    });

    it('hands due webhooks to one claimer for the lease and takes reports from the lease holder only', async () => {
      await bookWithHooks('b1', ['crm', 'sheet', 'chat', 'board']);
      expect(await store.webhooks.claim(NOW - 1, 'w1', MINUTE_MS, 10)).toEqual([]);
      const rows = await store.webhooks.claim(NOW, 'w1', MINUTE_MS, 3);
      expect(rows.map((r) => [r.endpoint, r.attempts, r.created])).toEqual([
        ['crm', 0, NOW],
        ['sheet', 0, NOW],
        ['chat', 0, NOW],
      ]);
      expect((await store.webhooks.claim(NOW, 'w2', MINUTE_MS, 10)).map((r) => r.endpoint)).toEqual(['board']);
      const [a, b, c] = rows.map((r) => r.id);
      expect(await store.webhooks.markSent(a, 'w2', NOW)).toBe(false);
      expect(await store.webhooks.markRetry(b, 'w2', NOW + HOUR_MS, 'http_500')).toBe(false);
      expect(await store.webhooks.markVoid(c, 'w2', 'endpoint_removed')).toBe(false);
      expect(await store.webhooks.markSent(a, 'w1', NOW + 1)).toBe(true);
      expect(await store.webhooks.markSent(a, 'w1', NOW + 1)).toBe(false);
      expect(await store.webhooks.markRetry(b, 'w1', NOW + HOUR_MS, 'http_500')).toBe(true);
      expect(await store.webhooks.markVoid(c, 'w1', 'endpoint_removed')).toBe(true);
      expect((await store.webhooks.ofBooking('b1')).map((r) => [r.endpoint, r.status, r.attempts, r.lastError, r.due])).toEqual([
        ['crm', 'sent', 1, null, NOW],
        ['sheet', 'pending', 1, 'http_500', NOW + HOUR_MS],
        ['chat', 'void', 0, 'endpoint_removed', NOW],
        ['board', 'pending', 0, null, NOW],
      ]);
      // w2's lease on board runs out unreported; the retry waits for its due time.
      expect(await store.webhooks.claim(NOW + MINUTE_MS - 1, 'w3', MINUTE_MS, 10)).toEqual([]);
      expect((await store.webhooks.claim(NOW + MINUTE_MS, 'w3', MINUTE_MS, 10)).map((r) => r.endpoint)).toEqual(['board']);
      // An hour on, w3's own lease on board ran out too: both are due, oldest due first.
      expect((await store.webhooks.claim(NOW + HOUR_MS, 'w3', MINUTE_MS, 10)).map((r) => [r.endpoint, r.attempts])).toEqual([
        ['board', 0],
        ['sheet', 1],
      ]);
      expect(await store.webhooks.markFailed(b, 'w3', 'http_500')).toBe(true);
      expect(await store.webhooks.backlog(NOW + 2 * HOUR_MS)).toEqual({ pending: 1, failed: 1, oldestPendingAgeMs: 2 * HOUR_MS });
    });

    it('never gives one webhook to two claimers, however they interleave', async () => {
      for (let i = 1; i <= 12; i++) await bookWithHooks(`b${i}`, ['crm', 'sheet'], START + i * DAY_MS);
      const other = await deps.another();
      const claims = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).webhooks.claim(NOW, `w${i}`, MINUTE_MS, 3)),
      );
      const ids = claims.flat().map((r) => r.id);
      expect(ids).toHaveLength(24);
      expect(new Set(ids).size).toBe(24);
    });

    it("disables an endpoint on its lease holder's word: its waiting webhooks fail, later ones are not queued, others go on", async () => {
      await bookWithHooks('b1', ['crm', 'gone']);
      await bookWithHooks('b2', ['gone'], START + DAY_MS);
      const [crm, gone] = await store.webhooks.claim(NOW, 'w1', MINUTE_MS, 2);
      expect(await store.webhooks.disable(gone.id, 'w2', NOW + 5, 'gone')).toBe(false);
      expect(await store.webhooks.disabled()).toEqual([]);
      expect(await store.webhooks.disable(gone.id, 'w1', NOW + 5, 'gone')).toBe(true);
      expect(await store.webhooks.disabled()).toEqual([{ endpoint: 'gone', since: NOW + 5, reason: 'gone' }]);
      expect(await cancelWithHooks('b1', ['crm', 'gone'], NOW + 10)).toBe(2);
      expect((await store.webhooks.ofBooking('b1')).map((r) => [r.endpoint, r.sequence, r.status, r.lastError])).toEqual([
        ['crm', 1, 'pending', null],
        ['gone', 1, 'failed', 'gone'],
        ['crm', 2, 'pending', null],
      ]);
      expect((await store.webhooks.ofBooking('b2')).map((r) => [r.status, r.attempts, r.lastError])).toEqual([['failed', 0, 'gone']]);
      expect(await store.webhooks.markSent(crm.id, 'w1', NOW + 20)).toBe(true);
      expect(await store.webhooks.backlog(NOW + 10)).toEqual({ pending: 1, failed: 2, oldestPendingAgeMs: 0 });
    });
  });
}
