// The real server reads a coach's busy feed from a real HTTP server on loopback and follows its changes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse } from '../../core/api.ts';
import { testConfig } from '../support/fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const SECRET_PATH = '/calendar/ical/maya/private-5f3c9a1e77d04b2a/basic.ics';

interface Health {
  ok: boolean;
  feeds: {
    coach: string;
    feed: string;
    ok: boolean;
    lastSuccess: string | null;
    error: string | null;
    events: number;
    skipped: string[];
    warnings: string[];
  }[];
}

/** A feed with one busy event per [start, end) given as ISO instants. */
function calendar(events: { start: string; end: string }[]): string {
  const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Duet tests//EN',
    ...events.flatMap((e, i) => [
      'BEGIN:VEVENT',
      `UID:busy-${i}@test`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART:${stamp(e.start)}`,
      `DTEND:${stamp(e.end)}`,
      'SUMMARY:Busy',
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a coach busy feed served over HTTP', () => {
  let feed = { status: 200, body: calendar([]) };
  let feedServer: Server;
  let server: RunningServer;
  let requests = 0;

  beforeAll(async () => {
    feedServer = createServer((req, res) => {
      requests++;
      if (req.url !== SECRET_PATH) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(feed.status, { 'content-type': 'text/calendar; charset=utf-8' }).end(feed.body);
    });
    await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
    const config = testConfig();
    config.coaches[0].busyFeeds = [`http://127.0.0.1:${(feedServer.address() as AddressInfo).port}${SECRET_PATH}`];
    server = await startServer({ config, env: { DUET_FEED_REFRESH_MS: '200' } });
  });
  afterAll(async () => {
    await server?.stop();
    feedServer.closeAllConnections();
    await new Promise<void>((r) => feedServer.close(() => r()));
  });

  const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as Health;
  const starts = async () =>
    ((await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse).slots.map((s) => s.start);
  /** Waits for a refresh that started after this call, so the feed's current body has been read. */
  const nextRefresh = async () => {
    const seen = requests;
    await until(async () => (requests >= seen + 2 ? true : undefined));
  };

  it('stops offering the busy time, follows the feed when it changes, and keeps the last good copy when it fails', async () => {
    await until(async () => ((await health()).feeds[0]?.ok ? true : undefined));
    const before = await starts();
    expect(before.length).toBeGreaterThan(20);
    const slot = before[10];
    const later = before[before.length - 5];
    const minutes45 = (iso: string) => ({ start: iso, end: new Date(Date.parse(iso) + 45 * 60_000).toISOString() });

    feed = { status: 200, body: calendar([minutes45(slot)]) };
    await nextRefresh();
    const busy = await starts();
    expect(busy).not.toContain(slot);
    expect(busy).toContain(later);

    // The coach moves the appointment: the first time is free again, the new one is taken.
    feed = { status: 200, body: calendar([minutes45(later)]) };
    await nextRefresh();
    const moved = await starts();
    expect(moved).toContain(slot);
    expect(moved).not.toContain(later);

    // The calendar host fails: the server keeps answering from the last good copy and says so.
    feed = { status: 500, body: 'oops' };
    const failing = await until(async () => {
      const h = await health();
      return h.feeds[0]?.error === 'http_500' ? h : undefined;
    });
    expect(failing.ok).toBe(true);
    expect(failing.feeds).toEqual([
      {
        coach: 'maya',
        feed: expect.stringMatching(/^127\.0\.0\.1:\d+#[0-9a-f]{8}$/),
        ok: false,
        lastSuccess: expect.any(String),
        error: 'http_500',
        events: 1,
        skipped: [],
        warnings: [],
      },
    ]);
    const stillMoved = await starts();
    expect(stillMoved).toContain(slot);
    expect(stillMoved).not.toContain(later);

    const log = server.output();
    expect(log).toContain('"event":"feed_failed"');
    expect(log).not.toContain('private-5f3c9a1e77d04b2a');
  });
});
