import { describe, expect, it } from 'vitest';
import { addressBuckets, pickClientAddress } from '../../../../server/http/clientAddress.ts';

describe('the client address used for rate limiting', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(pickClientAddress('198.51.100.4', '1.2.3.4', 0)).toBe('198.51.100.4');
    expect(pickClientAddress('198.51.100.4', undefined, 0)).toBe('198.51.100.4');
  });

  it('behind one proxy is the address that proxy appended, not one the client wrote before it', () => {
    expect(pickClientAddress('10.0.0.1', '6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
  });

  it('behind two proxies is the second entry from the right', () => {
    expect(pickClientAddress('10.0.0.1', '6.6.6.6,203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
  });

  it('falls back to the leftmost known hop when the header is shorter than the trusted hops', () => {
    expect(pickClientAddress('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
    expect(pickClientAddress('10.0.0.1', '203.0.113.9', 3)).toBe('203.0.113.9');
  });
});

describe('the rate-limit buckets of an address', () => {
  it('are the IPv4 address and its /24, also when it arrives mapped into IPv6', () => {
    expect(addressBuckets('203.0.113.9')).toEqual({ own: '203.0.113.9', wide: '203.0.113.0/24' });
    expect(addressBuckets('::ffff:203.0.113.9')).toEqual({ own: '203.0.113.9', wide: '203.0.113.0/24' });
  });

  it('are the /64 and the /48 for IPv6, so that one household or one site cannot rotate through its own addresses', () => {
    expect(addressBuckets('2001:db8:1:2:aaaa::1')).toEqual({ own: '2001:db8:1:2::/64', wide: '2001:db8:1::/48' });
    expect(addressBuckets('2001:0db8:0001:0002:ffff:0:0:9')).toEqual({ own: '2001:db8:1:2::/64', wide: '2001:db8:1::/48' });
    expect(addressBuckets('2001:db8:1:ffff::9')).toEqual({ own: '2001:db8:1:ffff::/64', wide: '2001:db8:1::/48' });
    expect(addressBuckets('2001:db8::1')).toEqual({ own: '2001:db8::/64', wide: '2001:db8::/48' });
    expect(addressBuckets('fe80::1%eth0')).toEqual({ own: 'fe80::/64', wide: 'fe80::/48' });
    expect(addressBuckets('::1')).toEqual({ own: '::/64', wide: '::/48' });
  });

  it('leave anything that is not an address in a bucket of its own, with no wider one', () => {
    expect(addressBuckets('unknown')).toEqual({ own: 'unknown' });
    expect(addressBuckets('1:2:3')).toEqual({ own: '1:2:3' });
    expect(addressBuckets('0x7f.1')).toEqual({ own: '0x7f.1' });
  });
});
