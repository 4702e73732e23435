// Webhooks from the real server process (server/main.ts): a booking and its cancellation reach a receiver on loopback
// that verifies them with standardwebhooks against the real clock; a bad webhook config stops the start by its path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import type { WebhookPayload } from '../../core/webhookEvents.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { waitFor } from '../support/waitFor.ts';
import { startReceiver, type WebhookReceiver } from '../support/webhookReceiver.ts';

const SECRET = `whsec_${Buffer.alloc(32, 4).toString('base64')}`;

describe('the server process with a webhook endpoint', () => {
  let crm: WebhookReceiver;
  let server: RunningServer;
  beforeAll(async () => {
    crm = await startReceiver(SECRET);
    server = await startServer({
      config: {
        ...testConfig(),
        webhooks: [{ url: crm.url, secret: SECRET, events: ['booking.created', 'booking.cancelled'], allowLoopback: true }],
      },
    });
  });
  afterAll(async () => {
    await server?.stop();
    await crm?.close();
  });

  it('tells the receiver of a booking and its cancellation as they happen, verifiable, and logs nothing personal', async () => {
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bookingBody(slots[0].start)),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as BookingCreated;
    const token = new URL(created.manageUrl).searchParams.get('token')!;
    await waitFor(() => (crm.received.length >= 1 ? true : undefined));
    const cancel = await fetch(`${server.url}/api/bookings/${created.booking.id}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:8787' },
      body: JSON.stringify({ token, reason: 'A private reason' }),
    });
    expect(cancel.status).toBe(200);
    await waitFor(() => (crm.received.length >= 2 ? true : undefined));

    expect(crm.received.map((r) => r.refused)).toEqual([undefined, undefined]);
    const payloads = crm.verified() as WebhookPayload[];
    expect(payloads.map((p) => [p.type, p.data.sequence, p.data.booking.id, p.data.booking.start])).toEqual([
      ['booking.created', 1, created.booking.id, created.booking.start],
      ['booking.cancelled', 2, created.booking.id, created.booking.start],
    ]);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { webhooks: unknown };
    expect(health.webhooks).toEqual({ pending: 0, failed: 0, oldestPendingAgeMs: 0, disabled: [] });
    const log = server.output();
    expect(log).toContain('"event":"webhook_sent"');
    for (const marker of ['ada@example.com', 'Ada Lovelace', 'A private reason', SECRET.slice(6), crm.url, token])
      expect(log).not.toContain(marker);
  });
});

describe('a bad webhook in the config', () => {
  it('stops the start with its path and what to write instead, never the secret', async () => {
    const config = { ...testConfig(), webhooks: [{ url: 'http://crm.example.org/hooks', secret: SECRET, events: ['booking.moved'] }] };
    const failed = await startServer({ config }).then(
      async (s) => {
        await s.stop();
        return 'started';
      },
      (e: Error) => e.message,
    );
    expect(failed).toContain(
      'webhooks.0.url: a webhook goes out over https:// (http:// only to this machine itself, with allowLoopback: true)',
    );
    expect(failed).toContain('webhooks.0.events.0: expected one of booking.created,');
    expect(failed).not.toContain(SECRET.slice(6));
  });
});
