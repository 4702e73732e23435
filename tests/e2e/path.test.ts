// The duo's path in real Chromium, beyond the keyboard walk: by pointer on a desktop and a phone (a pair in one zone),
// the zone search in people's words, each person's clock (en-US, en-GB, data-duet-locale), and a page whose origin
// may not book. axe on every step; screenshots in test-results/screenshots/path-*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICES, freePort, launchBrowser } from '../support/browser.ts';
import { chooseZone, exampleConfigOn, widget } from '../support/embedPage.ts';
import { axeViolations, screenshotDir } from '../support/keyboard.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const heading = (w: Locator) => w.locator('h2').first().innerText();

describe("the duo's path", () => {
  let server: RunningServer;
  let browser: Browser;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    const config = exampleConfigOn(port);
    // Only localhost may book: the same server at 127.0.0.1 is "a site that is not set up yet".
    config.practice.allowedOrigins = [`http://localhost:${port}`];
    server = await startServer({ config, env: { PORT: String(port) } });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A page on the example server; `/examples/locale.html` is a site page whose tag says data-duet-locale="en-GB". */
  async function open(options: BrowserContextOptions, path = '/examples/'): Promise<{ page: Page; w: Locator; errors: string[] }> {
    const context = await browser.newContext(options);
    await context.route(`${server.url}/examples/locale.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body:
          '<!doctype html><html lang="en"><head><title>Locale</title></head><body><main>' +
          '<script src="/embed.js" async data-duet data-duet-locale="en-GB"></script></main></body></html>',
      }),
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + path);
    const w = widget(page);
    await w.locator('h2').first().waitFor();
    return { page, w, errors };
  }

  const at = (w: Locator, name: string) => w.getByRole('heading', { level: 2, name }).waitFor();
  const next = (w: Locator) => w.getByRole('button', { name: 'Next', exact: true }).click();

  for (const device of DEVICES) {
    it(`a pair in one zone books by pointer on a ${device.name}, reads one 24-hour time each, and "Change" on the review comes back`, async () => {
      const { page, w, errors } = await open({
        viewport: device.viewport,
        isMobile: device.isMobile,
        hasTouch: device.isMobile,
        timezoneId: 'Europe/London',
        locale: 'en-GB',
      });
      const opened = Date.now();
      const shot = async (step: string) => {
        await w.screenshot({ path: join(screenshotDir, `path-pointer-${device.name}-${step}.png`) });
        expect(await axeViolations(page), `axe on ${step}`).toEqual([]);
      };
      await at(w, 'The two of you');
      // Next on an empty step: each message beside its field, the summary above, the first field focused.
      await next(w);
      await expect.poll(() => w.locator('.alert').innerText()).toBe('Please check the 5 answers marked below.');
      await shot('1-errors');
      const one = w.getByRole('group', { name: 'Person one', exact: true });
      const two = w.getByRole('group', { name: 'Person two', exact: true });
      await one.getByLabel('Name').fill('Ada Lovelace');
      await one.getByLabel('Email').fill('ada@example.com');
      await expect.poll(() => one.locator('.zone-now').innerText()).toBe('London (United Kingdom Time, GMT)');
      await two.getByLabel('Name').fill('Grace Hopper');
      await two.getByLabel('Email').fill('grace@example.com');
      await two.getByRole('radio', { name: 'Same as person one (London)' }).click();
      await shot('1-who');
      await next(w);

      await at(w, 'Choose a time');
      const first = w.locator('.slot').first();
      await first.waitFor();
      // One clock each, the same for both, in en-GB's 24 hours: "09:15 London".
      expect(await first.textContent()).toMatch(/^\d\d:\d\d London$/);
      // The day is chosen with the pointer, the time below it.
      const days = w.locator('.weekday:not(.closed)');
      await days.last().click();
      await w.locator('.slot').first().click();
      const chosen = (await w.locator('.slot').first().textContent())!;
      await shot('2-time');
      await next(w);

      await at(w, 'Your partnership');
      await w.getByRole('radio', { name: 'Peers' }).click();
      await w.getByLabel('What is happening in your partnership now?').fill('Two leads sharing one project.');
      await next(w);
      await at(w, 'Focus');
      await w.getByRole('checkbox', { name: 'Surfacing and navigating tension' }).click();
      await w.getByLabel('What do you hope will be different?').fill('Say hard things early.');
      await next(w);
      await at(w, 'Sponsor (optional)');
      await w.getByRole('radio', { name: 'Yes' }).click();
      await w.getByRole('radio', { name: 'A supervisor' }).click();
      await w.getByLabel("Sponsor's name or role").fill('Head of programmes');
      // "dad@" is said in words beside the field, never as a schema.
      await w.getByLabel("Sponsor's email (optional)").fill('dad@');
      await next(w);
      await expect.poll(() => w.locator('.error').allInnerTexts()).toEqual(['Enter a valid email address.']);
      await shot('5-sponsor-error');
      await w.getByLabel("Sponsor's email (optional)").fill('');
      await next(w);
      await at(w, 'Agreements');
      for (const box of await w.getByRole('checkbox').all()) await box.click();
      await next(w);

      await at(w, 'Review and confirm');
      // One time under both names: they share a zone.
      expect(await w.locator('.summary').nth(1).innerText()).toContain('Ada Lovelace and Grace Hopper');
      await w.getByRole('button', { name: 'Change: Choose a time' }).click();
      await at(w, 'Choose a time');
      await w.getByRole('button', { name: 'Return to the review' }).click();
      await at(w, 'Review and confirm');
      await shot('7-review');
      await page.waitForTimeout(Math.max(0, 3_500 - (Date.now() - opened)));
      await w.getByRole('button', { name: 'Book the discovery call' }).click();
      await at(w, 'Your discovery call is booked');
      const text = await w.locator('.duet').innerText();
      expect(text).toContain('Ada Lovelace and Grace Hopper:');
      expect(text).toContain(`${chosen.slice(0, 5)}–`);
      await shot('8-confirmation');
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }

  it("finds zones as people name them: a city, a clock's name, a country, an abbreviation", async () => {
    const { page, w } = await open({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/Berlin', locale: 'en-US' });
    const one = w.getByRole('group', { name: 'Person one', exact: true });
    await expect.poll(() => one.locator('.zone-now').innerText()).toBe('Berlin (Central European Time, GMT+1)');
    await one.getByRole('button', { name: 'Change time zone' }).click();
    const box = one.getByRole('combobox');
    await box.waitFor();
    const firstMatch = async (query: string) => {
      await box.fill(query);
      await expect.poll(() => one.getByRole('status').innerText()).toMatch(/found/);
      return (await one.getByRole('option').first().innerText()).replace(/\n/g, ' — ');
    };
    expect(await firstMatch('Los Angeles')).toBe('Los Angeles, United States — Pacific Time · GMT−8');
    expect(await firstMatch('Pacific Time')).toBe('Los Angeles, United States — Pacific Time · GMT−8');
    expect(await firstMatch('India')).toBe('Kolkata, India — India Standard Time · GMT+5:30');
    expect(await firstMatch('Mumbai')).toBe('Mumbai (Kolkata), India — India Standard Time · GMT+5:30');
    expect(await firstMatch('Kyiv')).toBe('Kyiv, Ukraine — Eastern European Time · GMT+2');
    expect(await firstMatch('EST')).toBe('New York, United States — Eastern Time · GMT−5');
    expect(await axeViolations(page)).toEqual([]);
    await w.screenshot({ path: join(screenshotDir, 'path-zone-search.png') });
    await box.press('Enter');
    await expect.poll(() => one.locator('.zone-now').innerText()).toBe('New York (Eastern Time, GMT−5)');
    // The search's data came when the search opened, not with the first step.
    const chunks = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.includes('/chunks/')),
    );
    expect(chunks.some((c) => /ZoneSearch/.test(c))).toBe(true);
    await page.context().close();
  });

  it("writes each person's clock in the visitor's own locale, unless the site says otherwise with data-duet-locale", async () => {
    const label = async (options: BrowserContextOptions, path = '/examples/') => {
      const { page, w } = await open({ timezoneId: 'America/New_York', ...options }, path);
      const one = w.getByRole('group', { name: 'Person one', exact: true });
      const two = w.getByRole('group', { name: 'Person two', exact: true });
      await one.getByLabel('Name').fill('Ada');
      await one.getByLabel('Email').fill('ada@example.com');
      await two.getByLabel('Name').fill('Grace');
      await two.getByLabel('Email').fill('grace@example.com');
      await two.getByRole('radio', { name: 'Another time zone' }).click();
      await chooseZone(two, 'London');
      await next(w);
      await w.locator('.slot').first().waitFor();
      const text = (await w.locator('.slot').first().textContent())!;
      await page.context().close();
      return text;
    };
    // en-US: "9:15 AM", no leading zero; en-GB: "09:15"; the two people always in the same format.
    expect(await label({ locale: 'en-US' })).toMatch(/^([1-9]|1[0-2]):\d\d [AP]M New York · ([1-9]|1[0-2]):\d\d [AP]M London$/);
    expect(await label({ locale: 'en-GB' })).toMatch(/^\d\d:\d\d New York · \d\d:\d\d London$/);
    // The site's data-duet-locale wins over the visitor's.
    expect(await label({ locale: 'en-US' }, '/examples/locale.html')).toMatch(/^\d\d:\d\d New York · \d\d:\d\d London$/);
  });

  it("on a page whose origin may not book, says so before anyone types, with the practice's email, and names the origin in the console", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') console.push(m.text());
    });
    const other = `http://127.0.0.1:${port}`;
    await page.goto(`${other}/examples/`);
    const w = widget(page);
    await at(w, 'Booking is not open on this page');
    expect(await w.getByRole('textbox').count()).toBe(0);
    expect(await w.getByRole('link', { name: 'coaching@example.org' }).getAttribute('href')).toBe('mailto:coaching@example.org');
    expect(console).toContain(
      `Duet: this page may not book calls. Add "${other}" to practice.allowedOrigins in the Duet configuration.` +
        ` In "practice": "allowedOrigins": ["http://localhost:${port}", "${other}"]`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await w.screenshot({ path: join(screenshotDir, 'path-origin-refused.png') });
    await context.close();
  });
});
