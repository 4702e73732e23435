// Availability at 100 requests/s while the real server refreshes a hostile feed (100 × FREQ=MINUTELY, FREQ=SECONDLY
// since 1970) served over loopback; prints one JSON line. Run: npx tsx bench/feed_hostile.bench.ts  (budget: p99 ≤ 20 ms)
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { loadAvailability } from './availabilityLoad.ts';
import { startBenchServer } from './benchServer.ts';

/**
 * What anyone who can put an invitation on a coach's calendar can publish there: 100 minutely series
 * (half of them counted, so they cannot be skipped ahead) and secondly ones since 1970. About 12 KB.
 */
export function hostileFeed(): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Hostile//EN'];
  for (let i = 0; i < 100; i++) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:minutely-${i}@hostile.example`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART:2020010${(i % 9) + 1}T0000${String(i % 60).padStart(2, '0')}Z`,
      'DURATION:PT30S',
      i % 2 === 0 ? 'RRULE:FREQ=MINUTELY;COUNT=999999999' : 'RRULE:FREQ=MINUTELY',
      'END:VEVENT',
    );
  }
  lines.push(
    'BEGIN:VEVENT',
    'UID:secondly@hostile.example',
    'DTSTAMP:20260101T000000Z',
    'DTSTART:19700101T000000Z',
    'DURATION:PT1S',
    'RRULE:FREQ=SECONDLY',
    'END:VEVENT',
  );
  lines.push(
    'BEGIN:VEVENT',
    'UID:secondly-count@hostile.example',
    'DTSTAMP:20260101T000000Z',
    'DTSTART:19700101T000000Z',
    'DURATION:PT1S',
    'RRULE:FREQ=SECONDLY;COUNT=2000000000',
    'END:VEVENT',
  );
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

const RATE = 100;

async function run() {
  // The feed server holds the first request until told to answer, so the load runs before and during the refresh.
  let release: (res: ServerResponse) => void = () => {};
  let sentAt = 0;
  const pending: ServerResponse[] = [];
  const feed = createServer((_req, res) => pending.push(res));
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
  const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/calendar/secret/basic.ics`;
  release = (res) =>
    res.writeHead(200, { 'content-type': 'text/calendar' }).end(hostileFeed(), () => {
      sentAt = performance.now();
    });

  const server = await startBenchServer({
    editConfig: (config) => {
      config.coaches[0].busyFeeds = [feedUrl];
    },
    env: { DUET_FEED_REFRESH_MS: '600000' },
  });
  const url = server.url;
  try {
    await loadAvailability(url, { rps: RATE, seconds: 1, connections: 4 }); // warm-up
    // The same load with no refresh running: on a busy machine, the figure to read the other against.
    const quiet = await loadAvailability(url, { rps: RATE, seconds: 3, connections: 4 });
    const loaded = loadAvailability(url, { rps: RATE, seconds: 6, connections: 4 });
    await new Promise((r) => setTimeout(r, 1_000));
    while (pending.length === 0) await new Promise((r) => setTimeout(r, 20));
    release(pending.shift()!);
    let refreshMs = NaN;
    for (;;) {
      const health = (await (await fetch(`${url}/healthz`)).json()) as { feeds: { error: string | null }[] };
      if (sentAt > 0 && health.feeds[0]?.error === 'over_budget') {
        refreshMs = performance.now() - sentAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    const result = await loaded;
    const errors = result.non2xx + result.errors + result.timeouts;
    console.log(
      JSON.stringify({
        bench: 'feed_hostile',
        rps: RATE,
        availability_p50_ms: result.latency.p50,
        availability_p99_ms: result.latency.p99,
        refresh_ms: Math.round(refreshMs),
        quiet_p99_ms: quiet.latency.p99,
        errors,
      }),
    );
  } finally {
    await server.stop();
    for (const res of pending) res.destroy();
    feed.closeAllConnections();
    feed.close();
  }
}

// Runs only as a script: tests import hostileFeed from here.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
