// The one function every change calls to tell the practice's tools: inside the change's own plan it turns an event
// into the webhooks to queue, one per endpoint that wants it, numbered after the booking's last one.
import { randomBytes } from 'node:crypto';
import type { Config } from '../../core/config.ts';
import { webhookPayload, type BookingEvent, type EventBooking } from '../../core/webhookEvents.ts';
import type { PlanReads } from '../store/port.ts';
import type { QueuedWebhook } from '../store/webhookOutboxPort.ts';
import { endpointsFor, webhookEndpoints } from './webhookEndpoints.ts';

/** An event and the booking as it stands after it; `at` is when it happened (the plan's `now`). */
export interface WebhookChange {
  event: BookingEvent;
  booking: EventBooking;
  at: number;
}

/** A Standard Webhooks message id: the same at every attempt; no "." (the signed text is id.timestamp.body). */
export const newMessageId = () => `msg_${randomBytes(16).toString('base64url')}`;

/**
 * The webhooks telling the configured endpoints of `changes`, to return as the plan's `writes.webhooks`: they then
 * commit with the change itself, or not at all. Call it inside the plan with the plan's own `reads` (each booking's
 * events are numbered one more than its last, read there), once per plan with all of its changes in order (a second
 * call in the same plan would reuse the numbers, and the store refuses the whole plan). Nothing is queued for an
 * event no endpoint wants.
 *
 *     const webhooks = await webhookWrites(reads, deps.config, { event: { type: 'booking.confirmed', by }, booking, at: now });
 *     return { result, writes: { change, mails, webhooks } };
 */
export async function webhookWrites(reads: PlanReads, config: Config, ...changes: WebhookChange[]): Promise<QueuedWebhook[]> {
  const endpoints = webhookEndpoints(config);
  const coachName = (id: string) => config.coaches.find((c) => c.id === id)?.name ?? id;
  const last = new Map<string, number>();
  const queued: QueuedWebhook[] = [];
  for (const change of changes) {
    const to = endpointsFor(endpoints, change.event.type);
    if (to.length === 0) continue;
    const bookingId = change.booking.id;
    const sequence = (last.get(bookingId) ?? (await reads.lastWebhookSequence(bookingId))) + 1;
    last.set(bookingId, sequence);
    const messageId = newMessageId();
    for (const endpoint of to) {
      const payload = webhookPayload({ ...change, coachName, personal: endpoint.includePersonalData, sequence });
      queued.push({ endpoint: endpoint.key, messageId, bookingId, type: change.event.type, sequence, body: JSON.stringify(payload) });
    }
  }
  return queued;
}
