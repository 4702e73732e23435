// The embed in real Chromium on the example page, cold cache, median of several loads:
// {"bench":"embed","js_gzip_bytes":…,"first_step_ms":…,"slots_ms":…,"cls":…}
// js_gzip_bytes: gzip size of every script fetched before the first step could be used;
// first_step_ms: from the script's start (the loader's `duet:start` mark) to the first input in the widget;
// slots_ms: the same start to the open times on screen (a visitor who reloads on the Time step);
// cls: the page's layout shift score over the first load, the worst of the runs (PerformanceObserver 'layout-shift').
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../tests/support/browser.ts';
import { startExampleServer } from '../tests/support/embedPage.ts';

const RUNS = 7;
const dist = join(process.cwd(), 'dist');

// Runs in the page before anything else: notes when the loader attaches its shadow root, when the first input
// and the first open time appear inside it, and every layout shift.
const PROBE = `(() => {
  const m = (window.__duet = { shifts: 0, input: 0, slot: 0, shadow: 0 });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) m.shifts += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (!m.shadow) m.shadow = performance.now();
    const seen = () => {
      if (!m.input && root.querySelector('input:not([disabled]), textarea')) m.input = performance.now();
      if (!m.slot && root.querySelector('.slot input')) m.slot = performance.now();
    };
    new MutationObserver(seen).observe(root, { childList: true, subtree: true });
    return root;
  };
})()`;

interface Run {
  bytes: number;
  first: number;
  slots: number;
  cls: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function gzipSize(url: string): number {
  const path = new URL(url).pathname.replace(/^\//, '');
  try {
    return statSync(join(dist, `${path}.gz`)).size;
  } catch {
    return 0;
  }
}

async function main() {
  const server = await startExampleServer();
  const browser = await launchBrowser();
  const runs: Run[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      await page.goto(server.url + '/examples/');
      await page.waitForFunction(() => (window as any).__duet.input > 0);
      await page.waitForTimeout(500);
      const first = await page.evaluate(() => {
        const start = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js')) as PerformanceResourceTiming;
        const began = performance.getEntriesByName('duet:start')[0]?.startTime ?? start.responseEnd;
        const m = (window as any).__duet;
        const scripts = performance
          .getEntriesByType('resource')
          .filter((e) => /\.js$/.test(new URL(e.name).pathname) && (e as PerformanceResourceTiming).responseEnd <= m.input)
          .map((e) => e.name);
        const chunks = Math.max(
          ...performance
            .getEntriesByType('resource')
            .filter((e) => e.name.includes('/chunks/') && (e as PerformanceResourceTiming).responseEnd <= m.input)
            .map((e) => (e as PerformanceResourceTiming).responseEnd),
        );
        if (new URLSearchParams(location.search).has('debug') || (window as any).DEBUG)
          console.log(m.shadow - start.responseEnd, chunks - start.responseEnd);
        return { first: m.input - began, scripts, cls: m.shifts, shadow: m.shadow - start.responseEnd, chunks: chunks - start.responseEnd };
      });
      // A visitor who reloads on the Time step: the answers come back from sessionStorage and the times are fetched again.
      await page.evaluate((api) => {
        const key = Object.keys(sessionStorage).find((k) => k.startsWith('duet:')) ?? `duet:${api}`;
        const saved = JSON.parse(sessionStorage.getItem(key) ?? '{}');
        sessionStorage.setItem(key, JSON.stringify({ ...saved, step: 'time' }));
      }, server.url);
      await page.reload();
      await page.waitForFunction(() => (window as any).__duet.slot > 0, undefined, { timeout: 10_000 });
      await page.waitForTimeout(300);
      const slots = await page.evaluate(() => {
        const start = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js')) as PerformanceResourceTiming;
        const began = performance.getEntriesByName('duet:start')[0]?.startTime ?? start.responseEnd;
        const m = (window as any).__duet;
        return { slots: m.slot - began };
      });
      if (process.env.DUET_BENCH_DEBUG) console.error(JSON.stringify(first), JSON.stringify(slots));
      runs.push({ bytes: first.scripts.reduce((n, url) => n + gzipSize(url), 0), first: first.first, cls: first.cls, ...slots });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(
    JSON.stringify({
      bench: 'embed',
      js_gzip_bytes: median(runs.map((r) => r.bytes)),
      first_step_ms: Math.round(median(runs.map((r) => r.first)) * 10) / 10,
      slots_ms: Math.round(median(runs.map((r) => r.slots)) * 10) / 10,
      cls: Math.max(...runs.map((r) => r.cls)),
    }),
  );
}

await main();
