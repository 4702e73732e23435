// The configured webhook endpoints as the server knows them: each by a key made from its address (what the store
// keeps, so that no address, which may carry a token, is written to the store, a log or /healthz) and its place in the list.
import { createHash } from 'node:crypto';
import type { Config } from '../../core/config.ts';
import type { WebhookEndpointConfig } from '../../core/webhookConfig.ts';
import type { WebhookEventType } from '../../core/webhookEvents.ts';

export interface WebhookEndpoint extends WebhookEndpointConfig {
  /** The store's name for this endpoint: the same while its address stays the same, whatever else changes. */
  key: string;
  /** Its place in `webhooks` (what logs and /healthz name it by). */
  index: number;
  /** Every secret it signs with: one, or several while one is rotated. */
  secrets: string[];
}

/** The store's name for the endpoint at `url`. A new address is a new endpoint (one a 410 disabled comes back so). */
export const endpointKey = (url: string): string => createHash('sha256').update(url).digest('hex').slice(0, 24);

/** The configured endpoints, in config order. */
export function webhookEndpoints(config: Config): WebhookEndpoint[] {
  return config.webhooks.map((e, index) => ({
    ...e,
    key: endpointKey(e.url),
    index,
    secrets: typeof e.secret === 'string' ? [e.secret] : [...e.secret],
  }));
}

/** The endpoints that want `type`. */
export const endpointsFor = (endpoints: readonly WebhookEndpoint[], type: WebhookEventType) =>
  endpoints.filter((e) => e.events.includes(type));
