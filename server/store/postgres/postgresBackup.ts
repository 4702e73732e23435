// The PostgreSQL store's backup: pg_dump's consistent snapshot (one repeatable-read transaction) of the whole
// database into a custom-format archive, taken while every instance keeps serving; pg_restore reads it back.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { StoreUnavailable } from '../port.ts';

const run = promisify(execFile);

/** pg_dump from PATH, else the newest one of Debian's postgresql packages (a newer pg_dump reads older servers). */
export function findPgDump(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'pg_dump')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return versions.length ? join(base, versions[0], 'bin', 'pg_dump') : 'pg_dump';
}

/**
 * Dumps the database at `connectionString` into `file`. The password travels in PGPASSWORD, never on pg_dump's
 * command line (which every local user can read).
 */
export async function pgDump(connectionString: string, file: string): Promise<void> {
  const url = new URL(connectionString);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  try {
    await run(findPgDump(), ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${url.toString()}`], { env });
  } catch (e) {
    // No pg_dump on this machine, or the server refused: the backup cannot be taken now (the message names no secret).
    throw new StoreUnavailable('io', { cause: e });
  }
}
