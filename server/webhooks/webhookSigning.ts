// Standard Webhooks signing with the standardwebhooks package: webhook-id, webhook-timestamp and one `v1,…`
// signature per secret (space-separated), so a receiver that knows either secret verifies while one is rotated.
import { Webhook } from 'standardwebhooks';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** The headers of one attempt made at `at` (ms): the HMAC-SHA256 of `id.timestamp.body` under each secret. */
export function signedHeaders(secrets: readonly string[], messageId: string, at: number, body: string): SignedHeaders {
  const when = new Date(at);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, when, body)).join(' '),
  };
}
