// The app built around a real SQLite file and a fixed, movable clock, driven through app.request (no socket).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AvailabilityResponse } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import type { Interval } from '../../core/interval.ts';
import { createApp } from '../../server/serverApp.ts';
import type { LogFields, Logger } from '../../server/logger.ts';
import type { BucketOptions } from '../../server/http/rateLimit.ts';
import type { Store, StoreCounts } from '../../server/store/port.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { testConfig } from './fixtures.ts';
import { stampAt, TEST_STAMP_KEY } from './stamp.ts';

/** Monday 2 November 2026, 12:00 UTC: the week ahead has open slots for both test coaches. */
export const NOW = Date.parse('2026-11-02T12:00:00Z');

export interface Harness {
  app: ReturnType<typeof createApp>;
  store: Store;
  /** The SQLite file behind `store`. */
  storeFile: string;
  config: Config;
  logs: LogFields[];
  setNow(ms: number): void;
  /** A genuine form stamp issued `msAgo` (90 s) before the harness's now. */
  stamp(msAgo?: number): string;
  /** A request from `address` (the socket peer the server sees). */
  request(path: string, init?: RequestInit, address?: string): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>, address?: string): Promise<Response>;
  slots(): Promise<AvailabilityResponse['slots']>;
  counts(): Promise<StoreCounts>;
  /** Every byte of the store's files (database and write-ahead log), as latin1 text to search. */
  storeBytes(): string;
  close(): Promise<void>;
}

export function harness(
  opts: {
    config?: Config;
    rateLimit?: BucketOptions;
    availabilityRate?: BucketOptions;
    busy?: () => Record<string, Interval[]>;
  } = {},
): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'duet-api-'));
  const storeFile = join(dir, 'duet.sqlite');
  const store = openSqliteStore(storeFile);
  const config = opts.config ?? testConfig();
  const logs: LogFields[] = [];
  const log: Logger = { info: (f) => logs.push(f), warn: (f) => logs.push(f) };
  let now = NOW;
  const app = createApp({
    config,
    store,
    log,
    clock: () => now,
    busy: opts.busy ?? (() => ({})),
    distDir: dir,
    examplesDir: dir,
    rateLimit: opts.rateLimit ?? { capacity: 1000, refillPerMinute: 1000 },
    stampKey: TEST_STAMP_KEY,
    availabilityRate: opts.availabilityRate ?? { capacity: 1000, refillPerMinute: 1000 },
  });
  const request = (path: string, init?: RequestInit, address = '203.0.113.7') =>
    Promise.resolve(app.request(path, init, { incoming: { socket: { remoteAddress: address } } }));
  return {
    app,
    store,
    storeFile,
    config,
    logs,
    request,
    setNow: (ms) => {
      now = ms;
    },
    stamp: (msAgo = 90_000) => stampAt(now - msAgo),
    post: (path, body, headers = {}, address) =>
      request(
        path,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        },
        address,
      ),
    async slots() {
      return ((await (await request('/api/availability')).json()) as AvailabilityResponse).slots;
    },
    counts: () => store.counts(),
    storeBytes: () =>
      readdirSync(dir)
        .filter((f) => f.startsWith('duet.sqlite'))
        .map((f) => readFileSync(join(dir, f)).toString('latin1'))
        .join('\n'),
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
