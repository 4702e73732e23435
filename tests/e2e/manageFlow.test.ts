// The duo opens their manage link in real Chromium, moves the call by keyboard alone, then cancels it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated, ManagedBooking } from '../../core/api.ts';
import { freePort, launchBrowser } from '../support/browser.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { axeViolations, focused, screenshotDir, tabTo } from '../support/keyboard.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { HOUR_MS } from '../../core/time.ts';

const heading = (page: Page) => page.locator('.duet h2').first();

describe('the manage link', () => {
  let server: RunningServer;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    server = await startServer({
      config: testConfig({ practice: { baseUrl: origin, allowedOrigins: [origin] } }),
      env: { PORT: String(port) },
    });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function book(): Promise<{ created: BookingCreated; to: string }> {
    const { slots } = (await (await fetch(`${origin}/api/availability`)).json()) as AvailabilityResponse;
    // Well clear of the 24-hour edge that the real clock keeps moving towards.
    const start = slots.find((s) => Date.parse(s.start) > Date.now() + 26 * HOUR_MS)!.start;
    const res = await fetch(`${origin}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bookingBody(start)),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as BookingCreated;
    // The first time on the next day with times: the keyboard path below moves one day on, then takes its first time.
    return { created, to: start };
  }

  const current = async (created: BookingCreated) => {
    const token = new URL(created.manageUrl).searchParams.get('token')!;
    return (await (await fetch(`${origin}/api/bookings/${created.booking.id}?token=${token}`)).json()) as ManagedBooking;
  };

  it('moves the call by keyboard, then cancels it, and says so each time; nothing leaves the server', async () => {
    const { created } = await book();
    // bypassCSP only so that axe can be injected; the other tests run under the page's own CSP.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, locale: 'en-GB' });
    const page = await context.newPage();
    const requests: { url: string; referer?: string }[] = [];
    page.on('request', (r) => requests.push({ url: r.url(), referer: r.headers().referer }));

    const response = await page.goto(created.manageUrl);
    expect(response!.headers()['referrer-policy']).toBe('no-referrer');
    await expect.poll(() => heading(page).innerText()).toBe('Your discovery call');
    const text = await page.locator('.duet').innerText();
    expect(text).toContain('Ada Lovelace:');
    expect(text).toContain('New York time');
    expect(text).toContain('Grace Hopper:');
    expect(text).toContain('London time');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'manage-desktop.png'), fullPage: true });
    // Opening the page changed nothing.
    expect((await current(created)).booking).toEqual(created.booking);

    await tabTo(page, /^button:Reschedule$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).innerText()).toBe('Choose a new time');
    await page.locator('.duet .slot').first().waitFor();
    // Days are a radio group (a week of them): the arrow key moves to the next open day, Tab into its times, Space
    // takes the first. Before the days: both zones, each with "Change", and the 12/24-hour switch.
    await tabTo(page, /^input:\w{3} \d+ \w+, \d+ times?/);
    await page.keyboard.press('ArrowRight');
    const day = (await focused(page)).replace(/^input:/, '');
    await tabTo(page, /^input:\d\d:\d\d New York/);
    await page.keyboard.press('Space');
    const chosen = (await focused(page)).replace(/^input:/, '');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, 'manage-reschedule-desktop.png'), fullPage: true });
    await tabTo(page, /^button:Move the call$/);
    await page.keyboard.press('Enter');

    await expect
      .poll(() => page.locator('.duet [role=status]').first().innerText())
      .toBe('Your call has moved. Both of you and both coaches have been sent the new time.');
    const moved = await current(created);
    expect(moved.booking.start).not.toBe(created.booking.start);
    const newTime = chosen.slice(0, 5);
    expect(await page.locator('.duet .when').innerText()).toContain(`${newTime}–`);
    expect(day).toContain(
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: 'America/New_York' }).format(Date.parse(moved.booking.start)),
    );

    await tabTo(page, /^button:Cancel the call$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).innerText()).toBe('Cancel the call');
    await tabTo(page, /^textarea:Reason/);
    await page.keyboard.type('Our board wants us to wait a quarter.');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, /^button:Cancel the call$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).innerText()).toBe('Your discovery call is cancelled');
    expect(await page.locator('.duet').innerText()).toContain(
      'To find another time, book again on our website or write to coaching@example.org.',
    );
    // "Our website" is the practice's (practice.website, here baseUrl by default), not a page of Duet's.
    expect(await page.locator('.duet a', { hasText: 'book again on our website' }).getAttribute('href')).toBe(origin);
    expect((await current(created)).booking.status).toBe('cancelled');
    await page.screenshot({ path: join(screenshotDir, 'manage-cancelled-desktop.png'), fullPage: true });

    // The token stays between the page and its own server: no other host, and no Referer carrying it.
    expect(requests.filter((r) => !r.url.startsWith(`${origin}/`))).toEqual([]);
    expect(requests.filter((r) => r.referer)).toEqual([]);
    await context.close();
  });

  it('on a phone, shows the call in both zones and the two choices within the screen', async () => {
    const { created } = await book();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(created.manageUrl);
    await expect.poll(() => heading(page).innerText()).toBe('Your discovery call');
    // Under the page's own CSP: its hashed <style> applies, and nothing the page or widget does is blocked.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(246, 247, 249)');
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    const box = await page.locator('.duet button', { hasText: 'Cancel the call' }).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(screenshotDir, 'manage-phone.png'), fullPage: true });
    await page.locator('.duet button', { hasText: 'Reschedule' }).click();
    await page.locator('.duet .slot').first().waitFor();
    await page.screenshot({ path: join(screenshotDir, 'manage-reschedule-phone.png'), fullPage: true });
    await context.close();
  });

  it('a wrong token shows that the link opens no booking', async () => {
    const { created } = await book();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(created.manageUrl.replace(/token=[^&]+/, 'token=wrong'));
    await expect.poll(() => heading(page).innerText()).toBe('This link does not open a booking');
    await context.close();
  });
});
