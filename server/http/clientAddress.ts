// The client's address for rate limiting: the socket's peer, or behind N trusted proxies the Nth X-Forwarded-For entry from the right.
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import ipaddr from 'ipaddr.js';

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

/** The rate-limit buckets an address counts against: its own, and the wider network it sits in. */
export interface AddressBuckets {
  /** The IPv4 address, or the IPv6 /64 (one subscriber usually holds a whole /64 and could take a fresh address per request). */
  own: string;
  /** The IPv4 /24 or the IPv6 /48 (one site's allocation), limited at a higher threshold; absent for what is not an address. */
  wide?: string;
}

/** The buckets of `address` (IPv4 also when mapped into IPv6), by ipaddr.js's arithmetic; anything else is its own bucket. */
export function addressBuckets(address: string): AddressBuckets {
  const bare = address.split('%')[0];
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return v4(bare);
  if (!ipaddr.IPv6.isValid(bare)) return { own: address };
  const v6 = ipaddr.IPv6.parse(bare);
  if (v6.isIPv4MappedAddress()) return v4(v6.toIPv4Address().toString());
  const net = (bits: number) => `${ipaddr.IPv6.networkAddressFromCIDR(`${v6.toString()}/${bits}`).toString()}/${bits}`;
  return { own: net(64), wide: net(48) };
}

function v4(address: string): AddressBuckets {
  const canonical = ipaddr.IPv4.parse(address).toString();
  return { own: canonical, wide: `${ipaddr.IPv4.networkAddressFromCIDR(`${canonical}/24`).toString()}/24` };
}
