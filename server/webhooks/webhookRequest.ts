// POSTs one signed webhook: through request-filtering-agent (as the busy feeds are fetched), which refuses every
// private, loopback and link-local address when it connects — loopback only for an endpoint with allowLoopback —
// no redirects followed, one deadline for the whole exchange; never throws.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { DAY_MS, SECOND_MS } from '../../core/time.ts';

/** Standard Webhooks recommends 15 to 30 seconds for a receiver to answer. */
export const DELIVERY_TIMEOUT_MS = 15 * SECOND_MS;
/** The machine itself: what allowLoopback opens, and nothing else that is not public. */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

export type PostOutcome =
  /** The receiver answered: `retryAfterMs` from its Retry-After header (429, 503), at most a day. */
  | { answered: true; status: number; retryAfterMs?: number }
  | { answered: false; code: 'timeout' | 'network' | 'private_address' | 'bad_url' };

export interface PostOptions {
  timeoutMs: number;
  allowLoopback: boolean;
  now: number;
}

/** The delay a Retry-After header asks for (seconds or an HTTP date), bounded to a day; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const ms = /^\d+$/.test(header.trim()) ? Number(header.trim()) * SECOND_MS : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), DAY_MS) : undefined;
}

export function postWebhook(url: string, headers: Record<string, string>, body: string, options: PostOptions): Promise<PostOutcome> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ answered: false, code: 'bad_url' });
  }
  const secure = target.protocol === 'https:';
  if (!secure && target.protocol !== 'http:') return Promise.resolve({ answered: false, code: 'bad_url' });
  return new Promise((resolve) => {
    const filter = { allowIPAddressList: options.allowLoopback ? LOOPBACK : [], keepAlive: false };
    const agent = secure ? new RequestFilteringHttpsAgent(filter) : new RequestFilteringHttpAgent(filter);
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      agent.destroy();
      resolve(outcome);
    };
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Duet webhooks',
        },
      },
      (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const after = retryAfterMs(typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined, options.now);
        // The status is the answer; the body is not read (a receiver's words never reach a log).
        res.resume();
        finish({ answered: true, status, ...(after === undefined ? {} : { retryAfterMs: after }) });
      },
    );
    const timer = setTimeout(() => finish({ answered: false, code: 'timeout' }), options.timeoutMs);
    req.on('error', (err) => finish({ answered: false, code: /is not allowed/.test(err.message) ? 'private_address' : 'network' }));
    req.end(body);
  });
}
