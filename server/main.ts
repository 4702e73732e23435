// The entry point: reads the environment and the config, opens the store, starts the outbox and the HTTP server.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './serverApp.ts';
import { loadConfig } from './config/configFile.ts';
import { createFeedCache } from './feeds/feedCache.ts';
import { loadStampKey, STAMP_KEY_FILE } from './booking/formStamp.ts';
import { checkDataFolder, storeOpenTrouble } from './config/dataFolder.ts';
import { watchPeers } from './config/dataFolderPeers.ts';
import { jsonLogger } from './logger.ts';
import { startOutbox } from './mail/outboxWorker.ts';
import { undeliverableNotices } from './mail/undeliverableNotice.ts';
import { startReminders } from './mail/reminders.ts';
import { startRetention } from './privacy/retention.ts';
import { openSqliteStore } from './store/sqlite/sqliteStore.ts';
import { fileTransport, smtpTransport } from './mail/mailTransport.ts';

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
  process.stderr.write(`Duet cannot start: DUET_FEED_REFRESH_MS must be a whole number of milliseconds (at least 100), got ${JSON.stringify(env.DUET_FEED_REFRESH_MS)}\n`);
  process.exit(1);
}

const cannotStart = (why: string): never => {
  process.stderr.write(`Duet cannot start: ${why}\n`);
  process.exit(1);
};

const folder = checkDataFolder(dataDir);
if (!folder.ok) cannotStart(folder.why);
const dbFile = join(dataDir, 'duet.sqlite');
const store = (() => {
  try {
    return openSqliteStore(dbFile);
  } catch (e) {
    return cannotStart(storeOpenTrouble(e, dbFile));
  }
})();
const stampKey = (() => {
  try {
    return loadStampKey(dataDir);
  } catch (e) {
    return cannotStart(`the form stamp key in ${dataDir} cannot be used (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): delete ${STAMP_KEY_FILE} there and start again`);
  }
})();
const log = jsonLogger();
const owner = `${hostname()}:${process.pid}:${randomBytes(6).toString('base64url')}`;
// Two servers on one folder send each message once (the outbox lease), but should say so: it is rarely meant.
const peers = watchPeers(dataDir, owner, () => Date.now(), log);
const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL) : fileTransport(join(dataDir, 'outbox'));
const clock = () => Date.now();
const outbox = startOutbox(store, transport, clock, log, {
  owner,
  notices: (booking, recipient, code) => undeliverableNotices(config, booking, recipient, code),
});
const reminders = startReminders({ config, store, clock, log, onOutbox: () => outbox.wake() });
// Deletes answers and contact data privacy.retentionDays after each call: now, then daily. The file outbox is
// swept even with SMTP_URL set: files from an earlier run without it hold addresses too.
const retention = startRetention({ store, clock, log, retentionDays: config.privacy.retentionDays, outboxDir: join(dataDir, 'outbox') });

const feeds = createFeedCache({ coaches: config.coaches, horizonDays: config.call.horizonDays, clock, log, refreshMs: feedRefreshMs });
feeds.start(); // the first fetch runs now; availability answers from whatever is cached meanwhile

const app = createApp({
  config, store, clock, log,
  busy: () => feeds.busy(),
  feedStatus: () => feeds.status(),
  onOutbox: () => outbox.wake(),
  outboxStatus: () => outbox.status(),
  stampKey,
  distDir: join(root, 'dist'),
  examplesDir: join(root, 'examples'),
});

const server = serve({ fetch: app.fetch, port }, (info) => {
  log.info({ event: 'listening', port: info.port, mail: env.SMTP_URL ? 'smtp' : 'files' });
  process.stdout.write(`Duet is running on http://localhost:${info.port}/\n`);
});
// A port already taken is a setup mistake, not a crash: say which port and how to choose another.
server.on('error', (e: NodeJS.ErrnoException) => {
  const why = e.code === 'EADDRINUSE' ? `port ${port} is already in use (set PORT to another one)`
    : e.code === 'EACCES' ? `port ${port} needs other permissions (set PORT to another one)` : `the server could not listen (${e.code ?? 'error'})`;
  process.stderr.write(`Duet cannot start: ${why}\n`);
  process.exit(1);
});
void outbox.flush();

function shutdown() {
  feeds.stop();
  reminders.stop();
  retention.stop();
  peers.stop();
  server.close();
  // The message being sent is finished (and recorded) before the store closes.
  void outbox.stop().then(() => transport.close()).then(() => store.close()).finally(() => process.exit(0));
}
// The last net under every timer and background job: an error that escaped is logged by name and the server serves on.
process.on('unhandledRejection', (e) => log.warn({ event: 'unhandled_rejection', error: (e as Error)?.name ?? 'error' }));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
