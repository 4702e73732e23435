import { describe, expect, it } from 'vitest';
import { bodyFingerprint, idempotencyKeyHash, readIdempotencyKey, seal, unseal } from '../../../../server/booking/idempotency.ts';

describe('Idempotency-Key records', () => {
  it('accept 1–255 printable ASCII characters and refuse anything else with the header as path', () => {
    expect(readIdempotencyKey(undefined)).toEqual({ ok: true, key: undefined });
    expect(readIdempotencyKey('3f1c2a9e-7b1d-4c55-9d0e-2b7f0c1a2b3c')).toEqual({ ok: true, key: '3f1c2a9e-7b1d-4c55-9d0e-2b7f0c1a2b3c' });
    for (const bad of ['', 'has space', 'x'.repeat(256), 'naïve', 'a\u0000b']) {
      const check = readIdempotencyKey(bad);
      expect(check.ok).toBe(false);
      if (!check.ok) expect(check.issues[0].path).toBe('Idempotency-Key');
    }
  });

  it('store the key only as a hash', () => {
    const hash = idempotencyKeyHash('my-key');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('my-key');
  });

  it('seal the answer so that only the same key opens it', () => {
    const answer = '{"manageUrl":"http://x/manage?token=secret"}';
    const sealed = seal('key-1', answer);
    expect(sealed).not.toContain('secret');
    expect(unseal('key-1', sealed)).toBe(answer);
    expect(unseal('key-2', sealed)).toBeUndefined();
    expect(unseal('key-1', 'garbage')).toBeUndefined();
  });

  it('fingerprint a body the same whatever the key order, and differently when a value changes', () => {
    expect(bodyFingerprint({ a: 1, b: { c: [1, 2] } })).toBe(bodyFingerprint({ b: { c: [1, 2] }, a: 1 }));
    expect(bodyFingerprint({ a: 1 })).not.toBe(bodyFingerprint({ a: 2 }));
    expect(bodyFingerprint({ a: [1, 2] })).not.toBe(bodyFingerprint({ a: [2, 1] }));
  });
});
