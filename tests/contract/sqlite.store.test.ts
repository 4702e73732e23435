// The store contract on SQLite, on a real file in a temporary folder; then what only a file-based store meets:
// another process holding the write lock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Store } from '../../server/store/port.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { holdStoreLock } from '../support/storeLock.ts';
import { describeStoreContract, type StoreUnderTest } from './store.contract.ts';

async function freshSqliteStore(): Promise<StoreUnderTest & { file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'duet-contract-'));
  const file = join(dir, 'duet.sqlite');
  const opened: Store[] = [];
  const open = (f: string) => {
    const s = openSqliteStore(f);
    opened.push(s);
    return s;
  };
  return {
    file,
    store: open(file),
    another: async () => open(file),
    restore: async (backup) => openSqliteStore(backup),
    async dispose() {
      for (const s of opened) await s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeStoreContract('SQLite on a real file', freshSqliteStore);

describe('the SQLite store while another process holds its write lock', () => {
  it('keeps answering reads, gives a write up as StoreUnavailable without stalling the event loop, and writes once the lock is free', async () => {
    const under = await freshSqliteStore();
    const { store } = under;
    try {
      const holder = await holdStoreLock(under.file);
      try {
        expect(await store.health(0)).toEqual({ ok: true, outbox: { pending: 0, failed: 0, oldestPendingAgeMs: 0 } });
        let ticks = 0;
        const ticker = setInterval(() => ticks++, 10);
        await expect(store.purgeIdempotency(0)).rejects.toMatchObject({ name: 'StoreUnavailable', reason: 'busy' });
        await expect(store.runPlan(0, () => ({ result: 0 }))).rejects.toMatchObject({ name: 'StoreUnavailable', reason: 'busy' });
        clearInterval(ticker);
        // Between attempts the store awaited instead of blocking: timers kept firing throughout.
        expect(ticks).toBeGreaterThan(20);
      } finally {
        await holder.release();
      }
      expect(await store.purgeIdempotency(0)).toBe(0);
      expect(await store.runPlan(0, () => ({ result: 'written' }))).toBe('written');
    } finally {
      await under.dispose();
    }
  });
});
