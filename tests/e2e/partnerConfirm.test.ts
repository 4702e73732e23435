// Person two opens their own link in real Chromium and confirms their part by keyboard alone: the agreements ticked
// by them, their two private answers, then the call in their own zone first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated, ManagedBooking } from '../../core/api.ts';
import { HOUR_MS } from '../../core/time.ts';
import { freePort, launchBrowser } from '../support/browser.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { axeViolations, focused, tabTo } from '../support/keyboard.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { waitFor } from '../support/waitFor.ts';

const heading = (page: Page) => page.locator('.duet h2').first();

/** Books a call on `server` and returns person two's own link, read from their invitation in the outbox. */
async function bookFor(origin: string, server: RunningServer): Promise<{ created: BookingCreated; link: string }> {
  const { slots } = (await (await fetch(`${origin}/api/availability`)).json()) as AvailabilityResponse;
  const start = slots.find((s) => Date.parse(s.start) > Date.now() + 26 * HOUR_MS)!.start;
  const res = await fetch(`${origin}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(bookingBody(start)),
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as BookingCreated;
  const dir = join(server.dataDir, 'outbox');
  const eml = await waitFor(() =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => f.endsWith('.eml'))
          .map((f) => readFileSync(join(dir, f), 'utf8'))
          .find((raw) => /^To: grace@example\.com/m.test(raw) && raw.includes(created.booking.id) && raw.includes('confirm your own part'))
      : undefined,
  );
  const token = /token=([\w-]{43})/.exec(eml.replace(/=\r?\n/g, '').replace(/=3D/g, '='))![1];
  return { created, link: `${origin}/manage?id=${created.booking.id}&token=${token}` };
}

/** Ticks the four agreements by keyboard, from the first, and sends them. */
async function confirmByKeyboard(page: Page) {
  await tabTo(page, /^input:We will keep appointments/);
  for (let i = 0; i < 4; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^input:/);
    await page.keyboard.press('Space');
  }
  await tabTo(page, /^button:Confirm my part$/);
  await page.keyboard.press('Enter');
}

describe("person two's own link", () => {
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
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const bookForBoth = () => bookFor(origin, server);

  it('confirms their part by keyboard, each agreement ticked by them, and the page then reads in their zone', async () => {
    const { created, link } = await bookForBoth();
    expect(link).not.toBe(created.manageUrl);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(link);
    await expect.poll(() => heading(page).innerText()).toBe('Confirm your part');
    const text = await page.locator('.duet').innerText();
    expect(text).toContain('Ada Lovelace booked this call for both of you.');
    // Grace's own zone first.
    expect(await page.locator('.duet .when li').first().innerText()).toMatch(/^Grace Hopper: .* London time$/);
    expect(await axeViolations(page)).toEqual([]);

    // Sending with nothing ticked: the alert, and focus on the first agreement to tick.
    await tabTo(page, /^button:Confirm my part$/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.duet [role=alert]').innerText())
      .toBe('Please tick each of the four agreements to confirm your part.');
    expect(await focused(page)).toMatch(/^input:We will keep appointments/);
    for (let i = 0; i < 4; i++) {
      if (i > 0) await page.keyboard.press('Tab');
      expect(await focused(page)).toMatch(/^input:/);
      await page.keyboard.press('Space');
    }
    await tabTo(page, /^textarea:How is this partnership for you right now\?/);
    await page.keyboard.type('Better than last year.');
    await tabTo(page, /^textarea:What would you like to be different\?/);
    await page.keyboard.type('That we argue less about hiring.');
    expect(await axeViolations(page)).toEqual([]);
    await tabTo(page, /^button:Confirm my part$/);
    await page.keyboard.press('Enter');

    await expect
      .poll(() => page.locator('.duet [role=status]').first().innerText())
      .toBe('Thank you: your part is confirmed. The two coaches have been told; only they will read your answers.');
    await expect.poll(() => heading(page).innerText()).toBe('Your discovery call');
    expect(await focused(page)).toBe('h2:Your discovery call');
    const token = new URL(link).searchParams.get('token')!;
    const view = (await (await fetch(`${origin}/api/bookings/${created.booking.id}?token=${token}`)).json()) as ManagedBooking;
    expect(view.people.map((p) => p.confirmed)).toEqual([true, true]);
    expect(await page.locator('.duet').innerText()).not.toContain('Confirm your part');
    await context.close();
  });

  it("person one's own link shows the overview, never the confirm view", async () => {
    const { created } = await bookForBoth();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(created.manageUrl);
    await expect.poll(() => heading(page).innerText()).toBe('Your discovery call');
    expect(await page.locator('.duet .when li').first().innerText()).toMatch(/^Ada Lovelace: .* New York time$/);
    expect(await page.locator('.duet').innerText()).not.toContain('Confirm your part');
    await context.close();
  });
});

describe('"require": both journeys while the time is held', () => {
  let server: RunningServer;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    server = await startServer({
      config: testConfig({
        practice: { baseUrl: origin, allowedOrigins: [origin] },
        call: { partnerConfirmation: 'require', minNoticeHours: 25, cancelNoticeHours: 24, confirmWithinHours: 48 },
      }),
      env: { PORT: String(port) },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('person one reads that the time is held for Grace; Grace confirms by keyboard before the deadline; then it stands for both', async () => {
    const { created, link } = await bookFor(origin, server);
    const until = created.booking.hold!.until;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const one = await context.newPage();
    await one.goto(created.manageUrl);
    await expect.poll(() => heading(one).innerText()).toBe('Your discovery call');
    const ada = await one.locator('.duet').innerText();
    expect(ada).toContain('Grace Hopper has not confirmed their part yet.');
    expect(ada).toMatch(
      /The time is held for you both until Grace Hopper confirms their part\. If that has not happened by .* New York time, the time is released\./,
    );
    expect(await axeViolations(one)).toEqual([]);

    const two = await context.newPage();
    await two.goto(link);
    await expect.poll(() => heading(two).innerText()).toBe('Confirm your part');
    const grace = await two.locator('.duet').innerText();
    expect(grace).toMatch(
      /The time is held for you both until you confirm, at the latest by .* London time;\s+after that it is released\./,
    );
    // The deadline in her own zone, as the browser writes times (the test browser: en-US).
    const london = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' }).format(
      Date.parse(until),
    );
    expect(grace).toContain(`${london} London time`);
    await confirmByKeyboard(two);
    await expect.poll(() => heading(two).innerText()).toBe('Your discovery call');
    expect(await focused(two)).toBe('h2:Your discovery call');
    const after = await two.locator('.duet').innerText();
    expect(after).toContain('You have confirmed your part.');
    expect(after).not.toContain('The time is held');

    await one.reload();
    await expect.poll(() => one.locator('.duet').innerText()).toContain('Grace Hopper has confirmed their part.');
    expect(await one.locator('.duet').innerText()).not.toContain('The time is held');
    const view = (await (
      await fetch(`${origin}/api/bookings/${created.booking.id}?token=${new URL(created.manageUrl).searchParams.get('token')}`)
    ).json()) as ManagedBooking;
    expect(view.booking.hold).toBeUndefined();
    await context.close();
  });
});
