// The API under load: GET /api/availability at 500 requests/s for 10 s, then 100 simultaneous bookings of one time,
// against the real server process (server/main.ts) on loopback with a real SQLite file.
import { latencyOf, loadAvailability } from './availabilityLoad.ts';
import { startBenchServer } from './benchServer.ts';

const RATE = 500;
const SECONDS = 10;

const HORIZON_MS = 28 * 86_400_000;
const MINUTE = 60_000;

/** A random range within the horizon (whole minutes, as a client script would send). */
function randomRange(): string {
  const now = Math.ceil(Date.now() / MINUTE) * MINUTE;
  const from = now + Math.floor(Math.random() * (HORIZON_MS / MINUTE)) * MINUTE;
  const to = from + (1 + Math.floor(Math.random() * ((now + HORIZON_MS - from) / MINUTE))) * MINUTE;
  return `?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
}

const load = (url: string, seconds: number) => loadAvailability(url, { rps: RATE, seconds, query: randomRange });

async function availability(url: string) {
  await load(url, 1); // warm-up: JIT, SQLite page cache, first slot computation
  const result = await load(url, SECONDS);
  return {
    bench: 'availability_api',
    rps: RATE,
    ...latencyOf(result),
    ranges: 'random',
  };
}

async function bookingRace(url: string, stamp: string) {
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
    meta: { honeypot: '', stamp },
  });
  const statuses = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      fetch(`${url}/api/bookings`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i + 1}.1` },
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
  const race = await bookingRace(server.url, server.stamp());
  process.stdout.write(JSON.stringify(race) + '\n');
  if (avail.p99_ms > 20 || avail.errors > 0 || race.created !== 1 || race.conflicts !== 99 || race.errors > 0) process.exitCode = 1;
} finally {
  await server.stop();
}
