// The form stamp: GET /api/config hands out the server's signed note of "now"; a booking brings it back as
// meta.stamp. Only the server can make one, so the minimum fill time counts from an instant the sender cannot choose.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A stamp may be used, as often as the form needs, for this long after it was issued. */
export const STAMP_TTL_MS = 24 * 3_600_000;

export type StampReading =
  | { ok: true; issuedAt: number }
  | { ok: false; reason: 'missing' | 'forged' | 'expired' };

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

/** The file in DUET_DATA that holds the key, so that a restart (or a second server on the folder) honours the stamps out there. */
export const STAMP_KEY_FILE = 'form-stamp.key';

/** Reads the stamp key from `dataDir`, making it on the first start; two servers starting together end up with one key. */
export function loadStampKey(dataDir: string): Buffer {
  const file = join(dataDir, STAMP_KEY_FILE);
  const read = () => {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file} does not hold a Duet key (64 hex digits)`);
    return Buffer.from(hex, 'hex');
  };
  try {
    return read();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dataDir, { recursive: true });
  // Written whole under another name, then linked into place: a server starting at the same moment reads either
  // no file or a complete one, and the one whose link loses reads the winner's key.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, randomBytes(32).toString('hex') + '\n', { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(draft, { force: true });
  }
  return read();
}
