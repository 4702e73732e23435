// The embed on a slow phone's profile in real Chromium, cold cache, median of 9 loads of the example page:
// {"bench":"embed_slow","first_step_ms":…,"js_gzip_bytes":…,"requests_before_usable":…}
// The profile: CDP Network.emulateNetworkConditions (150 ms latency, 200,000 B/s down, 93,750 B/s up) and
// Emulation.setCPUThrottlingRate 4.
// first_step_ms: from navigation start, by the page's own clock, to the first animation frame in which an input of
//   the widget exists (the frame's timestamp);
// js_gzip_bytes: gzip size of every script the page had received by then;
// requests_before_usable: the responses the page had received by then, the page itself included.
import { loadavg } from 'node:os';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../tests/support/browser.ts';
import { startExampleServer } from '../tests/support/embedPage.ts';

const RUNS = 9;
const dist = join(process.cwd(), 'dist');
const NETWORK = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 93_750 };

// Runs in the page before anything else: every shadow root the loader attaches is watched at each animation frame
// until one holds an input; that frame's timestamp (same origin as performance.now(): navigation start) is the figure.
const PROBE = `(() => {
  const m = (window.__duetSlow = { usable: 0 });
  const roots = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  };
  const frame = (t) => {
    if (roots.some((r) => r.querySelector('input:not([type=hidden]):not([tabindex="-1"]), textarea'))) m.usable = t;
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

interface Run {
  ms: number;
  bytes: number;
  requests: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function gzipSize(url: string): number {
  try {
    return statSync(join(dist, `${new URL(url).pathname.replace(/^\//, '')}.gz`)).size;
  } catch {
    return 0;
  }
}

async function main() {
  const server = await startExampleServer();
  const browser = await launchBrowser();
  const runs: Run[] = [];
  const load: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // A new context each time: an empty cache and new connections, as for a first visit.
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        timezoneId: 'America/New_York',
      });
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', NETWORK);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      load.push(loadavg()[0]);
      await page.goto(server.url + '/examples/', { waitUntil: 'commit' });
      await page.waitForFunction(() => (window as any).__duetSlow.usable > 0, undefined, { timeout: 30_000, polling: 100 });
      const run = await page.evaluate(() => {
        const usable = (window as any).__duetSlow.usable as number;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const before = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
          (e) => e.responseEnd > 0 && e.responseEnd <= usable,
        );
        const embed = before.find((e) => e.name.endsWith('/embed.js'));
        return {
          ms: usable,
          // For DUET_BENCH_DEBUG: when the page and embed.js had arrived.
          page: nav.responseEnd,
          embed: embed?.responseEnd,
          embedStart: embed?.startTime,
          scripts: before.filter((e) => /\.js$/.test(new URL(e.name).pathname)).map((e) => e.name),
          requests: before.length + (nav.responseEnd <= usable ? 1 : 0),
        };
      });
      if (process.env.DUET_BENCH_DEBUG) console.error(JSON.stringify(run));
      runs.push({ ms: run.ms, bytes: run.scripts.reduce((n, url) => n + gzipSize(url), 0), requests: run.requests });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  // The machine is shared: the load average beside the figure says how busy it was (stderr, not part of the line).
  console.error(
    `embed_slow: load average ${median(load).toFixed(2)} over the runs; first_step_ms each: ${runs.map((r) => Math.round(r.ms)).join(' ')}`,
  );
  console.log(
    JSON.stringify({
      bench: 'embed_slow',
      first_step_ms: Math.round(median(runs.map((r) => r.ms))),
      js_gzip_bytes: median(runs.map((r) => r.bytes)),
      requests_before_usable: median(runs.map((r) => r.requests)),
    }),
  );
}

await main();
