// GETs a coach's feed: http, https and webcal only, at most 5 redirects, never to a loopback, private or
// link-local address (unless the configured address is one), within a time and size limit; never throws.
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export interface FetchLimits {
  /** For the whole fetch, redirects and body included. */
  timeoutMs: number;
  maxBytes: number;
}

/** What the last good copy was sent with: asked for again, an unchanged feed answers 304. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export type FetchError =
  | 'bad_url'
  | 'bad_scheme'
  | 'timeout'
  | 'network'
  | 'private_address'
  | 'too_many_redirects'
  | 'bad_redirect'
  | 'too_large'
  | `http_${number}`;

export type FetchOutcome =
  ({ ok: true; unchanged: false; body: Buffer } & Validators) | { ok: true; unchanged: true } | { ok: false; error: FetchError };

export const MAX_REDIRECTS = 5;
const FEED_SCHEMES = ['http:', 'https:', 'webcal:', 'webcals:'];

/** True when a configured feed address uses a scheme Duet fetches. */
export function isFeedScheme(url: string): boolean {
  try {
    return FEED_SCHEMES.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Fetches a feed; webcal:// is tried as https:// and, when that cannot connect, as http://. */
export async function fetchFeed(url: string, limits: FetchLimits, validators: Validators = {}): Promise<FetchOutcome> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, error: 'bad_url' };
  }
  if (!FEED_SCHEMES.includes(parsed.protocol)) return { ok: false, error: 'bad_scheme' };
  const deadline = Date.now() + limits.timeoutMs;
  const allowed = await configuredPrivateAddresses(parsed.hostname);
  if (allowed === null) return { ok: false, error: 'network' };
  if (parsed.protocol === 'webcal:') {
    const secure = await follow(withScheme(parsed, 'https:'), limits, validators, allowed, deadline);
    if (secure.ok || secure.error !== 'network') return secure;
    return follow(withScheme(parsed, 'http:'), limits, validators, allowed, deadline);
  }
  return follow(parsed.protocol === 'webcals:' ? withScheme(parsed, 'https:') : parsed, limits, validators, allowed, deadline);
}

function withScheme(url: URL, scheme: 'http:' | 'https:'): URL {
  return new URL(scheme + url.href.slice(url.protocol.length));
}

/**
 * The loopback, private or link-local addresses of the configured host itself: a practice trying a feed
 * on its own machine or network may fetch it there, and nothing else that is not public. Null when the
 * host does not resolve.
 */
export async function configuredPrivateAddresses(hostname: string): Promise<string[] | null> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return null;
    }
  }
  return addresses.filter((a) => ipaddr.isValid(a) && ipaddr.process(a).range() !== 'unicast');
}

async function follow(start: URL, limits: FetchLimits, validators: Validators, allowed: string[], deadline: number): Promise<FetchOutcome> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, error: 'timeout' };
    const answer = await get(url, limits.maxBytes, validators, allowed, left);
    if (answer.kind !== 'redirect') return answer.outcome;
    if (hop >= MAX_REDIRECTS) return { ok: false, error: 'too_many_redirects' };
    let next: URL;
    try {
      next = new URL(answer.location, url);
    } catch {
      return { ok: false, error: 'bad_redirect' };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return { ok: false, error: 'bad_redirect' };
    url = next;
  }
}

type Answer = { kind: 'redirect'; location: string } | { kind: 'done'; outcome: FetchOutcome };

// One GET through request-filtering-agent, which checks every address the name resolves to when it connects.
function get(url: URL, maxBytes: number, validators: Validators, allowed: string[], timeoutMs: number): Promise<Answer> {
  const done = (outcome: FetchOutcome): Answer => ({ kind: 'done', outcome });
  return new Promise((resolve) => {
    const secure = url.protocol === 'https:';
    const agent = secure
      ? new RequestFilteringHttpsAgent({ allowIPAddressList: allowed, keepAlive: false })
      : new RequestFilteringHttpAgent({ allowIPAddressList: allowed, keepAlive: false });
    const headers: Record<string, string> = { accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1', 'user-agent': 'Duet busy-time reader' };
    if (validators.etag) headers['if-none-match'] = validators.etag;
    if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
    let settled = false;
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      agent.destroy();
      resolve(answer);
    };
    const req = (secure ? httpsRequest : httpRequest)(url, { method: 'GET', agent, headers }, (res) => onResponse(res));
    const timer = setTimeout(() => {
      finish(done({ ok: false, error: 'timeout' }));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => finish(done({ ok: false, error: /is not allowed/.test(err.message) ? 'private_address' : 'network' })));
    req.end();

    const onResponse = (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        res.resume();
        finish({ kind: 'redirect', location });
        return;
      }
      if (status === 304) {
        res.resume();
        finish(done({ ok: true, unchanged: true }));
        return;
      }
      if (status < 200 || status > 299) {
        res.resume();
        finish(done({ ok: false, error: `http_${status}` }));
        return;
      }
      if (Number(res.headers['content-length']) > maxBytes) {
        res.destroy();
        finish(done({ ok: false, error: 'too_large' }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          finish(done({ ok: false, error: 'too_large' }));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish(
          done({
            ok: true,
            unchanged: false,
            body: Buffer.concat(chunks),
            etag: header(res, 'etag'),
            lastModified: header(res, 'last-modified'),
          }),
        ),
      );
      res.on('error', () => finish(done({ ok: false, error: 'network' })));
    };
  });
}

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return typeof value === 'string' && value.length <= 200 ? value : undefined;
}
