// The entry point: reads the environment and the config, opens the store, starts the outbox and the HTTP server.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './serverApp.ts';
import { baseUrlWarning } from './config/baseUrlCheck.ts';
import { loadConfig } from './config/configFile.ts';
import { createFeedCache } from './feeds/feedCache.ts';
import { stampKeyOf } from './booking/formStamp.ts';
import { checkDataFolder, storeOpenTrouble } from './config/dataFolder.ts';
import { watchPeers } from './config/dataFolderPeers.ts';
import { jsonLogger } from './logger.ts';
import { OUTBOX_LEASE_MS, startOutbox } from './mail/outboxWorker.ts';
import { undeliverableNotices } from './mail/undeliverableNotice.ts';
import { startReminders } from './mail/reminders.ts';
import { startHoldRelease } from './booking/releaseHolds.ts';
import { startRetention } from './privacy/retention.ts';
import { openSqliteStore } from './store/sqlite/sqliteStore.ts';
import { databaseLabel } from './store/postgres/databaseUrl.ts';
import { openPostgresStore } from './store/postgres/postgresStore.ts';
import { StoreUnavailable, type Store } from './store/port.ts';
import { MINUTE_MS } from '../core/time.ts';
import { fileTransport, smtpTransport } from './mail/mailTransport.ts';
import { startWebhooks } from './webhooks/webhookWorker.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;
// An empty PORT= means the default, not "any free port" (Number('') is 0).
const port = Number(env.PORT || 8787);
const configPath = resolve(env.DUET_CONFIG ?? join(root, 'examples/duet.config.json'));
const dataDir = resolve(env.DUET_DATA ?? join(root, 'data'));

const loaded = loadConfig(configPath);
if (!loaded.ok) {
  process.stderr.write(`Duet cannot start: the configuration ${configPath} has ${loaded.errors.length} mistake(s):\n`);
  for (const e of loaded.errors) process.stderr.write(`  ${e}\n`);
  process.exit(1);
}
const config = loaded.config;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`Duet cannot start: PORT must be a port number, got ${JSON.stringify(env.PORT)}\n`);
  process.exit(1);
}

// Seconds matter only in tests: the busy feeds are fetched again this often (default 5 minutes).
const feedRefreshMs = Number(env.DUET_FEED_REFRESH_MS ?? 300_000);
if (!Number.isInteger(feedRefreshMs) || feedRefreshMs < 100) {
  process.stderr.write(
    `Duet cannot start: DUET_FEED_REFRESH_MS must be a whole number of milliseconds (at least 100), got ${JSON.stringify(env.DUET_FEED_REFRESH_MS)}\n`,
  );
  process.exit(1);
}

// Likewise: how long a claimed message stays this instance's before another may send it (default 5 minutes).
const outboxLeaseMs = Number(env.DUET_OUTBOX_LEASE_MS ?? OUTBOX_LEASE_MS);
if (!Number.isInteger(outboxLeaseMs) || outboxLeaseMs < 1000) {
  process.stderr.write(
    `Duet cannot start: DUET_OUTBOX_LEASE_MS must be a whole number of milliseconds (at least 1000), got ${JSON.stringify(env.DUET_OUTBOX_LEASE_MS)}\n`,
  );
  process.exit(1);
}

const cannotStart = (why: string): never => {
  process.stderr.write(`Duet cannot start: ${why}\n`);
  process.exit(1);
};

const folder = checkDataFolder(dataDir);
if (!folder.ok) cannotStart(folder.why);
const dbFile = join(dataDir, 'duet.sqlite');
// DATABASE_URL=postgres://… puts the store in PostgreSQL, shared by any number of instances; else the SQLite file.
const store: Store = env.DATABASE_URL
  ? await openDatabase(env.DATABASE_URL)
  : (() => {
      try {
        // The configured coaches: a data file from before the pool gives its calls the first two of them.
        return openSqliteStore(dbFile, { coaches: config.coaches });
      } catch (e) {
        return cannotStart(storeOpenTrouble(e, dbFile));
      }
    })();
// One key for every instance on the store (or DUET_FORM_STAMP_KEY): a stamp handed out by one is good at another.
const stampKey = await stampKeyOf(store, env.DUET_FORM_STAMP_KEY).catch((e: unknown) =>
  cannotStart(`the store did not answer for the form stamp key (${e instanceof StoreUnavailable ? e.reason : (e as Error).name})`),
);
if (!stampKey) cannotStart('DUET_FORM_STAMP_KEY must be 64 hex digits (for example from `openssl rand -hex 32`)');
const log = jsonLogger();
const owner = `${hostname()}:${process.pid}:${randomBytes(6).toString('base64url')}`;
// Two servers on one folder send each message once (the outbox lease), but should say so: it is rarely meant.
const peers = watchPeers(dataDir, owner, () => Date.now(), log);
const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL) : fileTransport(join(dataDir, 'outbox'));
const clock = () => Date.now();
const outbox = startOutbox(store, transport, clock, log, {
  owner,
  leaseMs: outboxLeaseMs,
  notices: (booking, recipient, code) => undeliverableNotices(config, booking, recipient, code),
});
// Webhooks to the practice's own tools (config `webhooks`), queued with each change, delivered like the mail.
const webhooks = startWebhooks(store, config, clock, log, { owner });
const reminders = startReminders({ config, store, clock, log, onOutbox: () => outbox.wake() });
// With call.partnerConfirmation "require": releases the holds person two did not confirm in time, now and every minute.
const holds = startHoldRelease({
  config,
  store,
  clock,
  log,
  onOutbox: () => {
    outbox.wake();
    webhooks.wake();
  },
});
// Deletes answers and contact data privacy.retentionDays after each call: now, then daily. The file outbox is
// swept even with SMTP_URL set: files from an earlier run without it hold addresses too.
const retention = startRetention({ store, clock, log, retentionDays: config.privacy.retentionDays, outboxDir: join(dataDir, 'outbox') });

const feeds = createFeedCache({ coaches: config.coaches, horizonDays: config.call.horizonDays, clock, log, refreshMs: feedRefreshMs });
feeds.start(); // the first fetch runs now; availability answers from whatever is cached meanwhile

const app = createApp({
  config,
  store,
  clock,
  log,
  busy: () => feeds.busy(),
  feedStatus: () => feeds.status(),
  onOutbox: () => {
    outbox.wake();
    webhooks.wake();
  },
  outboxStatus: () => outbox.status(),
  webhookStatus: () => webhooks.status(),
  stampKey,
  distDir: join(root, 'dist'),
  examplesDir: join(root, 'examples'),
});

const server = serve({ fetch: app.fetch, port }, (info) => {
  log.info({ event: 'listening', port: info.port, mail: env.SMTP_URL ? 'smtp' : 'files', store: env.DATABASE_URL ? 'postgres' : 'sqlite' });
  process.stdout.write(`Duet is running on http://localhost:${info.port}/\n`);
  const warning = baseUrlWarning(config.practice.baseUrl, info.port);
  if (warning) process.stderr.write(`${warning}\n`);
});
// A port already taken is a setup mistake, not a crash: say which port and how to choose another.
server.on('error', (e: NodeJS.ErrnoException) => {
  const why =
    e.code === 'EADDRINUSE'
      ? `port ${port} is already in use (set PORT to another one)`
      : e.code === 'EACCES'
        ? `port ${port} needs other permissions (set PORT to another one)`
        : `the server could not listen (${e.code ?? 'error'})`;
  process.stderr.write(`Duet cannot start: ${why}\n`);
  process.exit(1);
});
void outbox.flush();
void webhooks.flush();

/** The PostgreSQL store, migrated; a database that cannot be reached is a setup mistake, said without the password. */
async function openDatabase(url: string): Promise<Store> {
  const where = databaseLabel(url);
  if (!where) return cannotStart('DATABASE_URL must be a postgres:// or postgresql:// address');
  try {
    return await openPostgresStore(url, { bufferMs: config.call.bufferMinutes * MINUTE_MS });
  } catch (e) {
    const why =
      e instanceof StoreUnavailable
        ? `does not answer (${e.reason})`
        : `refused to start Duet (${(e as { code?: string }).code ?? (e as Error).name})`;
    return cannotStart(`the database ${where} ${why}`);
  }
}

function shutdown() {
  feeds.stop();
  reminders.stop();
  holds.stop();
  retention.stop();
  peers.stop();
  server.close();
  // The message and the webhook being sent are finished (and recorded) before the store closes.
  void Promise.all([outbox.stop().then(() => transport.close()), webhooks.stop()])
    .then(() => store.close())
    .finally(() => process.exit(0));
}
// The last net under every timer and background job: an error that escaped is logged by name and the server serves on.
process.on('unhandledRejection', (e) => log.warn({ event: 'unhandled_rejection', error: (e as Error)?.name ?? 'error' }));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
