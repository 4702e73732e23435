// The form stamps' key: kept in the store, made by whichever instance asks first and the same for every other one
// on that store (a stamp from one must be good at another); DUET_FORM_STAMP_KEY, when set, is the key instead.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formStamps, parseStampKey, stampKeyOf } from '../../../../server/booking/formStamp.ts';
import type { Store } from '../../../../server/store/port.ts';
import { openSqliteStore } from '../../../../server/store/sqlite/sqliteStore.ts';

const opened: Store[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const storeIn = (dir: string) => {
  const store = openSqliteStore(join(dir, 'duet.sqlite'));
  opened.push(store);
  return store;
};

describe('the form stamp key', () => {
  it('is made once in the store, and every handle on it (every instance) gets the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-key-'));
    dirs.push(dir);
    const [a, b] = [storeIn(dir), storeIn(dir)];
    const [ka, kb] = await Promise.all([stampKeyOf(a, undefined), stampKeyOf(b, undefined)]);
    expect(ka).toHaveLength(32);
    expect(kb!.equals(ka!)).toBe(true);
    expect((await stampKeyOf(a, ''))!.equals(ka!)).toBe(true);
    // A stamp issued by one instance is good at the other, and after a restart.
    const stamp = formStamps(ka!).issue(1_000_000);
    expect(formStamps(kb!).read(stamp, 1_060_000)).toEqual({ ok: true, issuedAt: 1_000_000 });
    expect(formStamps((await stampKeyOf(storeIn(dir), undefined))!).read(stamp, 1_060_000)).toEqual({ ok: true, issuedAt: 1_000_000 });
  });

  it('is DUET_FORM_STAMP_KEY when that is set, and nothing when it is not 64 hex digits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-key-'));
    dirs.push(dir);
    const store = storeIn(dir);
    expect((await stampKeyOf(store, 'ab'.repeat(32)))!.toString('hex')).toBe('ab'.repeat(32));
    expect(await stampKeyOf(store, 'not a key')).toBeUndefined();
    expect(parseStampKey(` ${'0F'.repeat(32)}\n`)!.toString('hex')).toBe('0f'.repeat(32));
    expect(parseStampKey('0f'.repeat(31))).toBeUndefined();
  });
});
