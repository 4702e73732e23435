// The embed's example pages in real Chromium: hostile CSS, two widgets, a strict CSP (same origin and another
// origin), each rendering and booking for real; the plain page's booking is tests/e2e/bookingFlow.test.ts.
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICES, freePort, launchBrowser } from '../support/browser.ts';
import { bookingIsReal, bookThrough, headingOf, startExampleServer, widget } from '../support/embedPage.ts';
import type { RunningServer } from '../support/server.ts';

const shots = join(process.cwd(), 'test-results', 'screenshots');
/** Computed styles that make up the widget's look, for a few representative elements inside its shadow root. */
function lookOf(w: Locator) {
  return w.evaluate((host) => {
    const root = host.shadowRoot!;
    const props = [
      'font-family',
      'font-size',
      'font-style',
      'font-weight',
      'line-height',
      'letter-spacing',
      'word-spacing',
      'text-transform',
      'text-align',
      'color',
      'background-color',
      'border-top-width',
      'border-top-style',
      'border-top-color',
      'padding-top',
      'padding-left',
      'margin-top',
      'display',
      'opacity',
      'transform',
      'cursor',
    ];
    const pick = (sel: string) => {
      const el = root.querySelector(sel);
      if (!el) return `missing ${sel}`;
      const cs = getComputedStyle(el);
      return Object.fromEntries(props.map((p) => [p, cs.getPropertyValue(p)]));
    };
    const box = host.getBoundingClientRect();
    return {
      host: { display: getComputedStyle(host).display, minHeight: getComputedStyle(host).minHeight },
      width: Math.round(box.width),
      duet: pick('.duet'),
      h2: pick('h2'),
      label: pick('label'),
      radio: pick('input[type=radio]'),
      input: pick('input[autocomplete=organization]'),
      textarea: pick('textarea'),
      button: pick('button[type=submit]'),
    };
  });
}

async function open(browser: Browser, url: string, device: (typeof DEVICES)[number] = DEVICES[0]) {
  const context = await browser.newContext({
    viewport: device.viewport,
    isMobile: device.isMobile,
    hasTouch: device.isMobile,
    timezoneId: 'America/New_York',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  // Registered before any script: every CSP violation the page raises, in the document or in a shadow root.
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  const openedAt = Date.now();
  await page.goto(url);
  return { context, page, problems, openedAt };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

describe('the embed on the example pages', () => {
  let server: RunningServer & { port: number; other: string };
  let browser: Browser;
  let site: Server | undefined;
  let sitePort: number;

  beforeAll(async () => {
    sitePort = await freePort();
    server = await startExampleServer([`http://127.0.0.1:${sitePort}`]);
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => (site ? site.close(r) : r(null)));
  });

  it('serves embed.js briefly cached with an ETag (a returning visitor gets a 304) and the chunks for a year, compressed, with CORS', async () => {
    const loader = await fetch(`${server.url}/embed.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(loader.headers.get('content-encoding')).toBe('br');
    const tag = loader.headers.get('etag')!;
    expect(tag).toMatch(/^"[^"]+"$/);
    const code = await loader.text();
    expect(code).not.toMatch(/\beval\(|new Function/);
    // Asked again with its ETag: 304, no body, the same caching; another encoding is another representation.
    const again = await fetch(`${server.url}/embed.js`, { headers: { 'accept-encoding': 'br, gzip', 'if-none-match': tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(again.headers.get('etag')).toBe(tag);
    const gzip = await fetch(`${server.url}/embed.js`, { headers: { 'accept-encoding': 'gzip', 'if-none-match': tag } });
    expect(gzip.status).toBe(200);
    expect(gzip.headers.get('etag')).not.toBe(tag);
    const chunk = /"\.\/(chunks\/later-[\w-]+\.js)"/.exec(code)![1];
    const res = await fetch(`${server.url}/${chunk}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const api = await fetch(`${server.url}/api/availability`, { headers: { 'accept-encoding': 'gzip' } });
    expect(api.headers.get('content-encoding')).toBe('gzip');
    expect((await api.json()).slots.length).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/examples/csp.html`)).headers.get('content-security-policy')).toMatch(
      /script-src 'self'; style-src 'self'/,
    );
  });

  it('draws the first step from embed.js alone, with the API requests already out, and fetches the later steps after it', async () => {
    const context = await browser.newContext({ viewport: DEVICES[0].viewport, timezoneId: 'America/New_York' });
    // Before any script: the moment the first input of the widget exists.
    await context.addInitScript(() => {
      const w = window as unknown as { __firstInput: number };
      const look = () => document.querySelector('.duet-widget')?.shadowRoot?.querySelector('input, textarea');
      new MutationObserver((_, o) => {
        if (look()) {
          w.__firstInput = performance.now();
          o.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(`${server.url}/examples/csp.html`);
    await expect.poll(() => headingOf(widget(page))).toBe('The two of you');
    await expect
      .poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/chunks/later-'))))
      .toBe(true);
    const seen = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
        path: new URL(e.name).pathname,
        start: e.startTime,
      })),
    );
    const at = (path: RegExp) => seen.find((e) => path.test(e.path))!.start;
    // The first script is embed.js and nothing else; config and availability start before any chunk does.
    expect(seen.filter((e) => e.path.endsWith('.js')).map((e) => e.path)[0]).toBe('/embed.js');
    expect(at(/^\/api\/config$/)).toBeLessThan(at(/^\/chunks\/later-/));
    expect(at(/^\/api\/availability$/)).toBeLessThan(at(/^\/chunks\/later-/));
    // The observer does not see into the shadow root, but the loader inserts the host and renders into it in one task.
    const input = await page.evaluate(() => (window as unknown as { __firstInput: number }).__firstInput);
    expect(at(/^\/chunks\/later-/)).toBeGreaterThanOrEqual(input);
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const device of DEVICES) {
    it(`hostile CSS changes nothing about the widget's look on a ${device.name}, and it books`, async () => {
      const plain = await open(browser, `${server.url}/examples/csp.html`, device);
      const hostile = await open(browser, `${server.url}/examples/hostile.html`, device);
      for (const { page } of [plain, hostile]) await expect.poll(() => headingOf(widget(page))).toBe('The two of you');
      const [mine, theirs] = await Promise.all([lookOf(widget(plain.page)), lookOf(widget(hostile.page))]);
      // The hostile page lays out its own body differently; the widget inside keeps every style.
      expect({ ...theirs, width: 0 }).toEqual({ ...mine, width: 0 });
      expect(theirs.host).toEqual({ display: 'block', minHeight: device.isMobile ? '896px' : '800px' });
      await widget(hostile.page).screenshot({ path: join(shots, `embed-hostile-${device.name}.png`) });
      await widget(plain.page).screenshot({ path: join(shots, `embed-plain-${device.name}.png`) });
      await plain.context.close();
      if (device.isMobile) {
        const text = await bookThrough(widget(hostile.page), { one: 'Hana', two: 'Hugo' }, hostile.openedAt);
        expect(text).toContain('Hana One:');
        expect(await bookingIsReal(widget(hostile.page), server.url)).toBe(true);
      }
      expect(hostile.problems).toEqual([]);
      await hostile.context.close();
    });
  }

  it('two widgets on one page work side by side, each with its own answers and theme, and both book', async () => {
    const { context, page, problems } = await open(browser, `${server.url}/examples/two.html`);
    const [left, right] = [widget(page, 0), widget(page, 1)];
    await expect.poll(() => page.locator('.duet-widget').count()).toBe(2);
    await expect.poll(() => headingOf(left)).toBe('The two of you');
    await expect.poll(() => headingOf(right)).toBe('The two of you');
    // Counted from when both widgets are on screen: on a loaded machine the page may take a while to get there, and
    // a booking sent within 3 s of its widget opening is taken for a bot's (server/booking/botCheck.ts).
    const openedAt = Date.now();
    expect(await right.evaluate((el) => el.parentElement!.id)).toBe('team-booking');
    const accent = (w: Locator) =>
      w.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('button[type=submit]')!).backgroundColor);
    expect(await accent(left)).toBe('rgb(124, 45, 18)'); // data-duet-accent="#7c2d12"
    expect(await accent(right)).toBe('rgb(41, 68, 58)'); // the site's --duet-accent on .duet-widget
    await page.screenshot({ path: join(shots, 'embed-two-desktop.png'), fullPage: true });

    // Typing in one does not touch the other.
    const nameOf = (w: Locator) => w.getByRole('group', { name: 'Person one', exact: true }).getByLabel('Name');
    await nameOf(left).fill('Left Co');
    expect(await nameOf(right).inputValue()).toBe('');
    const a = await bookThrough(left, { one: 'Lena', two: 'Lars' }, openedAt);
    expect(await headingOf(right)).toBe('The two of you');
    const b = await bookThrough(right, { one: 'Rita', two: 'Rafe' }, openedAt, 'last');
    expect(a).toContain('Lena One:');
    expect(b).toContain('Rita One:');
    expect(await bookingIsReal(left, server.url)).toBe(true);
    expect(await bookingIsReal(right, server.url)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('under the strict CSP the widget renders and books with no policy violation', async () => {
    const { context, page, problems, openedAt } = await open(browser, `${server.url}/examples/csp.html`, DEVICES[1]);
    const w = widget(page);
    await expect.poll(() => headingOf(w)).toBe('The two of you');
    await w.screenshot({ path: join(shots, 'embed-csp-phone.png') });
    expect(await bookThrough(w, { one: 'Cora', two: 'Cyd' }, openedAt)).toContain('Cora One:');
    expect(await bookingIsReal(w, server.url)).toBe(true);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('on another origin under the documented CSP lines, the chunks, the API and the booking all work', async () => {
    // A site at http://127.0.0.1:SITE embedding the Duet server at http://localhost:PORT, with exactly the README's policy.
    const duet = server.url;
    const csp = `default-src 'self'; script-src 'self' ${duet}; style-src 'self'; connect-src 'self' ${duet}`;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
      <body><main><h1>Another site</h1><script src="${duet}/embed.js" async data-duet></script></main></body></html>`;
    site = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': csp }).end(html));
    await new Promise<void>((r) => site!.listen(sitePort, '127.0.0.1', r));
    const { context, page, problems, openedAt } = await open(browser, `http://127.0.0.1:${sitePort}/`);
    const w = widget(page);
    expect(await bookThrough(w, { one: 'Otto', two: 'Olga' }, openedAt)).toContain('Otto One:');
    expect(await bookingIsReal(w, server.url)).toBe(true);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await (context as BrowserContext).close();
  });
});
