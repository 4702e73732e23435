// `npm run erase -- someone@example.com`: deletes everything Duet holds about one address and prints counts only.
// Run it with the server stopped (see README "Privacy"): a message being delivered meanwhile could be written again.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/configFile.ts';
import { filesAbout, removeOutboxFiles } from './privacyFiles.ts';
import { openSqliteStore } from '../store/sqlite/sqliteStore.ts';
import { databaseLabel } from '../store/postgres/databaseUrl.ts';
import { openPostgresStore } from '../store/postgres/postgresStore.ts';
import type { Store } from '../store/port.ts';
import { erasureMatch } from './addressMatch.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = resolve(process.env.DUET_DATA ?? join(root, 'data'));
const configPath = resolve(process.env.DUET_CONFIG ?? join(root, 'examples/duet.config.json'));
const say = (line: string) => process.stdout.write(line + '\n');
const fail = (line: string): never => {
  process.stderr.write(line + '\n');
  process.exit(2);
};

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.length !== 1 || !/^[^\s@]+@[^\s@]+$/.test(args[0].trim())) {
  fail('Usage: npm run erase -- someone@example.com   (one email address)');
}
const address = args[0].trim().toLowerCase();

// The practice's own addresses are in every booking: erasing one would erase them all.
const loaded = existsSync(configPath) ? loadConfig(configPath) : undefined;
if (loaded?.ok) {
  const own = [loaded.config.practice.email, ...loaded.config.coaches.map((c) => c.email)].map((e) => e.toLowerCase());
  if (own.includes(address)) fail("That is the practice's or a coach's address, which every booking holds: nothing was erased.");
}

const dbFile = join(dataDir, 'duet.sqlite');
const outboxDir = join(dataDir, 'outbox');
// With DATABASE_URL, the PostgreSQL database every instance shares (the bookings' holds are never written here).
const databaseUrl = process.env.DATABASE_URL;
const where = databaseUrl ? (databaseLabel(databaseUrl) ?? fail('DATABASE_URL must be a postgres:// or postgresql:// address')) : dataDir;
const store: Store | undefined = databaseUrl
  ? await openPostgresStore(databaseUrl, { bufferMs: 0 }).catch((e: Error) =>
      fail(`The database ${where} does not answer (${e.name}): nothing was erased.`),
    )
  : existsSync(dbFile)
    ? openSqliteStore(dbFile, { coaches: loaded?.ok ? loaded.config.coaches : undefined })
    : undefined;
const rows = (await store?.privacy.erase(erasureMatch(address), Date.now())) ?? {
  bookings: 0,
  upcoming: 0,
  outbox: 0,
  idempotency: 0,
  webhooks: 0,
  bookingIds: [],
};
// The file transport names files after the Message-ID, which carries this hash of the recipient.
const recipientHash = createHash('sha256').update(address).digest('hex').slice(0, 16);
const files = removeOutboxFiles(outboxDir, filesAbout(outboxDir, address, new Set(rows.bookingIds), recipientHash));
const compacted = (await store?.privacy.compact()) ?? { busy: false };
await store?.close();

say(`Erased from ${where}${databaseUrl ? ` and ${dataDir}` : ''}:`);
say(`  bookings:            ${rows.bookings}`);
say(`  outbox messages:     ${rows.outbox}`);
say(`  outbox files:        ${files}`);
say(`  idempotency records: ${rows.idempotency}`);
say(`  webhooks:            ${rows.webhooks}`);
if (rows.upcoming > 0) {
  say(`${rows.upcoming} of these calls had not taken place yet: tell the coaches, whose calendars still hold the invitation.`);
}
if (compacted.busy) {
  say(
    databaseUrl
      ? 'The tables are in use: they could not be rewritten without the erased rows (VACUUM FULL). Run this command again when the instances are quiet.'
      : 'The database is in use (is the server running?): stop the server and run this command again, so that no copy is left in the write-ahead log.',
  );
  process.exitCode = 1;
}
