// <duet-booking> (GET /duet-element.js) on another site in real Chromium, loaded each way a site builder may load a
// custom element's script (a classic script, a module, import()): the widget mounts inside the element with the
// element's options, and a booking from that site is real.
import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchBrowser } from '../support/browser.ts';
import { bookingIsReal, bookThrough, headingOf, startExampleServer, widget } from '../support/embedPage.ts';
import type { RunningServer } from '../support/server.ts';

describe('the <duet-booking> element', () => {
  let server: RunningServer & { port: number };
  let browser: Browser;
  let site: Server;
  let siteUrl: string;

  beforeAll(async () => {
    const sitePort = await freePort();
    siteUrl = `http://127.0.0.1:${sitePort}`;
    server = await startExampleServer([siteUrl]);
    const loaders: Record<string, string> = {
      '/classic': `<script src="${server.url}/duet-element.js"></script>`,
      '/module': `<script type="module" src="${server.url}/duet-element.js"></script>`,
      '/import': `<script type="module">import('${server.url}/duet-element.js');</script>`,
    };
    site = createServer((req, res) => {
      const loader = loaders[req.url ?? ''];
      if (!loader) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
        <title>A site builder's page</title>${loader}</head><body><main><h1>Book a call</h1>
        <section id="here"><duet-booking accent="#7c2d12" relationship="peers" focus="trust"></duet-booking></section>
        <p>Below the form.</p></main></body></html>`);
    });
    await new Promise<void>((r) => site.listen(sitePort, '127.0.0.1', r));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => site?.close(r));
  });

  it("is served with the server's own address written in, for any site to load", async () => {
    const res = await fetch(`${server.url}/duet-element.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const code = await res.text();
    expect(code).toContain(`"${server.url}"`);
    expect(code).not.toContain('__DUET_SERVER__');
  });

  for (const how of ['classic', 'module', 'import'] as const) {
    it(`loaded as ${how === 'import' ? 'import()' : `a ${how} script`}, mounts the widget inside itself with its options${how === 'classic' ? ', and books' : ''}`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'America/New_York' });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      const openedAt = Date.now();
      await page.goto(`${siteUrl}/${how}`);
      const w = widget(page);
      await expect.poll(() => headingOf(w)).not.toBe('');
      expect(await w.evaluate((el) => el.parentElement!.tagName.toLowerCase() + '#' + el.parentElement!.parentElement!.id)).toBe(
        'duet-booking#here',
      );
      expect(await w.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('button[type=submit]')!).backgroundColor)).toBe(
        'rgb(124, 45, 18)',
      );
      // The element's attributes are the line's options (what the widget makes of them: tests/e2e/bookPage.test.ts).
      expect(await page.locator('duet-booking script').evaluate((s) => ({ ...(s as HTMLScriptElement).dataset }))).toEqual({
        duet: '',
        duetAccent: '#7c2d12',
        duetRelationship: 'peers',
        duetFocus: 'trust',
        duetMounted: '',
      });
      expect(await page.locator('.duet-widget').count()).toBe(1);
      if (how === 'classic') {
        expect(await bookThrough(w, { one: 'Wim', two: 'Wes' }, openedAt)).toContain('Wim One:');
        expect(await bookingIsReal(w, server.url)).toBe(true);
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
