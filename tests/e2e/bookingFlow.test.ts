// A duo books on the example site's plain page (/examples/) in real Chromium, by keyboard alone, on a desktop and on a phone.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, launchBrowser } from '../support/browser.ts';
import { exampleConfigOn } from '../support/embedPage.ts';
import { axeViolations, focused, screenshotDir, tabTo, typeInto } from '../support/keyboard.ts';
import { startServer, type RunningServer } from '../support/server.ts';

async function heading(page: Page): Promise<string> {
  return page.locator('.duet h2').first().innerText();
}

describe('booking on the example page', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    server = await startServer({ config: exampleConfigOn(port), env: { PORT: String(port) } });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const device of [
    { name: 'desktop', viewport: { width: 1280, height: 900 }, isMobile: false },
    { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
  ]) {
    it(`a duo books by keyboard alone on a ${device.name}, and every step passes axe`, async ({ annotate }) => {
      const context = await browser.newContext({
        viewport: device.viewport, isMobile: device.isMobile, hasTouch: device.isMobile,
        timezoneId: 'America/New_York', locale: 'en-US',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const opened = Date.now();
      await page.goto(server.url + '/examples/');
      await expect.poll(() => heading(page)).toBe('You two');
      const shot = async (step: string) => {
        await page.locator('.duet-widget').screenshot({ path: join(screenshotDir, `${device.name}-${step}.png`) });
        expect(await axeViolations(page), `axe on ${step}`).toEqual([]);
      };

      // Step 1: You two.
      await shot('1-you-two');
      await tabTo(page, /^input:Co-founders$/);
      await page.keyboard.press('Space');
      await typeInto(page, /^input:Organization/, 'Acme Cooperative');
      await typeInto(page, /^textarea:What is happening/, 'We co-lead a growing team and disagree on hiring.');
      await tabTo(page, /^button:Next$/);
      await page.keyboard.press('Enter');

      // Step 2: both people; focus has moved to the new step's heading.
      await expect.poll(() => heading(page)).toBe('Person one and person two');
      expect(await focused(page)).toBe('h2:Person one and person two');
      await typeInto(page, /^input:Name$/, 'Ada Lovelace');
      await typeInto(page, /^input:Email$/, 'ada@example.com');
      await typeInto(page, /^input:Role/, 'CEO');
      await tabTo(page, /^input:Time zone$/);
      expect(await page.locator('.duet input[list]').first().inputValue()).toBe('America/New_York');
      await typeInto(page, /^input:Name$/, 'Grace Hopper');
      await typeInto(page, /^input:Email$/, 'grace@example.com');
      await tabTo(page, /^input:Time zone$/);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Europe/London');
      await shot('2-people');
      await tabTo(page, /^button:Next$/);
      await page.keyboard.press('Enter');

      // Step 3: focus.
      await expect.poll(() => heading(page)).toBe('Focus');
      await tabTo(page, /^input:Building or repairing trust$/);
      await page.keyboard.press('Space');
      await tabTo(page, /^input:Clarifying communication/);
      await page.keyboard.press('Space');
      await typeInto(page, /^textarea:What do you hope/, 'Decide together, faster, and with less heat.');
      await shot('3-focus');
      await tabTo(page, /^button:Next$/);
      await page.keyboard.press('Enter');

      // Step 4: no sponsor.
      await expect.poll(() => heading(page)).toBe('Sponsor (optional)');
      await tabTo(page, /^input:No$/);
      await page.keyboard.press('Space');
      await shot('4-sponsor');
      await tabTo(page, /^button:Next$/);
      await page.keyboard.press('Enter');

      // Step 5: the first open time, shown in New York time with London time beside it.
      await expect.poll(() => heading(page)).toBe('Time');
      const first = page.locator('.duet .slot').first();
      await expect.poll(() => first.innerText()).toMatch(/^\d\d:\d\d New York · \d\d:\d\d London$/);
      const label = await first.innerText();
      await tabTo(page, /^input:\d\d:\d\d New York/);
      await page.keyboard.press('Space');
      await shot('5-time');
      await tabTo(page, /^button:Next$/);
      await page.keyboard.press('Enter');

      // Step 6: every agreement ticked.
      await expect.poll(() => heading(page)).toBe('Agreements');
      for (const agreement of [/keep appointments/, /10-minute buffer/, /ICF Code of Ethics/, /sincerely want/]) {
        await tabTo(page, new RegExp(`^input:.*${agreement.source}`));
        await page.keyboard.press('Space');
      }
      await shot('6-agreements');
      await tabTo(page, /^button:Next$/);
      await page.keyboard.press('Enter');

      // Step 7: review, then book. A person takes more than a few seconds over seven steps; the server expects that.
      await expect.poll(() => heading(page)).toBe('Review and confirm');
      await shot('7-review');
      await page.waitForTimeout(Math.max(0, 3_500 - (Date.now() - opened)));
      await tabTo(page, /^button:Book the discovery call$/);
      await page.keyboard.press('Enter');

      await expect.poll(() => heading(page), { timeout: 10_000 }).toBe('Your discovery call is booked');
      const confirmation = await page.locator('.duet').innerText();
      expect(confirmation).toContain('Ada Lovelace:');
      expect(confirmation).toContain('Grace Hopper:');
      expect(confirmation).toContain('to both of you (ada@example.com and grace@example.com) and to both coaches');
      expect(label).toMatch(/New York/);
      const ics = await page.locator('.duet a', { hasText: 'Add to calendar' }).getAttribute('href');
      const calendar = await (await fetch(ics!)).text();
      expect(calendar).toContain('BEGIN:VEVENT');
      await shot('8-confirmation');
      await annotate(`screenshots of every step: ${screenshotDir}/${device.name}-*.png`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('both bookings landed in the store and as invitations in the outbox', async () => {
    const outbox = join(server.dataDir, 'outbox');
    await expect.poll(() => readdirSync(outbox).filter((f) => f.endsWith('.eml')).length, { timeout: 10_000 }).toBe(8);
    const mails = readdirSync(outbox).filter((f) => f.endsWith('.eml')).map((f) => readFileSync(join(outbox, f), 'utf8'));
    expect(mails.filter((m) => /^To: ada@example\.com/m.test(m))).toHaveLength(2);
    expect(mails.filter((m) => /^To: maya@example\.org/m.test(m))).toHaveLength(2);
  });
});
