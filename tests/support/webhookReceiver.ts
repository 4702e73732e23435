// A real HTTP receiver on loopback (node:http, a random port) that verifies every webhook with the standardwebhooks
// package's own Webhook.verify, as a practice's CRM would, and answers as the test tells it (a status, or never).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { WebhookPayload } from '../../core/webhookEvents.ts';

/** What the receiver answers to one request: a status code, or 'hang' (it reads the request and never answers). */
export type Answer = number | 'hang';

export interface ReceivedWebhook {
  id: string;
  timestamp: number;
  signature: string;
  body: string;
  /** What Webhook.verify returned, when it accepted the signature. */
  payload?: WebhookPayload;
  /** Webhook.verify's message, when it refused. */
  refused?: string;
  answered: Answer;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The payloads that verified, in the order they arrived. */
  verified(): WebhookPayload[];
  /** The answers to the next requests, in order; once used up, 200. */
  answer(...next: Answer[]): void;
  /** Requests the receiver is holding open ('hang'). */
  hanging(): number;
  close(): Promise<void>;
}

const header = (req: IncomingMessage, name: string) => String(req.headers[name] ?? '');

/** Listens on 127.0.0.1 and verifies with `secret` (a receiver knows one secret: its own). */
export async function startReceiver(secret: string, ...answers: Answer[]): Promise<WebhookReceiver> {
  const verifier = new Webhook(secret);
  const queue = [...answers];
  const received: ReceivedWebhook[] = [];
  const held = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = queue.shift() ?? 200;
      const got: ReceivedWebhook = {
        id: header(req, 'webhook-id'),
        timestamp: Number(header(req, 'webhook-timestamp')),
        signature: header(req, 'webhook-signature'),
        body,
        answered,
      };
      try {
        got.payload = verifier.verify(body, {
          'webhook-id': got.id,
          'webhook-timestamp': header(req, 'webhook-timestamp'),
          'webhook-signature': got.signature,
        }) as WebhookPayload;
      } catch (e) {
        got.refused = (e as Error).message;
      }
      received.push(got);
      if (answered === 'hang') {
        held.add(res);
        return;
      }
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/duet`,
    received,
    verified: () => received.flatMap((r) => (r.payload ? [r.payload] : [])),
    answer: (...next) => {
      queue.push(...next);
    },
    hanging: () => [...held].filter((r) => !r.writableEnded && !r.destroyed).length,
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
