// The API harness with webhook endpoints: a real SQLite file, a movable clock that the receivers' verification follows
// (standardwebhooks checks the timestamp against Date.now(), faked here; timers stay real), real loopback receivers,
// workers on the same clock, and bookings through the real API with both people's links.
import * as v from 'valibot';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { BookingCreated } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import { WebhooksSchema } from '../../core/webhookConfig.ts';
import type { WebhookPayload } from '../../core/webhookEvents.ts';
import { HOUR_MS } from '../../core/time.ts';
import type { Store } from '../../server/store/port.ts';
import { startWebhooks, type WebhookWorker, type WebhookWorkerOptions } from '../../server/webhooks/webhookWorker.ts';
import { harness, NOW, type Harness } from './apiHarness.ts';
import { bookingBody, duo, testConfig } from './fixtures.ts';
import { startReceiver, type Answer, type WebhookReceiver } from './webhookReceiver.ts';

// Secrets as a practice makes them: whsec_ and base64 of 32 random bytes (fixed here).
export const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

export interface WebhookHarness {
  readonly h: Harness;
  readonly now: number;
  setNow(ms: number): void;
  /** A harness whose config has these `webhooks` (and `call` overrides). */
  start(endpoints: unknown[], call?: Record<string, unknown>): Harness;
  receiver(secret?: string, ...answers: Answer[]): Promise<WebhookReceiver>;
  worker(options?: WebhookWorkerOptions, store?: Store): WebhookWorker;
  /** Books `start` through the API (duo `n` if given): the id and each person's own token. */
  book(start: string, n?: number): Promise<{ id: string; token: string; partnerToken: string }>;
}

/** "1 booking.created", … in the order given. */
export const types = (ps: WebhookPayload[]) => ps.map((p) => `${p.data.sequence} ${p.type}`);

/** Registers the hooks that fake Date and clean up after each test of the calling file. */
export function webhookHarness(): WebhookHarness {
  let h: Harness | undefined;
  let now = NOW;
  const receivers: WebhookReceiver[] = [];
  const workers: WebhookWorker[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    for (const r of receivers.splice(0)) await r.close();
    await h?.close();
    h = undefined;
    vi.useRealTimers();
  });
  const self: WebhookHarness = {
    get h() {
      if (!h) throw new Error('start() first');
      return h;
    },
    get now() {
      return now;
    },
    setNow(ms) {
      now = ms;
      self.h.setNow(ms);
      vi.setSystemTime(ms);
    },
    start(endpoints, call = {}) {
      const config: Config = { ...testConfig({ call }), webhooks: v.parse(WebhooksSchema, endpoints) };
      h = harness({ config });
      self.setNow(NOW);
      return h;
    },
    async receiver(secret = SECRET, ...answers) {
      const r = await startReceiver(secret, ...answers);
      receivers.push(r);
      return r;
    },
    worker(options = {}, store) {
      const at = self.h;
      const log = { info: (f: (typeof at.logs)[number]) => at.logs.push(f), warn: (f: (typeof at.logs)[number]) => at.logs.push(f) };
      const w = startWebhooks(store ?? at.store, at.config, () => now, log, { intervalMs: HOUR_MS, ...options });
      workers.push(w);
      return w;
    },
    async book(start, n) {
      const at = self.h;
      const body = { ...bookingBody(start, n === undefined ? {} : { people: duo(n) }), meta: { honeypot: '', stamp: at.stamp() } };
      const res = await at.post('/api/bookings', body);
      expect(res.status).toBe(201);
      const created = (await res.json()) as BookingCreated;
      const id = created.booking.id;
      // Person two's own link is in their invitation only (tokens are stored hashed).
      const invitation = (await at.store.outbox.ofBooking(id)).find((r) => r.recipient === body.intake.people[1].email)!;
      const link = /http:\/\/localhost:8787\/manage\?id=[\w-]+&token=[\w-]+/.exec(invitation.message.text)![0];
      return { id, token: new URL(created.manageUrl).searchParams.get('token')!, partnerToken: new URL(link).searchParams.get('token')! };
    },
  };
  return self;
}
