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
  const forwarded = (forwardedFor ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
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
