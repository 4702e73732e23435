// The emit function others call inside their plans: one webhook per endpoint that wants the event, each booking's
// events numbered after its last, committed with the plan (a real SQLite store in memory).
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../../../core/config.ts';
import { IntakeSchema } from '../../../../core/intake.ts';
import { WebhooksSchema } from '../../../../core/webhookConfig.ts';
import type { EventBooking, WebhookPayload } from '../../../../core/webhookEvents.ts';
import type { Store } from '../../../../server/store/port.ts';
import { openSqliteStore } from '../../../../server/store/sqlite/sqliteStore.ts';
import { endpointKey } from '../../../../server/webhooks/webhookEndpoints.ts';
import { webhookWrites } from '../../../../server/webhooks/webhookWrites.ts';
import { bookingBody, testConfig } from '../../../support/fixtures.ts';

const SECRET = `whsec_${Buffer.alloc(32, 6).toString('base64')}`;
const AT = Date.parse('2026-11-02T12:00:00Z');
const booking = (id: string): EventBooking => ({
  id,
  start: Date.parse('2026-11-10T14:00:00Z'),
  end: Date.parse('2026-11-10T14:45:00Z'),
  status: 'confirmed',
  coaches: [
    { id: 'maya', holds: 0 },
    { id: 'jonas', holds: 1 },
  ],
  intake: v.parse(IntakeSchema, bookingBody('2026-11-10T14:00:00Z').intake),
});

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

const config = (endpoints: unknown[]): Config => ({ ...testConfig(), webhooks: v.parse(WebhooksSchema, endpoints) });
const CRM = { url: 'https://crm.example.org/duet', secret: SECRET, events: ['booking.created', 'booking.cancelled'] };
const SHEET = { url: 'https://sheet.example.org/duet', secret: SECRET, events: ['booking.cancelled'], includePersonalData: true };

describe('webhookWrites', () => {
  it('queues nothing without an endpoint that wants the event', async () => {
    expect(
      await store.runPlan(AT, async (reads) => ({
        result: await webhookWrites(reads, testConfig(), { event: { type: 'booking.created' }, booking: booking('b1'), at: AT }),
      })),
    ).toEqual([]);
    const only = config([SHEET]);
    expect(
      await store.runPlan(AT, async (reads) => ({
        result: await webhookWrites(reads, only, { event: { type: 'booking.created' }, booking: booking('b1'), at: AT }),
      })),
    ).toEqual([]);
  });

  it("numbers each booking's events after its last one, one id per event for every endpoint, personal data only where asked", async () => {
    const c = config([CRM, SHEET]);
    const cancel = { type: 'booking.cancelled' as const, by: { role: 'person' as const, person: 1 as const }, reason: 'Travel' };
    const first = await store.runPlan(AT, async (reads) => {
      const webhooks = await webhookWrites(reads, c, { event: { type: 'booking.created' }, booking: booking('b1'), at: AT });
      return { result: webhooks, writes: { webhooks } };
    });
    const second = await store.runPlan(AT + 1, async (reads) => {
      const webhooks = await webhookWrites(
        reads,
        c,
        { event: { type: 'booking.created' }, booking: booking('b2'), at: AT + 1 },
        { event: cancel, booking: { ...booking('b1'), status: 'cancelled' }, at: AT + 1 },
        { event: cancel, booking: { ...booking('b2'), status: 'cancelled' }, at: AT + 1 },
      );
      return { result: webhooks, writes: { webhooks } };
    });
    const crm = endpointKey(CRM.url);
    const sheet = endpointKey(SHEET.url);
    expect(first.map((w) => [w.endpoint, w.bookingId, w.type, w.sequence])).toEqual([[crm, 'b1', 'booking.created', 1]]);
    expect(second.map((w) => [w.endpoint, w.bookingId, w.type, w.sequence])).toEqual([
      [crm, 'b2', 'booking.created', 1],
      [crm, 'b1', 'booking.cancelled', 2],
      [sheet, 'b1', 'booking.cancelled', 2],
      [crm, 'b2', 'booking.cancelled', 2],
      [sheet, 'b2', 'booking.cancelled', 2],
    ]);
    expect(second[1].messageId).toBe(second[2].messageId);
    expect(new Set([...first, ...second].map((w) => w.messageId)).size).toBe(4);
    const bodies = second.map((w) => JSON.parse(w.body) as WebhookPayload);
    expect(bodies.map((b) => [b.data.sequence, b.data.reason, b.data.people[1].email])).toEqual([
      [1, undefined, undefined],
      [2, undefined, undefined],
      [2, 'Travel', 'grace@example.com'],
      [2, undefined, undefined],
      [2, 'Travel', 'grace@example.com'],
    ]);
    expect((await store.webhooks.ofBooking('b1')).map((w) => [w.sequence, w.type])).toEqual([
      [1, 'booking.created'],
      [2, 'booking.cancelled'],
      [2, 'booking.cancelled'],
    ]);
  });
});
