// The form stamp: GET /api/config hands out the server's signed note of "now"; a booking brings it back as
// meta.stamp. Only the server can make one, so the minimum fill time counts from an instant the sender cannot choose.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/port.ts';

/** A stamp may be used, as often as the form needs, for this long after it was issued. */
export const STAMP_TTL_MS = 24 * 3_600_000;

export type StampReading = { ok: true; issuedAt: number } | { ok: false; reason: 'missing' | 'forged' | 'expired' };

const VERSION = 'v1';

const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url');

/** Issues and reads stamps signed with `key` (HMAC-SHA-256): `v1.<issued ms, base 36>.<signature>`. */
export function formStamps(key: Buffer) {
  return {
    issue(now: number): string {
      const body = `${VERSION}.${Math.floor(now).toString(36)}`;
      return `${body}.${sign(key, body)}`;
    },
    read(stamp: string | undefined, now: number): StampReading {
      if (stamp === undefined || stamp === '') return { ok: false, reason: 'missing' };
      const parts = stamp.split('.');
      if (parts.length !== 3 || parts[0] !== VERSION || !/^[0-9a-z]{1,12}$/.test(parts[1])) return { ok: false, reason: 'forged' };
      const expected = Buffer.from(sign(key, `${parts[0]}.${parts[1]}`));
      const given = Buffer.from(parts[2]);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
      const issuedAt = parseInt(parts[1], 36);
      if (now - issuedAt > STAMP_TTL_MS) return { ok: false, reason: 'expired' };
      return { ok: true, issuedAt };
    },
  };
}

export type FormStamps = ReturnType<typeof formStamps>;

/** Where the store keeps the key (`Store.sharedValue`): every instance on one store signs and honours the same stamps. */
export const STAMP_KEY_NAME = 'form_stamp_key';

/** A key as the store or DUET_FORM_STAMP_KEY holds it: 64 hex digits (32 bytes); undefined for anything else. */
export function parseStampKey(hex: string): Buffer | undefined {
  const trimmed = hex.trim();
  return /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : undefined;
}

/** The key for this server: DUET_FORM_STAMP_KEY when set, else the store's, made by whichever instance starts first. */
export async function stampKeyOf(store: Pick<Store, 'sharedValue'>, fromEnv: string | undefined): Promise<Buffer | undefined> {
  if (fromEnv !== undefined && fromEnv !== '') return parseStampKey(fromEnv);
  return parseStampKey(await store.sharedValue(STAMP_KEY_NAME, randomBytes(32).toString('hex')));
}
