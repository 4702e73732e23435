// A hostile feed (100 × FREQ=MINUTELY, FREQ=SECONDLY since 1970) served over loopback to the real server:
// the API keeps answering while the feed is refreshed, the coach's last good busy times stay, the feed is reported.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileFeed } from '../../bench/feed_hostile.bench.ts';
import type { AvailabilityResponse } from '../../core/api.ts';
import { testConfig } from '../support/fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';

interface Health {
  feeds: { ok: boolean; error: string | null; lastSuccess: string | null; events: number }[];
}

/** One busy event: [start, end) in UTC. */
const calendar = (start: string, end: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Duet tests//EN',
    'BEGIN:VEVENT',
    'UID:busy@test',
    'DTSTAMP:20260101T000000Z',
    `DTSTART:${start.replace(/[-:]|\.\d+/g, '')}`,
    `DTEND:${end.replace(/[-:]|\.\d+/g, '')}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

describe('a hostile feed', () => {
  let body = '';
  let hostileSent = 0;
  let feedServer: Server;
  let server: RunningServer;

  beforeAll(async () => {
    feedServer = createServer((_req, res) => {
      const hostile = body.includes('hostile.example');
      res.writeHead(200, { 'content-type': 'text/calendar' }).end(body, () => {
        if (hostile) hostileSent++;
      });
    });
    await new Promise<void>((r) => feedServer.listen(0, '127.0.0.1', r));
    // One trusted proxy hop: the probes below come from many clients, as a page's visitors do, so that polling every
    // 50 ms stays within the per-client limit on availability.
    const config = testConfig({ practice: { trustProxyHops: 1 } });
    config.coaches[0].busyFeeds = [`http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/calendar/secret/basic.ics`];
    body = calendar('2000-01-01T00:00:00Z', '2000-01-01T01:00:00Z');
    server = await startServer({ config, env: { DUET_FEED_REFRESH_MS: '300' } });
  });
  afterAll(async () => {
    await server?.stop();
    feedServer.closeAllConnections();
    await new Promise<void>((r) => feedServer.close(() => r()));
  });

  const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as Health;
  let client = 0;
  const starts = async () => {
    client++;
    const res = await fetch(`${server.url}/api/availability`, { headers: { 'x-forwarded-for': `10.${client >> 8}.${client & 255}.1` } });
    expect(res.status).toBe(200);
    return ((await res.json()) as AvailabilityResponse).slots.map((s) => s.start);
  };
  const until = async <T>(probe: () => Promise<T | undefined>): Promise<T> => {
    for (;;) {
      const v = await probe();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('keeps answering availability while the server refreshes it, and keeps the last good busy times', async () => {
    // A good copy first: one meeting over an open slot.
    await until(async () => ((await health()).feeds[0]?.ok ? true : undefined));
    const open = await starts();
    const slot = open[3];
    body = calendar(slot, new Date(Date.parse(slot) + 45 * 60_000).toISOString());
    await until(async () => (!(await starts()).includes(slot) ? true : undefined));
    const good = await starts();
    const lastSuccess = (await health()).feeds[0].lastSuccess;

    // Now the hostile copy. Once it has been sent, every answer below while /healthz still shows the good copy
    // was given during the refresh: a server that expanded on its request thread could give none.
    body = hostileFeed();
    await until(async () => (hostileSent > 0 ? true : undefined));
    let during = 0;
    let h: Health;
    for (;;) {
      const answer = await starts();
      h = await health();
      if (h.feeds[0].error !== null) break;
      // The same slots as before (the clock may cross a slot's notice meanwhile): the meeting's time stays taken.
      expect(answer).not.toContain(slot);
      expect(answer.length).toBeGreaterThan(good.length - 3);
      during++;
    }
    expect(during).toBeGreaterThanOrEqual(3);
    expect(h.feeds[0]).toMatchObject({ ok: false, error: 'over_budget', events: 1 });
    expect(h.feeds[0].lastSuccess).not.toBeNull();
    expect(Date.parse(h.feeds[0].lastSuccess!)).toBeGreaterThanOrEqual(Date.parse(lastSuccess!));
    expect(await starts()).not.toContain(slot); // still not offering the time the last good copy holds
    expect(server.output()).toContain('"error":"over_budget"');
  });
});
