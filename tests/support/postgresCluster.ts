// A throwaway PostgreSQL cluster of Debian's postgresql package: initdb into a temp folder, pg_ctl on a free loopback
// port with its unix socket in that folder (as the postgres user when run as root), stopped and removed at the end.
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { openPostgresStore, type PostgresStoreOptions } from '../../server/store/postgres/postgresStore.ts';

const run = promisify(execFile);

/** The newest installed server's bin folder (/usr/lib/postgresql/<version>/bin), or undefined when none is. */
export function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')) && existsSync(join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

export interface PostgresCluster {
  /** `postgres://…` of the cluster's `postgres` database (the superuser `duet`, trusted on loopback). */
  readonly url: string;
  readonly port: number;
  /** The cluster's data folder (the tables' files are under base/). */
  readonly dataDir: string;
  /** A new database, empty or a copy of `template` (which nobody may be connected to); its `postgres://…` address. */
  createDatabase(template?: string): Promise<string>;
  /** Stops the server and deletes its folder. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS's pick for port 0). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL program; as root, as the postgres user (the server refuses to run as root). */
function asOwner(asRoot: boolean, program: string, args: string[]) {
  return asRoot ? run('runuser', ['-u', 'postgres', '--', program, ...args]) : run(program, args);
}

let databases = 0;

/** Starts a fresh cluster. Throws when the postgresql package is missing. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql); /usr/lib/postgresql/<version>/bin is missing');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'duet-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await asOwner(asRoot, join(bin, 'initdb'), ['-D', data, '-U', 'duet', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  } catch (e) {
    remove();
    throw e;
  }

  // Another process may take the free port between the look and the start: try again with a new one.
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    try {
      await asOwner(asRoot, join(bin, 'pg_ctl'), ['-D', data, '-l', log, '-o', options, '-w', '-t', '30', 'start']);
      break;
    } catch (e) {
      if (attempt < 3) continue;
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8') : '';
      remove();
      throw new Error(`pg_ctl start failed: ${(e as Error).message}\n${serverLog}`);
    }
  }

  const url = `postgres://duet@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dataDir: data,
    async createDatabase(template) {
      const name = `duet_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const from = template ? ` TEMPLATE ${pg.escapeIdentifier(decodeURIComponent(new URL(template).pathname.slice(1)))}` : '';
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
      } finally {
        await client.end();
      }
      return `postgres://duet@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await asOwner(asRoot, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        remove();
      }
    },
  };
}

/** A cluster with one database migrated by the store, for the cases to copy (CREATE DATABASE … TEMPLATE): fast, and the migrations have their own tests. */
export async function startMigratedCluster(options: PostgresStoreOptions): Promise<{ cluster: PostgresCluster; migrated: string }> {
  const cluster = await startPostgresCluster();
  const migrated = await cluster.createDatabase();
  await (await openPostgresStore(migrated, options)).close();
  return { cluster, migrated };
}
