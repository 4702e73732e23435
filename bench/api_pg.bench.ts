// The API on PostgreSQL, when the machine has Debian's postgresql: two server processes (server/main.ts) on one
// throwaway cluster; GET /api/availability at 500 requests/s for 10 s, then 100 simultaneous bookings of one time
// spread over both instances. Prints nothing (and says why on stderr) without PostgreSQL.
import { randomBytes } from 'node:crypto';
import { latencyOf, loadAvailability } from './availabilityLoad.ts';
import { startBenchServer } from './benchServer.ts';
import { postgresBinDir, startPostgresCluster } from '../tests/support/postgresCluster.ts';

const RATE = 500;
const SECONDS = 10;
const REQUESTS = 100;

// One form-stamp key for both instances, as a deployment shares one through the store.
const stampKey = randomBytes(32);
const startInstance = (databaseUrl: string) => startBenchServer({ env: { DATABASE_URL: databaseUrl }, stampKey });

const load = (url: string, seconds: number) => loadAvailability(url, { rps: RATE, seconds });

async function availability(url: string) {
  await load(url, 1); // warm-up: JIT, the pool's connections, first slot computation
  const result = await load(url, SECONDS);
  return {
    bench: 'availability_api_pg',
    rps: RATE,
    ...latencyOf(result),
  };
}

async function bookingRace(urls: string[], stamp: string) {
  const { slots } = (await (await fetch(`${urls[0]}/api/availability`)).json()) as { slots: { start: string }[] };
  const statuses = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) => {
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
        meta: { honeypot: '', stamp },
      });
      return fetch(`${urls[i % urls.length]}/api/bookings`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.2.${i + 1}.1` },
      }).then(
        (r) => r.status,
        () => 599,
      );
    }),
  );
  return {
    bench: 'booking_race_pg',
    instances: urls.length,
    requests: statuses.length,
    created: statuses.filter((s) => s === 201).length,
    conflicts: statuses.filter((s) => s === 409).length,
    errors: statuses.filter((s) => s >= 500 || s === 599).length,
  };
}

if (!postgresBinDir()) {
  process.stderr.write(
    'bench/api_pg: PostgreSQL is not installed (apt-get install postgresql): booking_race_pg and availability_api_pg skipped\n',
  );
} else {
  const cluster = await startPostgresCluster();
  try {
    const databaseUrl = await cluster.createDatabase();
    const instances = await Promise.all([startInstance(databaseUrl), startInstance(databaseUrl)]);
    try {
      const avail = await availability(instances[0].url);
      process.stdout.write(JSON.stringify(avail) + '\n');
      const race = await bookingRace(
        instances.map((s) => s.url),
        instances[0].stamp(),
      );
      process.stdout.write(JSON.stringify(race) + '\n');
      if (avail.p99_ms > 20 || avail.errors > 0 || race.created !== 1 || race.conflicts !== REQUESTS - 1 || race.errors > 0)
        process.exitCode = 1;
    } finally {
      await Promise.all(instances.map((s) => s.stop()));
    }
  } finally {
    await cluster.stop();
  }
}
