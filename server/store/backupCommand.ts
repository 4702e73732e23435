// `npm run backup -- FILE`: a consistent copy of the database taken through SQLite's online backup while the server
// keeps serving (the form stamps' key is in it too), with the file outbox beside it. Prints counts only.
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeOpenTrouble } from '../config/dataFolder.ts';
import { openSqliteStore } from './sqlite/sqliteStore.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = resolve(process.env.DUET_DATA ?? join(root, 'data'));
const say = (line: string) => process.stdout.write(line + '\n');
const fail = (line: string): never => {
  process.stderr.write(line + '\n');
  process.exit(2);
};

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.length !== 1) fail('Usage: npm run backup -- FILE   (for example /backups/duet-2026-12-01.sqlite)');
const target = resolve(args[0]);
const dbFile = join(dataDir, 'duet.sqlite');
if (!existsSync(dbFile)) fail(`There is no Duet database in ${dataDir} (set DUET_DATA to the server's data folder).`);
if (target === dbFile) fail('The backup must go to another file than the database itself.');

let store;
try {
  store = openSqliteStore(dbFile);
} catch (e) {
  fail(`Duet cannot back up: ${storeOpenTrouble(e, dbFile)}`);
}
mkdirSync(dirname(target), { recursive: true });
// Written under another name and renamed when complete: a file named FILE is always a whole backup.
const partial = `${target}.partial`;
rmSync(partial, { force: true });
try {
  await store!.backup(partial);
} catch (e) {
  rmSync(partial, { force: true });
  fail(`Duet cannot back up: ${storeOpenTrouble(e, dbFile)}`);
} finally {
  await store!.close();
}
renameSync(partial, target);

const copy = openSqliteStore(target);
const counts = await copy.counts();
await copy.close();

// The .eml/.ics files of the file outbox (when mail goes to files).
const outboxDir = join(dataDir, 'outbox');
const files = existsSync(outboxDir) ? readdirSync(outboxDir).filter((f) => /\.(eml|ics)$/.test(f)) : [];
const outboxCopy = `${target}.outbox`;
rmSync(outboxCopy, { recursive: true, force: true });
if (files.length > 0) {
  mkdirSync(outboxCopy, { recursive: true });
  for (const f of files) cpSync(join(outboxDir, f), join(outboxCopy, f), { preserveTimestamps: true });
}

say(`Backed up ${dataDir} to ${target}:`);
say(`  bookings:        ${counts.bookings}`);
say(`  outbox messages: ${counts.outbox}`);
say(`  outbox files:    ${files.length}${files.length ? ` (in ${outboxCopy})` : ''}`);
