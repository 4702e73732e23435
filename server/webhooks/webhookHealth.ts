// What /healthz says of the webhooks: how many wait and since when, how many were given up on, which endpoints a
// 410 disabled (by their place in the config: an address may carry a token), and the worker's storage trouble.
import type { Config } from '../../core/config.ts';
import type { Store } from '../store/port.ts';
import type { WebhookBacklog } from '../store/webhookOutboxPort.ts';
import { webhookEndpoints } from './webhookEndpoints.ts';
import type { WebhookWorkerStatus } from './webhookWorker.ts';

export interface WebhookHealth extends WebhookBacklog {
  disabled: { endpoint: number; since: string; reason: string }[];
  error?: string;
}

/** Undefined when no endpoint is configured (nothing to report). */
export async function webhookHealth(
  store: Store,
  config: Config,
  now: number,
  worker: WebhookWorkerStatus = {},
): Promise<WebhookHealth | undefined> {
  const endpoints = webhookEndpoints(config);
  if (endpoints.length === 0) return undefined;
  const backlog = await store.webhooks.backlog(now);
  const disabled = (await store.webhooks.disabled()).flatMap((d) => {
    const endpoint = endpoints.find((e) => e.key === d.endpoint);
    return endpoint ? [{ endpoint: endpoint.index, since: new Date(d.since).toISOString(), reason: d.reason }] : [];
  });
  return { ...backlog, disabled, ...(worker.error ? { error: worker.error } : {}) };
}
