import { describe, expect, it } from 'vitest';
import { addressBucket, pickClientAddress } from '../../../../server/http/clientAddress.ts';

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

describe('the rate-limit bucket of an address', () => {
  it('is the IPv4 address itself, also when it arrives mapped into IPv6', () => {
    expect(addressBucket('203.0.113.9')).toBe('203.0.113.9');
    expect(addressBucket('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('is the /64 for IPv6, so that one household cannot rotate through its own addresses', () => {
    expect(addressBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
  });

  it('leaves anything that is not an address as it is', () => {
    expect(addressBucket('unknown')).toBe('unknown');
    expect(addressBucket('1:2:3')).toBe('1:2:3');
  });
});
