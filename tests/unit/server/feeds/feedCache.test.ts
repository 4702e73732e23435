// The feed cache against a real HTTP server on loopback: last good copy, failures reported, secrets kept.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedCache, feedLabel, fetchFeed } from '../../../../server/feeds/feedCache.ts';
import { jsonLogger } from '../../../../server/logger.ts';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
const SECRET = '/calendar/ical/maya%40example.org/private-0123456789abcdef/basic.ics';

/** What the loopback server does for the next requests. */
let respond: (res: ServerResponse) => void = (res) => res.end();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((_req, res) => respond(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

const serve = (body: string, status = 200, type = 'text/calendar; charset=utf-8') => (res: ServerResponse) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

function cacheFor(url: string, extra: { timeoutMs?: number; maxBytes?: number } = {}) {
  const lines: string[] = [];
  const cache = createFeedCache({
    coaches: [{ id: 'maya', timeZone: 'America/New_York', busyFeeds: [url] }, { id: 'jonas', timeZone: 'Europe/Berlin', busyFeeds: [] }],
    horizonDays: 28, clock: () => NOW, log: jsonLogger((l) => lines.push(l)), ...extra,
  });
  return { cache, lines };
}

const iso = (list: { start: number; end: number }[] | undefined) => (list ?? []).map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()]);

describe('the feed cache', () => {
  it('reads a feed, keeps it through a 404, HTML and garbage, and reports each failure without the URL', async () => {
    const url = base + SECRET;
    const { cache, lines } = cacheFor(url);
    expect(cache.status()).toEqual([{ coach: 'maya', feed: feedLabel(url), ok: false, lastSuccess: null, error: 'not_fetched_yet' }]);
    expect(cache.busy()).toEqual({});

    respond = serve(fixture('free.ics'));
    await cache.refresh();
    const good = [['2026-03-05T15:00:00.000Z', '2026-03-05T16:00:00.000Z'], ['2026-03-06T15:00:00.000Z', '2026-03-06T16:00:00.000Z']];
    expect(iso(cache.busy().maya)).toEqual(good);
    expect(cache.status()[0]).toMatchObject({ ok: true, lastSuccess: new Date(NOW).toISOString(), error: null });

    for (const [failure, error] of [
      [serve('Not Found', 404, 'text/plain'), 'http_404'],
      [serve('<!DOCTYPE html><html><body>Sign in to continue</body></html>', 200, 'text/html'), 'not_icalendar'],
      [serve('BEGIN:VCALENDAR\r\n\u0000\u0001 garbage'), 'parse_error'],
      [serve('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:cut-off'), 'parse_error'],
    ] as const) {
      respond = failure;
      await cache.refresh();
      expect(cache.status()[0]).toMatchObject({ ok: false, lastSuccess: new Date(NOW).toISOString(), error });
      expect(iso(cache.busy().maya)).toEqual(good);
    }

    const log = lines.join('\n');
    expect(log).toContain(`"feed":"${feedLabel(url)}"`);
    expect(log).toContain('"error":"http_404"');
    expect(log).not.toContain('private-0123456789abcdef');
    expect(log).not.toContain('maya%40example.org');
    expect(feedLabel(url)).toMatch(/^127\.0\.0\.1:\d+#[0-9a-f]{8}$/);
  });

  it('gives up on a feed that does not answer in time, keeping nothing it never had', async () => {
    respond = () => {}; // never answers
    const { cache } = cacheFor(`${base}/slow.ics`, { timeoutMs: 200 });
    await cache.refresh();
    expect(cache.status()[0]).toMatchObject({ ok: false, lastSuccess: null, error: 'timeout' });
    expect(cache.busy()).toEqual({ maya: [] });
  });

  it('refuses a body over the size limit, declared or streamed', async () => {
    const limits = { timeoutMs: 5_000, maxBytes: 1_000, fetch };
    respond = serve(fixture('google.ics')); // ~4 kB with a Content-Length
    expect(await fetchFeed(`${base}/big.ics`, limits)).toEqual({ ok: false, error: 'too_large' });
    respond = (res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' }); // chunked, no length
      res.write('BEGIN:VCALENDAR\r\n' + 'X-PAD:'.padEnd(900, 'x') + '\r\n');
      res.write('X-PAD:'.padEnd(900, 'x') + '\r\n');
      res.end('END:VCALENDAR\r\n');
    };
    expect(await fetchFeed(`${base}/stream.ics`, limits)).toEqual({ ok: false, error: 'too_large' });
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await fetchFeed(`http://127.0.0.1:${port}/x.ics`, { timeoutMs: 5_000, maxBytes: 1_000, fetch })).toEqual({ ok: false, error: 'network' });
  });

  it('merges several feeds of one coach', async () => {
    respond = serve(fixture('no-dtend.ics'));
    const cache = createFeedCache({
      coaches: [{ id: 'maya', timeZone: 'America/New_York', busyFeeds: [`${base}/a.ics`, `${base}/b.ics`] }],
      horizonDays: 28, clock: () => NOW, log: jsonLogger(() => {}),
    });
    await cache.refresh();
    expect(cache.status().map((s) => s.ok)).toEqual([true, true]);
    expect(iso(cache.busy().maya)).toEqual([
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:30:00.000Z'],
      ['2026-03-05T05:00:00.000Z', '2026-03-06T05:00:00.000Z'],
    ]);
  });
});
