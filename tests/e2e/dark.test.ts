// examples/dark.html, themed only with the README's custom properties: every step passes axe with contrast, and the
// chosen day, the chosen time, the error summary and the focus ring take the theme's colours (no fixed light ones).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICES, launchBrowser } from '../support/browser.ts';
import { chooseZone, startExampleServer, widget } from '../support/embedPage.ts';
import { axeViolations, screenshotDir } from '../support/keyboard.ts';
import type { RunningServer } from '../support/server.ts';

/** WCAG 2 contrast of an element's text on its own background, from the browser's computed colours. */
function contrast(l: Locator): Promise<number> {
  return l.evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const style = getComputedStyle(el);
    const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

describe('the dark example page', () => {
  let server: RunningServer;
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
    it(`reads well on every step on a ${device.name}, contrast included`, async () => {
      const context = await browser.newContext({
        viewport: device.viewport,
        isMobile: device.isMobile,
        hasTouch: device.isMobile,
        timezoneId: 'America/New_York',
        locale: 'en-US',
      });
      const page = await context.newPage();
      await page.goto(`${server.url}/examples/dark.html`);
      const w = widget(page);
      const at = (name: string) => w.getByRole('heading', { level: 2, name }).waitFor();
      const next = () => w.getByRole('button', { name: 'Next', exact: true }).click();
      const check = async (step: string) => {
        await w.screenshot({ path: join(screenshotDir, `dark-${device.name}-${step}.png`) });
        expect(await axeViolations(page), `axe on ${step}`).toEqual([]);
      };

      await at('The two of you');
      // The theme reached the widget: its own background is the site's dark one.
      expect(await w.locator('.duet').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(22, 24, 29)');
      await next();
      const summary = w.locator('.alert');
      await expect.poll(() => summary.innerText()).toBe('Please check the 5 answers marked below.');
      expect(await contrast(summary)).toBeGreaterThanOrEqual(4.5);
      // The focus ring is the theme's accent, not a fixed blue.
      expect(await w.locator(':focus').evaluate((el) => getComputedStyle(el).outlineColor)).toBe('rgb(138, 180, 248)');
      await check('1-errors');

      const one = w.getByRole('group', { name: 'Person one', exact: true });
      const two = w.getByRole('group', { name: 'Person two', exact: true });
      await one.getByLabel('Name').fill('Ada Lovelace');
      await one.getByLabel('Email').fill('ada@example.com');
      await two.getByLabel('Name').fill('Grace Hopper');
      await two.getByLabel('Email').fill('grace@example.com');
      await two.getByRole('radio', { name: 'Another time zone' }).check();
      await two.getByRole('combobox').fill('London');
      const option = two.getByRole('option').first();
      await option.waitFor();
      expect(await contrast(option)).toBeGreaterThanOrEqual(4.5);
      await check('1-search');
      await two.getByRole('combobox').press('Enter');
      await next();

      await at('Choose a time');
      await w.locator('.slot').first().waitFor();
      await next(); // no time chosen: the message beside the times
      await expect.poll(() => w.locator('.day .error').innerText()).toBe('Choose a time for the call.');
      await check('2-time-error');
      await w.locator('.slot').first().click();
      // The chosen time and the chosen day: the theme's text on the theme's selected background, readable.
      expect(await contrast(w.locator('.slot:has(:checked)'))).toBeGreaterThanOrEqual(4.5);
      expect(await contrast(w.locator('.weekday:has(:checked)'))).toBeGreaterThanOrEqual(4.5);
      await check('2-time');
      await next();

      await at('Your partnership');
      await w.getByRole('radio', { name: 'Co-founders' }).check();
      await w.getByLabel('What is happening in your partnership now?').fill('We grew fast and stopped talking.');
      await check('3-partnership');
      await next();
      await at('Focus');
      await w.getByRole('checkbox', { name: 'Building or repairing trust' }).check();
      await w.getByLabel('What do you hope will be different?').fill('Decide together.');
      await next();
      await at('Sponsor (optional)');
      await check('5-sponsor');
      await next();
      await at('Agreements');
      for (const box of await w.getByRole('checkbox').all()) await box.check();
      await check('6-agreements');
      await next();
      await at('Review and confirm');
      await check('7-review');
      await context.close();
    });
  }

  it('and on the zone picker of the Time step, the pair in one zone', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'Europe/London', locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.url}/examples/dark.html`);
    const w = widget(page);
    const one = w.getByRole('group', { name: 'Person one', exact: true });
    const two = w.getByRole('group', { name: 'Person two', exact: true });
    await one.getByLabel('Name').fill('Ada');
    await one.getByLabel('Email').fill('ada@example.com');
    await two.getByLabel('Name').fill('Grace');
    await two.getByLabel('Email').fill('grace@example.com');
    await two.getByRole('radio', { name: /^Same as person one/ }).check();
    await w.getByRole('button', { name: 'Next', exact: true }).click();
    await w.locator('.slot').first().waitFor();
    // Change Grace's zone right above the times: her clock appears beside each time.
    await chooseZone(w.locator('.zones'), 'Berlin', 'Change Grace’s time zone');
    await expect.poll(async () => (await w.locator('.slot').first().textContent())!).toMatch(/^\d\d:\d\d London · \d\d:\d\d Berlin$/);
    expect(await axeViolations(page)).toEqual([]);
    await w.screenshot({ path: join(screenshotDir, 'dark-time-zones.png') });
    await context.close();
  });
});
