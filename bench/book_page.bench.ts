// The booking page (/book) in real Chromium, cold cache, median of several loads:
// {"bench":"book_page","first_step_ms":…,"from_navigation_ms":…,"cls":…}
// first_step_ms: from the loader's start (its `duet:start` mark) to the first input of the widget, as bench/embed does;
// from_navigation_ms: from the page's own navigation start to the same moment (the page, the loader and its chunks);
// cls: the page's layout shift score over the load, the worst of the runs (PerformanceObserver 'layout-shift').
import { launchBrowser } from '../tests/support/browser.ts';
import { startExampleServer } from '../tests/support/embedPage.ts';

const RUNS = 7;

// Runs in the page before anything else: notes when the first input appears in the widget's shadow root, and every shift.
const PROBE = `(() => {
  const m = (window.__duet = { shifts: 0, input: 0 });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) m.shifts += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver(() => {
      if (!m.input && root.querySelector('input:not([disabled]), textarea')) m.input = performance.now();
    }).observe(root, { childList: true, subtree: true });
    return root;
  };
})()`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const server = await startExampleServer();
  const browser = await launchBrowser();
  const runs: { first: number; nav: number; cls: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      await page.goto(`${server.url}/book?relationship=co-founders&focus=trust,roles`);
      await page.waitForFunction(() => (window as any).__duet.input > 0);
      await page.waitForLoadState('networkidle');
      const run = await page.evaluate(() => {
        const m = (window as any).__duet;
        const began = performance.getEntriesByName('duet:start')[0]?.startTime ?? 0;
        return { first: m.input - began, nav: m.input, cls: m.shifts };
      });
      if (process.env.DUET_BENCH_DEBUG) console.error(JSON.stringify(run));
      runs.push(run);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(
    JSON.stringify({
      bench: 'book_page',
      first_step_ms: round(median(runs.map((r) => r.first))),
      from_navigation_ms: round(median(runs.map((r) => r.nav))),
      cls: Math.max(...runs.map((r) => r.cls)),
    }),
  );
}

await main();
