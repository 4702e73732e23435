// The data folder at start: it must exist and take writes, and its database must be Duet's. What goes wrong is said
// in one line a practice can act on (`Duet cannot start: …`), never as a stack trace.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unavailableReason } from '../store/sqlite/sqliteTransaction.ts';
import { NotADuetDatabase } from '../store/sqlite/sqliteMigrations.ts';

export type FolderCheck = { ok: true } | { ok: false; why: string };

const errno = (e: unknown) => (e as NodeJS.ErrnoException)?.code ?? 'error';

const folderTrouble: Record<string, string> = {
  EACCES: 'may not be written by this user',
  EPERM: 'may not be written by this user',
  EROFS: 'is on a read-only file system',
  ENOSPC: 'is on a full disk',
  ENOTDIR: 'is not a folder',
  EEXIST: 'is not a folder',
};

/** Creates `dir` if needed and proves it takes a write (a probe file, written and removed). */
export function checkDataFolder(dir: string): FolderCheck {
  try {
    mkdirSync(dir, { recursive: true });
    const probe = join(dir, `.duet-write-check-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe, { force: true });
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      why: `the data folder ${dir} ${folderTrouble[errno(e)] ?? `cannot be written (${errno(e)})`} (set DUET_DATA to another folder)`,
    };
  }
}

/** The one line for a store that would not open at `file`. */
export function storeOpenTrouble(e: unknown, file: string): string {
  if (e instanceof NotADuetDatabase) return `${file} is not a Duet database (${e.detail}): move it away or set DUET_DATA to another folder`;
  const reason = unavailableReason(e);
  switch (reason) {
    case 'corrupt':
      return `${file} is not a Duet database (it is not an SQLite file, or it is damaged): restore a backup (see README "Backups")`;
    case 'full':
      return `the disk holding ${file} is full`;
    case 'read_only':
      return `${file} cannot be written (read-only)`;
    case 'busy':
      return `${file} is locked by another program`;
    case 'io':
      return `${file} cannot be read or written (${errno(e)})`;
    default:
      return `${file} could not be opened (${errno(e)})`;
  }
}
