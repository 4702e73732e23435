// A race in a pool of four: 100 simultaneous bookings of one time when all four coaches of examples/pool.config.json
// are free, each from its own client and its own duo, against the real server process. Two calls must be made.
import { startBenchServer } from './benchServer.ts';

const REQUESTS = 100;

const body = (start: string, i: number, stamp: string) =>
  JSON.stringify({
    slot: { start },
    intake: {
      partnership: { relationship: 'co-leads', organization: 'Acme', context: 'Growing fast.' },
      people: [
        { name: `Lin Wu ${i}`, email: `lin${i}@example.com`, timeZone: 'America/New_York' },
        { name: `Sam Roy ${i}`, email: `sam${i}@example.com`, timeZone: 'Europe/London' },
      ],
      focus: { areas: ['trust'], hopes: 'Decide together.' },
      agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
    },
    meta: { honeypot: '', stamp },
  });

const server = await startBenchServer({ configFile: 'examples/pool.config.json' });
try {
  const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as { slots: { start: string }[] };
  // 15:00 UTC on a Tuesday or Thursday: inside all four coaches' hours (New York, Berlin, London, Chicago).
  const start = slots.find((s) => s.start.endsWith('T15:00:00.000Z') && [2, 4].includes(new Date(s.start).getUTCDay()))?.start;
  if (!start) throw new Error('the example pool offers no Tuesday or Thursday at 15:00 UTC');
  const statuses = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) =>
      fetch(`${server.url}/api/bookings`, {
        method: 'POST',
        body: body(start, i, server.stamp()),
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i + 1}.1` },
      }).then(
        (r) => r.status,
        () => 599,
      ),
    ),
  );
  const race = {
    bench: 'booking_race_pool',
    coaches: 4,
    requests: statuses.length,
    created: statuses.filter((s) => s === 201).length,
    conflicts: statuses.filter((s) => s === 409).length,
    errors: statuses.filter((s) => s >= 500 || s === 599).length,
  };
  process.stdout.write(JSON.stringify(race) + '\n');
  if (race.created !== 2 || race.conflicts !== REQUESTS - 2 || race.errors > 0) process.exitCode = 1;
} finally {
  await server.stop();
}
