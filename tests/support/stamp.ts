// Form stamps for tests: one fixed key, given to the in-process app and written into a real server's DUET_DATA.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { formStamps, STAMP_KEY_FILE } from '../../server/booking/formStamp.ts';

export const TEST_STAMP_KEY = Buffer.from('d0e7'.repeat(16), 'hex');

/** A genuine stamp issued at `issuedAt`, as GET /api/config would have answered then. */
export const stampAt = (issuedAt: number): string => formStamps(TEST_STAMP_KEY).issue(issuedAt);

/** Puts the test key into a data folder before the server starts, unless the folder already has a key. */
export function writeTestStampKey(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, STAMP_KEY_FILE);
  if (!existsSync(file)) writeFileSync(file, TEST_STAMP_KEY.toString('hex') + '\n', { mode: 0o600 });
}
