// Idempotency-Key: the key is kept only as a hash, the first answer sealed (AES-256-GCM) under a key derived from it,
// so the store alone cannot replay the manage link inside that answer.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { FieldIssue } from '../../core/issues.ts';

/** Printable ASCII, as RFC drafts and Stripe-style clients send (UUIDs, ULIDs, random strings). */
const KEY = /^[\x21-\x7e]{1,255}$/;

export type KeyCheck = { ok: true; key: string | undefined } | { ok: false; issues: FieldIssue[] };

/** The header's key, absent, or a 422 issue when it is not 1–255 printable ASCII characters. */
export function readIdempotencyKey(header: string | undefined): KeyCheck {
  if (header === undefined) return { ok: true, key: undefined };
  return KEY.test(header)
    ? { ok: true, key: header }
    : { ok: false, issues: [{ path: 'Idempotency-Key', message: 'use 1 to 255 printable ASCII characters, such as a UUID' }] };
}

/** The lookup id of a key: a hash, so the store never holds keys a client might reuse elsewhere. */
export function idempotencyKeyHash(key: string): string {
  return createHash('sha256').update('duet-idempotency-id\0').update(key).digest('hex');
}

/** A fingerprint of the request body, independent of key order and whitespace. */
export function bodyFingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sealingKey = (key: string) => Buffer.from(hkdfSync('sha256', key, 'duet-idempotency-salt', 'duet-idempotency-seal', 32));

/** Encrypts the answer under the Idempotency-Key: "iv.tag.ciphertext" in base64url. */
export function seal(key: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(key), iv);
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

/** Decrypts a sealed answer; undefined when it was not sealed under this key. */
export function unseal(key: string, sealed: string): string | undefined {
  const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !data) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(key), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
