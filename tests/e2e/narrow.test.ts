// The widget at 320 px wide (also what 1280 px at 400 % zoom gives): nothing scrolls sideways or overlaps, the
// week of days stays one row, and choosing a day or a time moves nothing on the page.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { chooseZone, startExampleServer, widget } from '../support/embedPage.ts';
import type { RunningServer } from '../support/server.ts';

const box = async (l: Locator) => (await l.boundingBox())!;
const size = async (l: Locator) => {
  const { width, height } = await box(l);
  return { width, height };
};
const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('the widget on a 320 px screen', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startExampleServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('walks to the review without sideways scrolling, a week of days in one row and no box growing when chosen', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 700 }, timezoneId: 'America/Los_Angeles', locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(server.url + '/examples/');
    const w = widget(page);
    const next = () => w.getByRole('button', { name: 'Next', exact: true }).click();
    const at = (name: string) => w.getByRole('heading', { level: 2, name }).waitFor();

    await at('The two of you');
    expect(await sideways(page)).toBe(0);
    const one = w.getByRole('group', { name: 'Person one', exact: true });
    const two = w.getByRole('group', { name: 'Person two', exact: true });
    await one.getByLabel('Name').fill('Ada Lovelace');
    await one.getByLabel('Email').fill('ada@example.com');
    await two.getByLabel('Name').fill('Yuki Tanaka');
    await two.getByLabel('Email').fill('yuki@example.com');
    await two.getByRole('radio', { name: 'Another time zone' }).check();
    await chooseZone(two, 'Tokyo');
    expect(await sideways(page)).toBe(0);
    await next();
    await at('Choose a time');

    // The seven days of the week side by side, in even columns, not a ragged file.
    const days = w.locator('.weekday');
    await days.first().waitFor();
    const boxes = await Promise.all([0, 1, 6].map((i) => box(days.nth(i))));
    expect(Math.abs(boxes[0].y - boxes[2].y)).toBeLessThan(1);
    expect(Math.abs(boxes[0].width - boxes[1].width)).toBeLessThan(1);
    // Choosing a day or a time changes its look, not its size.
    const open = w.locator('.weekday:not(.closed)');
    const chip = await size(open.last());
    await open.last().locator('input').check();
    expect(await size(open.last())).toEqual(chip);
    const slot = w.locator('.slot').first();
    const before = await size(slot);
    await slot.locator('input').check();
    expect(await size(slot)).toEqual(before);
    expect(await sideways(page)).toBe(0);
    await next();
    await at('Your partnership');
    await w.getByRole('radio', { name: 'Co-founders' }).check();
    await w.getByLabel('What is happening in your partnership now?').fill('We grew fast and stopped talking.');
    await next();
    await at('Focus');
    await w.getByRole('checkbox', { name: 'Building or repairing trust' }).check();
    await w.getByLabel('What do you hope will be different?').fill('Decide together.');
    await next();
    await at('Sponsor (optional)');
    await next();
    await at('Agreements');
    for (const tick of await w.getByRole('checkbox').all()) await tick.check();
    await next();
    await at('Review and confirm');
    expect(await sideways(page)).toBe(0);

    // Each "Change" link sits beside its heading, never on top of its words.
    for (const section of await w.locator('.summary').all()) {
      const heading = await box(section.locator('h3'));
      const text = await section.locator('h3').evaluate((h) => {
        const r = document.createRange();
        r.selectNodeContents(h);
        const rects = [...r.getClientRects()];
        return Math.max(...rects.map((x) => x.right));
      });
      const change = await box(section.getByRole('button', { name: /^Change/ }));
      expect(text, await section.locator('h3').innerText()).toBeLessThanOrEqual(change.x);
      expect(heading.height).toBeGreaterThan(0);
    }
    await context.close();
  });
});
