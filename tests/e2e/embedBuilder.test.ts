// The embed builder (/embed) in real Chromium on a desktop and a phone, under its own strict CSP: the choices
// rewrite the line and the live preview, the preview is exactly the copied line (read back from the clipboard),
// the wrapper keeps the loader's own space, and "may my site book?" gives the config line to add.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICES, launchBrowser } from '../support/browser.ts';
import { injectAxe } from '../support/axeUnderCsp.ts';
import { startExampleServer } from '../support/embedPage.ts';
import { axeViolations, screenshotDir } from '../support/keyboard.ts';
import type { RunningServer } from '../support/server.ts';

const VIOLATIONS = () => {
  const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = []);
  document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`), true);
};

/** The preview frame once it shows `path` and its widget has rendered the first step. */
async function previewAt(page: Page, path: string): Promise<Frame> {
  await expect
    .poll(
      () => {
        const f = page.frame({ url: (u) => u.pathname.startsWith('/embed/preview') });
        return f && new URL(f.url()).pathname + new URL(f.url()).search;
      },
      { timeout: 10_000 },
    )
    .toBe(path);
  const frame = page.frame({ url: (u) => u.pathname.startsWith('/embed/preview') })!;
  await frame.locator('.duet-widget').getByRole('heading', { level: 2 }).first().waitFor();
  return frame;
}

/** Clicks a copy button and answers what the clipboard then holds (the page's own navigator.clipboard). */
async function copied(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  await expect
    .poll(() => page.getByRole('button', { name: button }).locator('xpath=following-sibling::span').innerText(), { timeout: 5_000 })
    .toBe('Copied.');
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('the embed builder', () => {
  let server: RunningServer & { port: number };
  let browser: Browser;

  beforeAll(async () => {
    server = await startExampleServer();
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const device of DEVICES) {
    it(`on a ${device.name}: the preview is the copied line, the wrapper keeps the widget's space, and the page passes axe`, async () => {
      const context = await browser.newContext({
        viewport: device.viewport,
        isMobile: device.isMobile,
        hasTouch: device.isMobile,
        timezoneId: 'America/New_York',
      });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      await context.addInitScript(VIOLATIONS);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      await page.goto(`${server.url}/embed`);
      await previewAt(page, '/embed/preview');
      expect(await copied(page, 'Copy the line')).toBe(`<script src="${server.url}/embed.js" async data-duet></script>`);

      // Choose, as a site editor would: a colour, a locale, a target element.
      await page.getByLabel('Accent colour').fill('#7c2d12');
      await page.getByLabel('Dates and times').selectOption('en-US');
      await page.getByLabel('Place it inside the element with this id (optional)').fill('team booking');
      expect(await page.getByRole('alert').innerText()).toMatch(/^Use letters, digits, dashes and underscores/);
      expect(await page.getByLabel('Place it inside the element with this id (optional)').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Place it inside the element with this id (optional)').fill('team-booking');
      expect(await page.locator('#target-error').textContent()).toBe('');

      const line = `<script src="${server.url}/embed.js" async data-duet data-duet-accent="#7c2d12" data-duet-locale="en-US" data-duet-target="#team-booking"></script>`;
      expect(await page.locator('#out-line').innerText()).toBe(line);
      const path = '/embed/preview?accent=%237c2d12&locale=en-US&target=team-booking';
      const frame = await previewAt(page, path);
      expect(new URL(page.url()).search).toBe('?accent=%237c2d12&locale=en-US&target=team-booking');

      // The preview is exactly what the editor copies: its source holds the copied wrapper, its one tag the copied line.
      const copiedLine = await copied(page, 'Copy the line');
      const copiedWrapper = await copied(page, 'Copy the HTML');
      expect(copiedLine).toBe(line);
      expect(copiedWrapper).toBe(`<div id="team-booking" class="duet-booking"></div>\n${line}`);
      expect(await (await fetch(`${server.url}${path}`)).text()).toContain(copiedWrapper);
      const attributes = (html: string) =>
        frame.evaluate((h) => {
          const t = document.createElement('template');
          t.innerHTML = h;
          const s = t.content.querySelector('script')!;
          return Object.fromEntries([...s.attributes].map((a) => [a.name, a.value]));
        }, html);
      // (less the mark the loader leaves on a tag it has mounted)
      const live = await frame.evaluate(() =>
        Object.fromEntries(
          [...document.querySelector('script[data-duet]')!.attributes]
            .filter((a) => a.name !== 'data-duet-mounted')
            .map((a) => [a.name, a.value]),
        ),
      );
      expect(live).toEqual(await attributes(copiedLine));
      // …and it behaves as that line says: inside the target element, in the chosen colour.
      const w = frame.locator('.duet-widget');
      expect(await w.evaluate((el) => el.parentElement!.id)).toBe('team-booking');
      expect(await w.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('button[type=submit]')!).backgroundColor)).toBe(
        'rgb(124, 45, 18)',
      );

      // The wrapper keeps exactly the space the loader keeps, on this screen's width.
      const copiedCss = await copied(page, 'Copy the CSS');
      expect(copiedCss).toBe('.duet-booking { min-height: 50rem; }\n@media (max-width: 30rem) { .duet-booking { min-height: 56rem; } }');
      const space = await frame.evaluate(() => ({
        wrapper: getComputedStyle(document.querySelector('.duet-booking')!).minHeight,
        loader: getComputedStyle(document.querySelector('.duet-widget')!).minHeight,
      }));
      expect(space.wrapper).toBe(space.loader);
      expect(space.wrapper).toBe(device.isMobile ? '896px' : '800px');
      expect(await copied(page, 'Copy the directives')).toBe(`script-src 'self' ${server.url}\nconnect-src 'self' ${server.url}`);

      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await injectAxe(page);
      expect(await axeViolations(page)).toEqual([]);
      await injectAxe(frame);
      expect(
        await frame.evaluate(async () => {
          type Axe = { run: (ctx: Document, o: object) => Promise<{ violations: { id: string }[] }> };
          const r = await (window as unknown as { axe: Axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
          return r.violations.map((v) => v.id);
        }),
      ).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, `embed-builder-${device.name}.png`), fullPage: true });
      expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('says whether a typed site may book, and gives the exact config line when it may not', async () => {
    const context = await browser.newContext({ viewport: DEVICES[1].viewport, isMobile: true, hasTouch: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(`${server.url}/embed`);
    const site = page.getByLabel("Your site's address");
    const answer = page.locator('#site-answer');

    await site.fill('www.example.org/coaching');
    await site.press('Enter');
    await expect
      .poll(() => answer.locator('.no').innerText(), { timeout: 5_000 })
      .toBe('https://www.example.org may not book yet: a booking from there would be refused.');
    const line = `"allowedOrigins": ["${server.url}", "http://127.0.0.1:${server.port}", "https://www.example.org"]`;
    expect(await answer.locator('code').innerText()).toBe(line);
    expect(await copied(page, 'Copy the config line')).toBe(line);
    await page.screenshot({ path: join(screenshotDir, 'embed-builder-origin-phone.png'), fullPage: false });

    await site.fill(`http://127.0.0.1:${server.port}/examples/`);
    await page.getByRole('button', { name: 'Check' }).click();
    await expect
      .poll(() => answer.innerText(), { timeout: 5_000 })
      .toBe(`http://127.0.0.1:${server.port} may book: it is in practice.allowedOrigins.`);

    await site.fill('not a site');
    await site.press('Enter');
    await expect.poll(() => answer.innerText()).toBe('That is not a web address: write it as https://www.example.org.');
    expect(await site.getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });
});
