// The API under load: GET /api/availability at 500 requests/s for 10 s, then 100 simultaneous bookings of one time,
// against the real server process (server/main.ts) on loopback with a real SQLite file.
import { createRequire } from 'node:module';
import { startBenchServer } from './benchServer.ts';

// autocannon ships no types; this is the part of its API used here.
interface LoadResult {
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  overallRate: number;
  duration: number;
}) => Promise<LoadResult>;

const RATE = 500;
const SECONDS = 10;

function load(url: string, seconds: number) {
  return autocannon({ url: `${url}/api/availability`, connections: 10, overallRate: RATE, duration: seconds });
}

async function availability(url: string) {
  await load(url, 1); // warm-up: JIT, SQLite page cache, first slot computation
  const result = await load(url, SECONDS);
  return {
    bench: 'availability_api',
    rps: RATE,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function bookingRace(url: string) {
  const { slots } = (await (await fetch(`${url}/api/availability`)).json()) as { slots: { start: string }[] };
  const body = JSON.stringify({
    slot: { start: slots[0].start },
    intake: {
      partnership: { relationship: 'co-founders', organization: 'Acme', context: 'Growing fast.' },
      people: [
        { name: 'Ada Lovelace', email: 'ada@example.com', timeZone: 'America/New_York' },
        { name: 'Grace Hopper', email: 'grace@example.com', timeZone: 'Europe/London' },
      ],
      focus: { areas: ['trust'], hopes: 'Decide together.' },
      agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
    },
  });
  const statuses = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      fetch(`${url}/api/bookings`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}` },
      }).then(
        (r) => r.status,
        () => 599,
      ),
    ),
  );
  return {
    bench: 'booking_race',
    requests: statuses.length,
    created: statuses.filter((s) => s === 201).length,
    conflicts: statuses.filter((s) => s === 409).length,
    errors: statuses.filter((s) => s >= 500 || s === 599).length,
  };
}

const server = await startBenchServer();
try {
  const avail = await availability(server.url);
  process.stdout.write(JSON.stringify(avail) + '\n');
  const race = await bookingRace(server.url);
  process.stdout.write(JSON.stringify(race) + '\n');
  if (avail.p99_ms > 20 || avail.errors > 0 || race.created !== 1 || race.conflicts !== 99 || race.errors > 0) process.exitCode = 1;
} finally {
  await server.stop();
}
