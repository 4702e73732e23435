// The store port's webhook outbox: webhooks queued by a plan in the booking's own transaction, claimed under a lease
// by any number of workers (each row goes to one), reported on by the lease holder only; and the endpoints a 410 disabled.
import type { WebhookEventType } from '../../core/webhookEvents.ts';

/** One endpoint's copy of one event, as a plan queues it: the body is final (every attempt signs these bytes). */
export interface QueuedWebhook {
  /** The endpoint's key (server/webhooks/webhookEndpoints.ts), never its address: an address may carry a token. */
  endpoint: string;
  /** The webhook-id header: the same at every attempt, and for every endpoint of one event. */
  messageId: string;
  bookingId: string;
  type: WebhookEventType;
  /** The booking's event number, 1, 2 … (also in the body): one endpoint never gets two rows of a booking with one number. */
  sequence: number;
  body: string;
}

export type WebhookStatus = 'pending' | 'sent' | 'failed' | 'void';

/** A webhook as a worker claims it. `created`: when it was queued (retries stop about three days later). */
export interface WebhookRow extends QueuedWebhook {
  id: number;
  attempts: number;
  created: number;
}

/** A webhook as it stands, for inspection. `lastError` is a code (`http_500`, `timeout`), never a receiver's words. */
export interface WebhookEntry extends WebhookRow {
  status: WebhookStatus;
  due: number;
  lastError: string | null;
}

export interface WebhookBacklog {
  pending: number;
  /** Given up on: retries ran out, or the endpoint was disabled while they waited. */
  failed: number;
  /** Age of the oldest pending webhook in ms, 0 when none wait. */
  oldestPendingAgeMs: number;
}

/** An endpoint that answered 410 Gone: nothing more is queued for it or sent to it while its address stays the same. */
export interface DisabledEndpoint {
  endpoint: string;
  since: number;
  reason: string;
}

export interface WebhookOutboxPort {
  /** Up to `limit` pending rows due at `now` and not leased to anyone, oldest due first, now leased to `owner` until now + leaseMs. */
  claim(now: number, owner: string, leaseMs: number, limit: number): Promise<WebhookRow[]>;
  /** Delivered (a 2xx): never sent again. */
  markSent(id: number, owner: string, now: number): Promise<boolean>;
  /** Not delivered this time: attempts + 1, due again at `due`, lease released. */
  markRetry(id: number, owner: string, due: number, error: string): Promise<boolean>;
  /** Given up for good: attempts + 1, never sent. */
  markFailed(id: number, owner: string, error: string): Promise<boolean>;
  /** Set aside without sending (its endpoint is no longer in the config): `why` is a code. */
  markVoid(id: number, owner: string, why: string): Promise<boolean>;
  /**
   * Row `id` was answered 410 Gone: it fails, its endpoint is recorded as disabled from `now` (for every instance and
   * after a restart) and every other pending row of that endpoint fails with `reason` too. Only from the row's lease
   * holder (false otherwise, nothing changed).
   */
  disable(id: number, owner: string, now: number, reason: string): Promise<boolean>;
  /** The endpoints disabled so far. */
  disabled(): Promise<DisabledEndpoint[]>;
  /** Every webhook of a booking, in the order queued. */
  ofBooking(bookingId: string): Promise<WebhookEntry[]>;
  backlog(now: number): Promise<WebhookBacklog>;
}
