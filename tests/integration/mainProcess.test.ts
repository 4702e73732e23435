// The real server process over real HTTP: a booking lands in SQLite and the outbox, and survives a restart.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated, PublicConfig } from '../../core/api.ts';
import { bookingBody } from '../support/fixtures.ts';
import { runServerExpectingExit, startServer, type RunningServer } from '../support/server.ts';
import { waitFor } from '../support/waitFor.ts';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the server with the example config', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers health and the public settings', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, outbox: { pending: 0, failed: 0, oldestPendingAgeMs: 0 } });
    const config = (await (await fetch(`${server.url}/api/config`)).json()) as PublicConfig;
    expect(config.call.minutes).toBe(45);
    expect(config.relationships.map((r) => r.value)).toEqual(['co-founders', 'co-leads', 'manager-report', 'peers', 'other']);
    expect(JSON.stringify(config)).not.toContain('maya@example.org');
    // The example site has no icon: the browser's request for one gets an empty answer, not a 404 in its console.
    expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(204);
  });

  it('books a slot once, writes four invitations, and refuses the same time again', async () => {
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    expect(slots.length).toBeGreaterThan(0);
    const first = slots[0];
    expect(Date.parse(first.start)).toBeGreaterThanOrEqual(Date.now() + 24 * 3_600_000 - 60_000);
    expect(Date.parse(first.end) - Date.parse(first.start)).toBe(45 * 60_000);

    const res = await fetch(`${server.url}/api/bookings`, json(bookingBody(first.start)));
    expect(res.status).toBe(201);
    const created = (await res.json()) as BookingCreated;
    expect(created.booking).toMatchObject({ start: first.start, end: first.end, status: 'confirmed' });
    expect(created.manageUrl).toMatch(/^http:\/\/localhost:8787\/manage\?/);

    const again = await fetch(`${server.url}/api/bookings`, json(bookingBody(first.start)));
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('slot_unavailable');

    const after = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    expect(after.slots.map((s) => s.start)).not.toContain(first.start);

    const outbox = join(server.dataDir, 'outbox');
    const emls = await waitFor(() => {
      const files = existsSync(outbox) ? readdirSync(outbox).filter((f) => f.endsWith('.eml')) : [];
      return files.length >= 4 ? files : undefined;
    });
    const messages = emls.map((f) => readFileSync(join(outbox, f), 'utf8'));
    const recipients = messages.map((m) => /^To: (.*)$/m.exec(m)?.[1]).sort();
    expect(recipients).toEqual(['ada@example.com', 'grace@example.com', 'jonas@example.org', 'maya@example.org']);
    for (const m of messages) expect(m).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);

    // The duo's own calendar file answers with the token from the link, and only with it.
    const ics = await fetch(created.icsUrl.replace('http://localhost:8787', server.url));
    expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain('METHOD:PUBLISH');
    const wrong = await fetch(`${server.url}/api/bookings/${created.booking.id}/invite.ics?token=nope`);
    expect(wrong.status).toBe(404);
  });

  it('answers 422 with the path of the field when both people give one email', async () => {
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    const body = bookingBody(slots[1].start);
    body.intake.people[1].email = 'ADA@example.com';
    const res = await fetch(`${server.url}/api/bookings`, json(body));
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(error.code).toBe('invalid');
    expect(error.issues.map((i) => i.path)).toEqual(['intake.people.1.email']);
  });

  it('never answers a malformed request with a 5xx', async () => {
    const cases: RequestInit[] = [
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"slot":' },
      { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' },
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' },
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slot: { start: 'soon' } }) },
    ];
    const statuses = await Promise.all(cases.map(async (c) => (await fetch(`${server.url}/api/bookings`, c)).status));
    expect(statuses).toEqual([400, 415, 422, 422]);
    expect((await fetch(`${server.url}/api/availability?from=yesterday`)).status).toBe(422);
    expect((await fetch(`${server.url}/api/bookings/x%00y?token=%ff`)).status).toBe(404);
  });
});

describe('the store', () => {
  it('keeps a booking across a restart of the server', async () => {
    const first = await startServer();
    const { slots } = (await (await fetch(`${first.url}/api/availability`)).json()) as AvailabilityResponse;
    const created = (await (await fetch(`${first.url}/api/bookings`, json(bookingBody(slots[0].start)))).json()) as BookingCreated;
    await first.proc.kill('SIGTERM');
    await new Promise((r) => first.proc.once('exit', r));

    const second = await startServer({ dataDir: first.dataDir });
    try {
      const token = new URL(created.manageUrl).searchParams.get('token');
      const res = await fetch(`${second.url}/api/bookings/${created.booking.id}?token=${token}`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { booking: { start: string } }).booking.start).toBe(slots[0].start);
      const after = (await (await fetch(`${second.url}/api/availability`)).json()) as AvailabilityResponse;
      expect(after.slots.map((s) => s.start)).not.toContain(slots[0].start);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});

describe('a bad configuration', () => {
  it('stops the server with every mistake listed by its path and no stack trace', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'duet-bad-'));
    const example = JSON.parse(readFileSync('examples/duet.config.json', 'utf8'));
    example.coaches[1].timeZone = 'Mars/Base';
    example.call.minutes = 'long';
    writeFileSync(join(dir, 'config.json'), JSON.stringify(example));
    const { code, output } = await runServerExpectingExit({ DUET_CONFIG: join(dir, 'config.json'), DUET_DATA: dir });
    expect(code).not.toBe(0);
    expect(output).toContain('coaches.1.timeZone: unknown time zone "Mars/Base"');
    expect(output).toMatch(/call\.minutes: /);
    expect(output).not.toMatch(/^\s+at /m);
  });
});

describe('a port already taken', () => {
  it('stops the server with one line that names the port, no stack trace', async () => {
    const first = await startServer();
    try {
      const port = new URL(first.url).port;
      const { code, output } = await runServerExpectingExit({ PORT: port, DUET_DATA: first.dataDir });
      expect(code).toBe(1);
      expect(output).toContain(`Duet cannot start: port ${port} is already in use (set PORT to another one)`);
      expect(output).not.toMatch(/^\s+at /m);
    } finally {
      await first.stop();
    }
  });
});

describe('a baseUrl that does not match the port', () => {
  it('is warned about when the server starts, naming the port to set, and the server still serves', async () => {
    const { freePort } = await import('../support/browser.ts');
    const port = await freePort();
    const server = await startServer({ env: { PORT: String(port) } }); // the example config: baseUrl on 8787
    try {
      await waitFor(() => server.output().includes('practice.baseUrl') || undefined);
      expect(server.output()).toContain(`Duet: practice.baseUrl is http://localhost:8787, but the server listens on port ${port}.`);
      expect(server.output()).toContain(`Set practice.baseUrl to "http://localhost:${port}"`);
      // The widget on that page learns at once that it may not book (the page's origin is not allowed).
      const res = await fetch(`${server.url}/api/config`, { headers: { origin: `http://localhost:${port}` } });
      expect(((await res.json()) as PublicConfig).origin).toMatchObject({ allowed: false, origin: `http://localhost:${port}` });
    } finally {
      await server.stop();
    }
  });
});
