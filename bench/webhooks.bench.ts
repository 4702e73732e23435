// Drains 500 webhooks from a real SQLite webhook outbox to a receiver on loopback that verifies each signature
// with standardwebhooks; prints one JSON line. Run: npx tsx bench/webhooks.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { Webhook } from 'standardwebhooks';
import { ConfigSchema } from '../core/config.ts';
import { silentLogger } from '../server/logger.ts';
import { openSqliteStore } from '../server/store/sqlite/sqliteStore.ts';
import { endpointKey } from '../server/webhooks/webhookEndpoints.ts';
import { newMessageId } from '../server/webhooks/webhookWrites.ts';
import { startWebhooks } from '../server/webhooks/webhookWorker.ts';
import examples from '../examples/duet.config.json' with { type: 'json' };

const COUNT = 500;
const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;

const verifier = new Webhook(SECRET);
let verified = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    verifier.verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
    verified++;
    res.writeHead(204).end();
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
const config = v.parse(ConfigSchema, {
  ...examples,
  webhooks: [{ url, secret: SECRET, events: ['booking.created'], allowLoopback: true }],
});

const dir = mkdtempSync(join(tmpdir(), 'duet-bench-webhooks-'));
const store = openSqliteStore(join(dir, 'duet.sqlite'));
const now = Date.now();
const body = (i: number) =>
  JSON.stringify({ type: 'booking.created', timestamp: new Date(now).toISOString(), data: { sequence: 1, booking: { id: `b${i}` } } });
await store.runPlan(now, () => ({
  result: 0,
  writes: {
    webhooks: Array.from({ length: COUNT }, (_, i) => ({
      endpoint: endpointKey(url),
      messageId: newMessageId(),
      bookingId: `b${i}`,
      type: 'booking.created' as const,
      sequence: 1,
      body: body(i),
    })),
  },
}));
const worker = startWebhooks(store, config, () => Date.now(), silentLogger, { intervalMs: 3_600_000 });
const started = performance.now();
const delivered = await worker.flush();
const ms = performance.now() - started;
await worker.stop();
await store.close();
server.close();
rmSync(dir, { recursive: true, force: true });
if (delivered !== COUNT || verified !== COUNT) throw new Error(`delivered ${delivered}, verified ${verified} of ${COUNT}`);
process.stdout.write(
  `${JSON.stringify({ bench: 'webhook_delivery', webhooks: COUNT, lanes: 4, ms: Math.round(ms), perSecond: Math.round(COUNT / (ms / 1000)) })}\n`,
);
