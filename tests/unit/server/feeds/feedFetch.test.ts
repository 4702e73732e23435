// Fetching a feed against a real HTTP server on loopback: schemes, redirects, private addresses, limits, validators.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredPrivateAddresses, fetchFeed, isFeedScheme } from '../../../../server/feeds/feedFetch.ts';

const LIMITS = { timeoutMs: 5_000, maxBytes: 1_000 };
const CALENDAR = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';

let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
let server: Server;
let port: number;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

const text = (o: Awaited<ReturnType<typeof fetchFeed>>) => (o.ok && !o.unchanged ? o.body.toString('utf8') : o);

describe('fetching a feed', () => {
  it('only http, https and webcal addresses are feeds', () => {
    expect(
      ['http://a.example/x.ics', 'https://a.example/x.ics', 'webcal://a.example/x.ics', 'webcals://a.example/x.ics'].map(isFeedScheme),
    ).toEqual([true, true, true, true]);
    expect(['ftp://a.example/x.ics', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'].map(isFeedScheme)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('refuses another scheme without connecting', async () => {
    expect(await fetchFeed('ftp://127.0.0.1/x.ics', LIMITS)).toEqual({ ok: false, error: 'bad_scheme' });
  });

  it('tries webcal:// as https:// first, then as http://', async () => {
    const seen: string[] = [];
    handle = (req, res) => {
      seen.push(req.url ?? '');
      res.end(CALENDAR);
    };
    expect(text(await fetchFeed(`webcal://127.0.0.1:${port}/secret.ics`, LIMITS))).toBe(CALENDAR);
    expect(seen).toEqual(['/secret.ics']); // the TLS attempt never reached HTTP
  });

  it('follows up to 5 redirects, and refuses a sixth', async () => {
    handle = (req, res) => {
      const n = Number(req.url?.slice(1));
      if (n > 0) res.writeHead(302, { location: `/${n - 1}` }).end();
      else res.end(CALENDAR);
    };
    expect(text(await fetchFeed(`${base}/5`, LIMITS))).toBe(CALENDAR);
    expect(await fetchFeed(`${base}/6`, LIMITS)).toEqual({ ok: false, error: 'too_many_redirects' });
  });

  it('never follows a redirect to another loopback, private or link-local address, nor to another scheme', async () => {
    for (const [location, error] of [
      ['http://169.254.169.254/latest/meta-data/', 'private_address'],
      ['http://10.0.0.1/feed.ics', 'private_address'],
      [`http://127.0.0.2:${port}/feed.ics`, 'private_address'],
      [`http://[::1]:${port}/feed.ics`, 'private_address'],
      ['file:///etc/passwd', 'bad_redirect'],
    ] as const) {
      handle = (_req, res) => res.writeHead(301, { location }).end();
      expect(await fetchFeed(`${base}/moved`, LIMITS), location).toEqual({ ok: false, error });
    }
  });

  it('a redirect to the configured address itself is followed', async () => {
    handle = (req, res) =>
      req.url === '/old' ? res.writeHead(307, { location: `http://127.0.0.1:${port}/new` }).end() : res.end(CALENDAR);
    expect(text(await fetchFeed(`${base}/old`, LIMITS))).toBe(CALENDAR);
  });

  it("the configured host's own non-public addresses are the only ones allowed", async () => {
    expect(await configuredPrivateAddresses('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(await configuredPrivateAddresses('[::1]')).toEqual(['::1']);
    expect(await configuredPrivateAddresses('10.1.2.3')).toEqual(['10.1.2.3']);
    expect(await configuredPrivateAddresses('169.254.169.254')).toEqual(['169.254.169.254']);
    expect(await configuredPrivateAddresses('93.184.215.14')).toEqual([]);
    expect(await configuredPrivateAddresses('localhost')).toContain('127.0.0.1');
  });

  it("sends the last copy's validators and reads 304 as unchanged", async () => {
    let asked: Record<string, string | undefined> = {};
    handle = (req, res) => {
      asked = { etag: req.headers['if-none-match'], since: req.headers['if-modified-since'] };
      if (req.headers['if-none-match'] === '"v1"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"', 'last-modified': 'Mon, 02 Mar 2026 10:00:00 GMT' }).end(CALENDAR);
    };
    const first = await fetchFeed(`${base}/feed.ics`, LIMITS);
    expect(first).toMatchObject({ ok: true, unchanged: false, etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    expect(asked).toEqual({ etag: undefined, since: undefined });
    expect(await fetchFeed(`${base}/feed.ics`, LIMITS, { etag: '"v1"', lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' })).toEqual({
      ok: true,
      unchanged: true,
    });
    expect(asked).toEqual({ etag: '"v1"', since: 'Mon, 02 Mar 2026 10:00:00 GMT' });
  });

  it('refuses a body over the size limit, declared or streamed', async () => {
    handle = (_req, res) => res.end('x'.repeat(2_000));
    expect(await fetchFeed(`${base}/big.ics`, LIMITS)).toEqual({ ok: false, error: 'too_large' });
    handle = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/calendar' }); // chunked, no length
      res.write('x'.repeat(900));
      res.write('x'.repeat(900));
      res.end();
    };
    expect(await fetchFeed(`${base}/stream.ics`, LIMITS)).toEqual({ ok: false, error: 'too_large' });
  });

  it('gives up on a server that does not answer in time', async () => {
    handle = () => {}; // never answers
    expect(await fetchFeed(`${base}/slow.ics`, { ...LIMITS, timeoutMs: 200 })).toEqual({ ok: false, error: 'timeout' });
  });

  it('reports an HTTP error status and a refused connection', async () => {
    handle = (_req, res) => res.writeHead(404).end('Not Found');
    expect(await fetchFeed(`${base}/gone.ics`, LIMITS)).toEqual({ ok: false, error: 'http_404' });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await fetchFeed(`http://127.0.0.1:${closedPort}/x.ics`, LIMITS)).toEqual({ ok: false, error: 'network' });
  });
});
