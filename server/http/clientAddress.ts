// The client's address for rate limiting: the socket's peer, or behind N trusted proxies the Nth X-Forwarded-For entry from the right.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * Picks the client from the hop chain `[...X-Forwarded-For, socket peer]`. Each trusted proxy appends
 * the address it saw, so the entry `trustProxyHops` places left of the peer is the last one a trusted
 * proxy wrote; anything further left is whatever the client chose to send and is never believed.
 * With fewer entries than hops (a misconfigured proxy), the leftmost entry we have is used.
 */
export function pickClientAddress(peer: string, forwardedFor: string | undefined, trustProxyHops: number): string {
  if (trustProxyHops <= 0) return peer;
  const forwarded = (forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - trustProxyHops)];
}

/** The socket's peer address, or "unknown" when there is no socket (app.request in tests without env). */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function clientAddress(c: Context, trustProxyHops: number): string {
  return pickClientAddress(socketAddress(c), c.req.header('x-forwarded-for'), trustProxyHops);
}

/**
 * The rate-limit bucket of an address: IPv4 as is (also when mapped into IPv6), IPv6 by its /64,
 * since one subscriber usually holds a whole /64 and could otherwise take a fresh address per request.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail] = address.toLowerCase().split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return address;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
