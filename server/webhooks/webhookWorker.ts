// Delivers the webhook outbox: each row claimed under a lease (any number of instances, each row to one), signed at
// the attempt, POSTed with a deadline, several side by side (the mail outbox's loop, server/outbox/leasedDrain.ts);
// a 2xx is done, 410 Gone disables the endpoint, any other answer or none is tried again on the Standard Webhooks
// schedule (about three days). Never takes the server down.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { MINUTE_MS, SECOND_MS } from '../../core/time.ts';
import type { Config } from '../../core/config.ts';
import type { Logger } from '../logger.ts';
import { startDrain, type Drain, type DrainStatus } from '../outbox/leasedDrain.ts';
import type { Store } from '../store/port.ts';
import type { WebhookRow } from '../store/webhookOutboxPort.ts';
import { webhookEndpoints, type WebhookEndpoint } from './webhookEndpoints.ts';
import { DELIVERY_TIMEOUT_MS, postWebhook, type PostOutcome } from './webhookRequest.ts';
import { nextAttemptDelay } from './webhookSchedule.ts';
import { signedHeaders } from './webhookSigning.ts';

/** How long a claimed row stays this worker's: well past the delivery deadline, short enough to recover from a crash. */
export const WEBHOOK_LEASE_MS = 2 * MINUTE_MS;
/** Deliveries side by side: a receiver that hangs holds up one of them, never the others. */
const LANES = 4;

export interface WebhookWorkerOptions {
  intervalMs?: number;
  leaseMs?: number;
  /** Per attempt, connecting to the last byte of the answer's head (default DELIVERY_TIMEOUT_MS). */
  timeoutMs?: number;
  owner?: string;
  lanes?: number;
}

/** What /healthz says of the worker: the storage error it is backing off from, if any. */
export type WebhookWorkerStatus = DrainStatus;

/** flush() delivers what is due now (at once 0 with no endpoint configured); wake() asks for a pass soon; stop() waits for it. */
export type WebhookWorker = Drain;

/** A short code for an attempt that did not succeed (`http_500`, `timeout`): never the receiver's words. */
const failureCode = (o: PostOutcome) => (o.answered ? `http_${o.status}` : o.code);

export function startWebhooks(
  store: Store,
  config: Config,
  clock: () => number,
  log: Logger,
  options: WebhookWorkerOptions = {},
): WebhookWorker {
  const owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(6).toString('base64url')}`;
  const leaseMs = options.leaseMs ?? WEBHOOK_LEASE_MS;
  const timeoutMs = Math.min(options.timeoutMs ?? DELIVERY_TIMEOUT_MS, leaseMs / 2);
  const endpoints = new Map(webhookEndpoints(config).map((e) => [e.key, e]));

  const fields = (row: WebhookRow, endpoint?: WebhookEndpoint) => ({
    webhookId: row.id,
    endpoint: endpoint?.index,
    bookingId: row.bookingId,
    type: row.type,
    sequence: row.sequence,
  });

  async function deliver(row: WebhookRow): Promise<boolean> {
    const endpoint = endpoints.get(row.endpoint);
    if (!endpoint) {
      // Its address left the config (or changed): nobody is there to tell.
      await store.webhooks.markVoid(row.id, owner, 'endpoint_removed');
      log.info({ event: 'webhook_void', ...fields(row), reason: 'endpoint_removed' });
      return false;
    }
    const at = clock();
    const headers = signedHeaders(endpoint.secrets, row.messageId, at, row.body);
    const outcome = await postWebhook(endpoint.url, { ...headers }, row.body, {
      timeoutMs,
      allowLoopback: endpoint.allowLoopback,
      now: at,
    });
    if (outcome.answered && outcome.status >= 200 && outcome.status < 300) {
      if (!(await store.webhooks.markSent(row.id, owner, clock()))) log.warn({ event: 'webhook_lease_lost', ...fields(row, endpoint) });
      log.info({ event: 'webhook_sent', ...fields(row, endpoint), status: outcome.status, attempts: row.attempts + 1 });
      return true;
    }
    if (outcome.answered && outcome.status === 410) {
      // "Gone": the receiver wants no more. Its other waiting webhooks fail with this one; nothing more is queued for it.
      const done = await store.webhooks.disable(row.id, owner, clock(), 'gone');
      log.warn({ event: 'webhook_endpoint_disabled', ...fields(row, endpoint), status: 410, recorded: done });
      return false;
    }
    const code = failureCode(outcome);
    const delay = nextAttemptDelay(row.attempts + 1, outcome.answered ? outcome.retryAfterMs : undefined);
    if (delay === undefined) {
      await store.webhooks.markFailed(row.id, owner, code);
      log.warn({ event: 'webhook_given_up', ...fields(row, endpoint), attempts: row.attempts + 1, code });
    } else {
      await store.webhooks.markRetry(row.id, owner, clock() + delay, code);
      log.warn({ event: 'webhook_failed', ...fields(row, endpoint), attempts: row.attempts + 1, code, retryInMs: delay });
    }
    return false;
  }

  return startDrain<WebhookRow>({
    // With no endpoint configured there is nothing to claim: the store is not asked.
    claim: async () => (endpoints.size === 0 ? undefined : (await store.webhooks.claim(clock(), owner, leaseMs, 1))[0]),
    deliver,
    lanes: options.lanes ?? LANES,
    intervalMs: options.intervalMs ?? 5 * SECOND_MS,
    clock,
    log,
    name: 'webhook',
    failed: 'webhook_worker_failed',
  });
}
