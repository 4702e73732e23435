// The API on PostgreSQL, when the machine has Debian's postgresql: two server processes (server/main.ts) on one
// throwaway cluster; GET /api/availability at 500 requests/s for 10 s, then 100 simultaneous bookings of one time
// spread over both instances. Prints nothing (and says why on stderr) without PostgreSQL.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { postgresBinDir, startPostgresCluster } from '../tests/support/postgresCluster.ts';

// autocannon ships no types; this is the part of its API used here.
interface LoadResult { latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number }
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string; connections: number; overallRate: number; duration: number;
}) => Promise<LoadResult>;

const root = fileURLToPath(new URL('..', import.meta.url));
const RATE = 500;
const SECONDS = 10;
const REQUESTS = 100;

async function startInstance(databaseUrl: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'duet-bench-pg-'));
  const config = JSON.parse(readFileSync(join(root, 'examples/duet.config.json'), 'utf8'));
  // One trusted proxy hop, so that the race's 100 clients (one X-Forwarded-For each) are not rate limited as one.
  config.practice.trustProxyHops = 1;
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    cwd: root,
    env: { ...process.env, PORT: '0', DUET_DATA: dataDir, DUET_CONFIG: join(dataDir, 'config.json'), SMTP_URL: '', DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      const m = /running on (http:\/\/localhost:\d+)/.exec(out);
      if (!m) return;
      // From here on the request log is only drained: keeping and scanning it would load this process.
      proc.stdout.off('data', onData);
      proc.stdout.resume();
      resolve(m[1].replace('localhost', '127.0.0.1'));
    };
    proc.stdout.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const load = (url: string, seconds: number) =>
  autocannon({ url: `${url}/api/availability`, connections: 10, overallRate: RATE, duration: seconds });

async function availability(url: string) {
  await load(url, 1); // warm-up: JIT, the pool's connections, first slot computation
  const result = await load(url, SECONDS);
  return {
    bench: 'availability_api_pg', rps: RATE,
    p50_ms: result.latency.p50, p99_ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function bookingRace(urls: string[]) {
  const { slots } = (await (await fetch(`${urls[0]}/api/availability`)).json()) as { slots: { start: string }[] };
  const statuses = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => {
    const body = JSON.stringify({
      slot: { start: slots[0].start },
      intake: {
        partnership: { relationship: 'co-founders', organization: 'Acme', context: 'Growing fast.' },
        people: [
          { name: 'Ada Lovelace', email: `ada.${i}@example.com`, timeZone: 'America/New_York' },
          { name: 'Grace Hopper', email: `grace.${i}@example.com`, timeZone: 'Europe/London' },
        ],
        focus: { areas: ['trust'], hopes: 'Decide together.' },
        agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
      },
    });
    return fetch(`${urls[i % urls.length]}/api/bookings`, {
      method: 'POST', body,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}` },
    }).then((r) => r.status, () => 599);
  }));
  return {
    bench: 'booking_race_pg', instances: urls.length, requests: statuses.length,
    created: statuses.filter((s) => s === 201).length,
    conflicts: statuses.filter((s) => s === 409).length,
    errors: statuses.filter((s) => s >= 500 || s === 599).length,
  };
}

if (!postgresBinDir()) {
  process.stderr.write('bench/api_pg: PostgreSQL is not installed (apt-get install postgresql): booking_race_pg and availability_api_pg skipped\n');
} else {
  const cluster = await startPostgresCluster();
  try {
    const databaseUrl = await cluster.createDatabase();
    const instances = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)]);
    try {
      const avail = await availability(instances[0].url);
      process.stdout.write(JSON.stringify(avail) + '\n');
      const race = await bookingRace(instances.map((s) => s.url));
      process.stdout.write(JSON.stringify(race) + '\n');
      if (avail.p99_ms > 20 || avail.errors > 0 || race.created !== 1 || race.conflicts !== REQUESTS - 1 || race.errors > 0) process.exitCode = 1;
    } finally {
      await Promise.all(instances.map((s) => s.stop()));
    }
  } finally {
    await cluster.stop();
  }
}
