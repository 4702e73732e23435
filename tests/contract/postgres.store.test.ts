// The store contract on PostgreSQL: a throwaway cluster of Debian's postgresql for this file, a fresh database
// for every case; "another handle" is a second pool on the same database, as a second instance would hold.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../server/store/port.ts';
import { openPostgresStore } from '../../server/store/postgres/postgresStore.ts';
import { postgresBinDir, startMigratedCluster, type PostgresCluster } from '../support/postgresCluster.ts';
import { describeStoreContract, type StoreUnderTest } from './store.contract.ts';

const run = promisify(execFile);
/** The example config's 10-minute buffer (each booking holds its own two coaches). */
const HOLDS = { bufferMs: 10 * 60_000 };
let cluster: PostgresCluster;
/** A database migrated once, copied for every case (CREATE DATABASE … TEMPLATE): the migrations have their own tests. */
let migrated: string;
beforeAll(async () => {
  ({ cluster, migrated } = await startMigratedCluster(HOLDS));
});
afterAll(async () => {
  await cluster?.stop();
});

async function freshPostgresStore(): Promise<StoreUnderTest> {
  const url = await cluster.createDatabase(migrated);
  const opened: Store[] = [];
  const open = async (at: string) => {
    const s = await openPostgresStore(at, HOLDS);
    opened.push(s);
    return s;
  };
  return {
    store: await open(url),
    another: () => open(url),
    async restore(file) {
      // pg_dump's archive read back into a database of its own, as an operator restores one.
      const copy = await cluster.createDatabase();
      await run(join(postgresBinDir()!, 'pg_restore'), ['--no-owner', `--dbname=${copy}`, file]);
      return openPostgresStore(copy, HOLDS);
    },
    async dispose() {
      for (const s of opened) await s.close();
    },
  };
}

describeStoreContract('PostgreSQL', freshPostgresStore);
