// A pair far apart (Los Angeles and Singapore) books on the example site's plain page (/examples/) in real Chromium,
// by keyboard alone, on a desktop and a phone: who and where first, then the times in both clocks, then the rest;
// axe on every step.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICES, freePort, launchBrowser } from '../support/browser.ts';
import { exampleConfigOn } from '../support/embedPage.ts';
import { axeViolations, focused, screenshotDir, tabTo, typeInto } from '../support/keyboard.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const heading = (page: Page) => page.locator('.duet h2').first().innerText();

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

  for (const device of DEVICES) {
    it(`a pair in Los Angeles and Singapore books by keyboard alone on a ${device.name}, and every step passes axe`, async ({
      annotate,
    }) => {
      const context = await browser.newContext({
        viewport: device.viewport,
        isMobile: device.isMobile,
        hasTouch: device.isMobile,
        timezoneId: 'America/Los_Angeles',
        locale: 'en-US',
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const opened = Date.now();
      await page.goto(server.url + '/examples/');
      await expect.poll(() => heading(page)).toBe('The two of you');
      const shot = async (step: string) => {
        await page.locator('.duet-widget').screenshot({ path: join(screenshotDir, `${device.name}-${step}.png`) });
        expect(await axeViolations(page), `axe on ${step}`).toEqual([]);
      };
      const next = async (label = 'Next') => {
        await tabTo(page, new RegExp(`^button:${label}$`));
        await page.keyboard.press('Enter');
      };

      // Step 1: who and where. The line before it says what this is; person one's zone is the browser's, in words.
      const widgetText = () => page.locator('.duet').innerText();
      await expect.poll(widgetText).toContain('A free discovery call of 45 minutes with two of our coaches');
      await expect.poll(() => page.locator('.duet .zone-now').first().innerText()).toBe('Los Angeles (Pacific Time, GMT−8)');
      await typeInto(page, /^input:Name$/, 'Ada Lovelace');
      await typeInto(page, /^input:Email$/, 'ada@example.com');
      await typeInto(page, /^input:Name$/, 'Lee Wen');
      await typeInto(page, /^input:Email$/, 'lee@example.com');
      // Person two's zone is asked: the arrow key moves from "same" to "another", which opens the search.
      await tabTo(page, /^input:Same as person one \(Los Angeles\)$/);
      await page.keyboard.press('ArrowDown');
      expect(await focused(page)).toBe('input:Another time zone');
      await tabTo(page, /^input:Time zone$/);
      await page.keyboard.type('Singapore');
      await expect
        .poll(() => page.locator('.duet [role=option]').first().innerText())
        .toMatch(/^Singapore, Singapore\nSingapore Standard Time · GMT\+8$/);
      await shot('1-who-search');
      await page.keyboard.press('Enter');
      // The keyboard comes back to the field, which now names the zone.
      await expect.poll(() => focused(page)).toBe('button:Change time zone');
      expect(await page.locator('.duet .zone-now').nth(1).innerText()).toBe('Singapore (Singapore Standard Time, GMT+8)');
      await shot('1-who');
      await next();

      // Step 2: the times, right after; focus on the new step's heading. Both zones are named above the times.
      await expect.poll(() => heading(page)).toBe('Choose a time');
      expect(await focused(page)).toBe('h2:Choose a time');
      const first = page.locator('.duet .slot').first();
      await first.waitFor();
      expect(await page.locator('.duet .zones').textContent()).toMatch(
        /Ada Lovelace’s time zone: Los Angeles \(GMT−8\) Change[\s\S]*Lee Wen’s time zone: Singapore \(GMT\+8\) Change/,
      );
      // en-US: "5:00 AM", no leading zero; both people's times in the same 12-hour clock.
      const text = async () => (await first.textContent())!;
      expect(await text()).toMatch(/^\d{1,2}:\d\d [AP]M Los Angeles · (\w{3} )?\d{1,2}:\d\d [AP]M Singapore$/);
      // The first times are on screen with the heading, without scrolling past four weeks of days.
      const top = (await page.locator('.duet h2').boundingBox())!.y;
      const firstBox = (await first.boundingBox())!;
      expect(firstBox.y + firstBox.height - top).toBeLessThan(device.viewport.height);
      // One night note per run of night times, never one per time.
      const times = await page.locator('.duet .slot').count();
      const notes = await page.locator('.duet .night').allInnerTexts();
      expect(notes.length).toBeGreaterThan(0);
      expect(notes.length).toBeLessThan(times);
      expect(notes[0]).toMatch(/^These times are at night in (Los Angeles and Singapore|Los Angeles|Singapore) \(10 PM to 7 AM\)\.$/);
      await shot('2-time');
      // The 12/24-hour switch (a radio pair: Tab reaches the chosen one, the arrow key the other) turns both clocks.
      await tabTo(page, /^input:12-hour$/);
      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toBe('input:24-hour');
      await expect.poll(text).toMatch(/^\d\d:\d\d Los Angeles · (\w{3} )?\d\d:\d\d Singapore$/);
      await tabTo(page, /^input:\d\d:\d\d Los Angeles/);
      await page.keyboard.press('Space');
      const label = (await focused(page)).replace(/^input:/, '');
      await shot('2-time-chosen');
      await next();

      // Step 3: the partnership.
      await expect.poll(() => heading(page)).toBe('Your partnership');
      await tabTo(page, /^input:Co-founders$/);
      await page.keyboard.press('Space');
      await typeInto(page, /^input:Ada Lovelace’s role/, 'CEO');
      await typeInto(page, /^textarea:What is happening/, 'We co-lead a growing team and disagree on hiring.');
      await shot('3-partnership');
      await next();

      // Step 4: focus.
      await expect.poll(() => heading(page)).toBe('Focus');
      await tabTo(page, /^input:Building or repairing trust$/);
      await page.keyboard.press('Space');
      await typeInto(page, /^textarea:What do you hope/, 'Decide together, faster, and with less heat.');
      await shot('4-focus');
      await next();

      // Step 5: no sponsor; the seed's note on what a sponsor may expect.
      await expect.poll(() => heading(page)).toBe('Sponsor (optional)');
      expect(await widgetText()).toContain('our coaching clients are responsible for their own action or inaction');
      await tabTo(page, /^input:No$/);
      await page.keyboard.press('Space');
      await shot('5-sponsor');
      await next();

      // Step 6: every agreement ticked.
      await expect.poll(() => heading(page)).toBe('Agreements');
      expect(await widgetText()).toContain('(we know this isn’t always possible)');
      for (const agreement of [/keep appointments/, /10-minute buffer/, /ICF Code of Ethics/, /sincerely want/]) {
        await tabTo(page, new RegExp(`^input:.*${agreement.source}`));
        await page.keyboard.press('Space');
      }
      await shot('6-agreements');
      await next();

      // Step 7: review in the step table's order, then book. A person takes more than a few seconds; the server expects that.
      await expect.poll(() => heading(page)).toBe('Review and confirm');
      expect(await page.locator('.duet .summary h3').allInnerTexts()).toEqual([
        'The two of you',
        'Choose a time',
        'Your partnership',
        'Focus',
        'Sponsor (optional)',
        'Agreements',
      ]);
      await shot('7-review');
      await page.waitForTimeout(Math.max(0, 3_500 - (Date.now() - opened)));
      await next('Book the discovery call');

      await expect.poll(() => heading(page), { timeout: 10_000 }).toBe('Your discovery call is booked');
      const confirmation = await widgetText();
      expect(confirmation).toContain('Ada Lovelace:');
      expect(confirmation).toContain('Lee Wen:');
      expect(confirmation).toContain('to both of you (ada@example.com and lee@example.com) and to both coaches');
      expect(confirmation).toContain('your two coaches will recommend a structure and cadence');
      expect(confirmation).toContain(`${label.slice(0, 5)}–`);
      const ics = await page.locator('.duet a', { hasText: 'Add to calendar (.ics)' }).getAttribute('href');
      expect(await (await fetch(ics!)).text()).toContain('BEGIN:VEVENT');
      expect(await page.locator('.duet a', { hasText: 'Add to Google Calendar' }).getAttribute('href')).toMatch(
        /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&/,
      );
      expect(await page.locator('.duet a', { hasText: 'Add to Outlook' }).getAttribute('href')).toMatch(
        /^https:\/\/outlook\.office\.com\/calendar\/deeplink\/compose\?/,
      );
      await shot('8-confirmation');
      await annotate(`screenshots of every step: ${screenshotDir}/${device.name}-*.png`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("both bookings landed in the store and as invitations in the outbox, with each person's zone", async () => {
    const outbox = join(server.dataDir, 'outbox');
    await expect.poll(() => readdirSync(outbox).filter((f) => f.endsWith('.eml')).length, { timeout: 10_000 }).toBe(8);
    const mails = readdirSync(outbox)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => readFileSync(join(outbox, f), 'utf8'));
    expect(mails.filter((m) => /^To: ada@example\.com/m.test(m))).toHaveLength(2);
    expect(mails.filter((m) => /^To: lee@example\.com/m.test(m))).toHaveLength(2);
    expect(mails.find((m) => /^To: lee@example\.com/m.test(m))).toContain('Singapore');
  });
});
