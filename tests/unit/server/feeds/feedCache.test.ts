// The feed cache against a real HTTP server on loopback and its real worker thread: last good copy,
// failures and skipped parts reported, secrets kept, unchanged bytes not expanded again.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedCache, feedLabel, type FeedCacheOptions } from '../../../../server/feeds/feedCache.ts';
import { createFeedRunner, type FeedRunner } from '../../../../server/feeds/feedRunner.ts';
import { jsonLogger } from '../../../../server/logger.ts';
import { DAY_MS } from '../../../../core/time.ts';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
const SECRET = '/calendar/ical/maya%40example.org/private-0123456789abcdef/basic.ics';

/** What the loopback server does for the next requests. */
let respond: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => respond(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

const serve =
  (body: string, status = 200, headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'text/calendar; charset=utf-8', ...headers });
    res.end(body);
  };

/** The real worker runner, counting the expansions it is asked for. */
function countingRunner(): FeedRunner & { reads: number } {
  const real = createFeedRunner();
  const counting = {
    reads: 0,
    read: (...a: Parameters<FeedRunner['read']>) => {
      counting.reads++;
      return real.read(...a);
    },
    warm: () => real.warm(),
    close: () => real.close(),
  };
  return counting;
}

function cacheFor(urls: string[], extra: Partial<FeedCacheOptions> = {}) {
  const lines: string[] = [];
  let now = NOW;
  const runner = countingRunner();
  const cache = createFeedCache({
    coaches: [
      { id: 'maya', timeZone: 'America/New_York', email: 'maya@example.org', busyFeeds: urls },
      { id: 'jonas', timeZone: 'Europe/Berlin', busyFeeds: [] },
    ],
    horizonDays: 28,
    clock: () => now,
    log: jsonLogger((l) => lines.push(l)),
    runner,
    ...extra,
  });
  return {
    cache,
    lines,
    runner,
    later: (ms: number) => {
      now += ms;
    },
  };
}

const iso = (list: { start: number; end: number }[] | undefined) =>
  (list ?? []).map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()]);
const GOOD = [
  ['2026-03-05T15:00:00.000Z', '2026-03-05T16:00:00.000Z'],
  ['2026-03-06T15:00:00.000Z', '2026-03-06T16:00:00.000Z'],
];

describe('the feed cache', () => {
  it('reads a feed, keeps it through a 404, HTML, garbage and a runaway rule, and reports each failure without the URL', async () => {
    const url = base + SECRET;
    const { cache, lines } = cacheFor([url]);
    expect(cache.status()).toEqual([
      { coach: 'maya', feed: feedLabel(url), ok: false, lastSuccess: null, error: 'not_fetched_yet', events: 0, skipped: [], warnings: [] },
    ]);
    expect(cache.busy()).toEqual({});

    respond = serve(fixture('free.ics'));
    await cache.refresh();
    expect(iso(cache.busy().maya)).toEqual(GOOD);
    expect(cache.status()[0]).toMatchObject({
      ok: true,
      lastSuccess: new Date(NOW).toISOString(),
      error: null,
      events: 6,
      skipped: [],
      warnings: [],
    });

    const runaway =
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART:19700101T000000Z\r\nDTEND:19700101T000001Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    for (const [failure, error] of [
      [serve('Not Found', 404, { 'content-type': 'text/plain' }), 'http_404'],
      [serve('<!DOCTYPE html><html><body>Sign in to continue</body></html>', 200, { 'content-type': 'text/html' }), 'not_icalendar'],
      [serve('BEGIN:VCALENDAR\r\n\u0000\u0001 garbage'), 'parse_error'],
      [serve('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:cut-off'), 'parse_error'],
      [serve(runaway), 'over_budget'],
    ] as const) {
      respond = failure;
      await cache.refresh();
      expect(cache.status()[0], error).toMatchObject({ ok: false, lastSuccess: new Date(NOW).toISOString(), error, events: 6 });
      expect(iso(cache.busy().maya)).toEqual(GOOD);
    }

    const log = lines.join('\n');
    expect(log).toContain(`"feed":"${feedLabel(url)}"`);
    expect(log).toContain('"error":"http_404"');
    expect(log).toContain('"error":"over_budget"');
    expect(log).not.toContain('private-0123456789abcdef');
    expect(log).not.toContain('maya%40example.org');
    expect(feedLabel(url)).toMatch(/^127\.0\.0\.1:\d+#[0-9a-f]{8}$/);
    await cache.stop();
  });

  it('a feed with skipped parts and warnings is still ok, and says what it skipped in /healthz and the log', async () => {
    respond = serve(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        'UID:a',
        'DTSTART;TZID=Foo Standard Time:20260303T090000',
        'DTEND;TZID=Foo Standard Time:20260303T100000',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:b',
        'DTSTART:2026-03-04',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    const { cache, lines } = cacheFor([`${base}/warn.ics`]);
    await cache.refresh();
    expect(cache.status()[0]).toMatchObject({
      ok: true,
      error: null,
      events: 2,
      skipped: ['line 8: an event without a readable DTSTART is ignored'],
      warnings: ['zone "Foo Standard Time" is unknown: read in the coach\'s zone'],
    });
    expect(iso(cache.busy().maya)).toEqual([['2026-03-03T14:00:00.000Z', '2026-03-03T15:00:00.000Z']]);
    const read = lines.map((l) => JSON.parse(l)).find((l) => l.event === 'feed_read');
    expect(read).toMatchObject({
      events: 2,
      skipped: 'line 8: an event without a readable DTSTART is ignored',
      warnings: 'zone "Foo Standard Time" is unknown: read in the coach\'s zone',
    });
    await cache.stop();
  });

  it("declined invitations of the coach (by the coach's email) block nothing", async () => {
    respond = serve(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'BEGIN:VEVENT',
        'UID:d',
        'DTSTART:20260303T150000Z',
        'DTEND:20260303T160000Z',
        'ATTENDEE;PARTSTAT=DECLINED:mailto:maya@example.org',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
    const { cache } = cacheFor([`${base}/declined.ics`]);
    await cache.refresh();
    expect(cache.busy().maya).toEqual([]);
    await cache.stop();
  });

  it('does not expand unchanged bytes again: not after a 304, not after the same body, until the horizon moves past them', async () => {
    let requests = 0;
    respond = (req, res) => {
      requests++;
      if (req.headers['if-none-match'] === '"abc"') {
        res.writeHead(304).end();
        return;
      }
      serve(fixture('free.ics'), 200, { etag: '"abc"' })(req, res);
    };
    const { cache, runner, later } = cacheFor([`${base}/etag.ics`]);
    await cache.refresh();
    await cache.refresh();
    expect([requests, runner.reads]).toEqual([2, 1]);
    expect(cache.status()[0]).toMatchObject({ ok: true, error: null });

    respond = serve(fixture('free.ics')); // no validators, the same bytes
    await cache.refresh();
    expect(runner.reads).toBe(1);

    later(8 * DAY_MS); // the horizon now reaches past what was read a week ago
    await cache.refresh();
    expect(runner.reads).toBe(2);
    await cache.stop();
  });

  it('does not expand a runaway feed again while its bytes stay the same', async () => {
    respond = serve(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTART:19700101T000000Z\r\nDTEND:19700101T000001Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
    const { cache, runner } = cacheFor([`${base}/runaway.ics`]);
    await cache.refresh();
    await cache.refresh();
    expect(runner.reads).toBe(1);
    expect(cache.status()[0]).toMatchObject({ ok: false, error: 'over_budget', lastSuccess: null });
    await cache.stop();
  });

  it('merges several feeds of one coach', async () => {
    respond = serve(fixture('no-dtend.ics'));
    const { cache } = cacheFor([`${base}/a.ics`, `${base}/b.ics`]);
    await cache.refresh();
    expect(cache.status().map((s) => s.ok)).toEqual([true, true]);
    expect(iso(cache.busy().maya)).toEqual([
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:30:00.000Z'],
      ['2026-03-05T05:00:00.000Z', '2026-03-06T05:00:00.000Z'],
    ]);
    await cache.stop();
  });
});
