// The coaches' page in real Chromium against the real server process: a coach and an administrator each sign in
// with the link mailed to a real SMTP server on loopback, by keyboard; the coach hands a call on; the administrator
// sees every call and the fair shares; a used link opens nothing in another browser; the pages pass axe.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import { HOUR_MS } from '../../core/time.ts';
import { injectAxe } from '../support/axeUnderCsp.ts';
import { freePort, launchBrowser } from '../support/browser.ts';
import { axeViolations, focused, screenshotDir, tabTo } from '../support/keyboard.ts';
import { calendarPart, startSmtp, type LoopbackSmtp } from '../support/loopbackSmtp.ts';
import { duoBody, poolConfig } from '../support/poolFixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';

describe("the coaches' page in a browser", () => {
  let server: RunningServer;
  let smtp: LoopbackSmtp;
  let browser: Browser;
  let origin: string;
  let booked: BookingCreated;

  beforeAll(async () => {
    smtp = await startSmtp();
    const port = await freePort();
    origin = `http://localhost:${port}`;
    const config = poolConfig({ practice: { baseUrl: origin, allowedOrigins: [origin], admins: ['ops@example.org'] } });
    server = await startServer({ config, env: { PORT: String(port), SMTP_URL: smtp.url } });
    browser = await launchBrowser();
    mkdirSync(screenshotDir, { recursive: true });
    const { slots } = (await (await fetch(`${origin}/api/availability`)).json()) as AvailabilityResponse;
    // Well clear of the 24-hour notice that the real clock keeps moving towards, at 15:00 UTC, when all four coaches work.
    const start = slots.find((s) => Date.parse(s.start) > Date.now() + 30 * HOUR_MS && s.start.endsWith('T15:00:00.000Z'))!.start;
    const res = await fetch(`${origin}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(duoBody(start)),
    });
    expect(res.status).toBe(201);
    booked = (await res.json()) as BookingCreated;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
  });

  const heading = (page: Page) => page.locator('h1').innerText();

  /** The newest sign-in link mailed to `to` (waiting for the real SMTP server to receive it). */
  async function linkFor(to: string, after: number): Promise<string> {
    await expect
      .poll(() => smtp.received.slice(after).some((r) => r.rcpt.includes(to) && /sign-in link/.test(r.mail.subject ?? '')), {
        timeout: 15_000,
      })
      .toBe(true);
    const mail = smtp.received
      .slice(after)
      .filter((r) => r.rcpt.includes(to))
      .at(-1)!.mail;
    return /http:\/\/localhost:\d+\/coach\/link\?token=[A-Za-z0-9_-]+/.exec(mail.text ?? '')![0];
  }

  /** Signs in as a keyboard user: the address, Enter, the mailed link, then Tab to "Sign in" and Enter. */
  async function signIn(page: Page, email: string): Promise<string> {
    await page.goto(`${origin}/coach`);
    expect(await heading(page)).toBe("Coaches' sign-in");
    await tabTo(page, /^input:Your email address$/);
    await page.keyboard.type(email);
    const before = smtp.received.length;
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/coach/link`);
    expect(await heading(page)).toBe('Check your mail');
    const link = await linkFor(email, before);
    await page.goto(link);
    await tabTo(page, /^button:Sign in$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/coach`);
    return link;
  }

  it('a coach signs in by the mailed link, reads the call and hands it on; the new coach and the leaving one get their invitations', async () => {
    const [leaving, staying] = booked.booking.coaches;
    const email = `${leaving.id}@example.org`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await signIn(page, email);
    expect(await heading(page)).toBe('Your calls');
    expect(await focused(page)).toBe('h1:Your calls');
    const cookie = (await context.cookies()).find((c) => c.name === 'duet_coach')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/' });
    await injectAndCheck(page, 'coach-list');

    await page.locator('section[aria-labelledby=upcoming] h3 a').first().click();
    expect(await page.locator('main').innerText()).toContain('We disagree on hiring.');
    expect(await page.locator('#person-0').innerText()).toContain('Ada Lovelace (person one');
    await injectAndCheck(page, 'coach-call');

    await tabTo(page, /^input:Yes, give my place on this call to another coach$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^button:I can't take this call$/);
    const before = smtp.received.length;
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/leave$/);
    expect(await heading(page)).toBe('Your place is handed on');
    const joined = (await page.locator('main p').first().innerText()).replace(/ takes your place.*/, '');

    // The real SMTP server receives the CANCEL for the leaving coach and the new coach's REQUEST with a higher SEQUENCE.
    await expect.poll(() => smtp.received.length - before, { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    const got = smtp.received.slice(before).map((r) => ({ to: r.rcpt[0], cal: calendarPart(r.mail) }));
    expect(got.find((g) => g.to === email)!.cal).toMatchObject({ method: 'CANCEL' });
    expect(got.find((g) => g.to === email)!.cal!.content).toMatch(/SEQUENCE:1\r\n/);
    const newcomer = got.find((g) => g.to !== email && g.to.endsWith('@example.org') && g.to !== `${staying.id}@example.org`)!;
    expect(newcomer.cal).toMatchObject({ method: 'REQUEST' });
    expect(joined.length).toBeGreaterThan(0);

    await page.goto(`${origin}/coach/calls/${booked.booking.id}`);
    expect(await heading(page)).toBe('No such call');
    await tabTo(page, /^button:Sign out$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/coach`);
    expect(await heading(page)).toBe("Coaches' sign-in");
    expect((await context.cookies()).find((c) => c.name === 'duet_coach')).toBeUndefined();
    await context.close();
  });

  it('an administrator sees every call and the fair shares; the used link opens nothing in another browser', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    const page = await context.newPage();
    const link = await signIn(page, 'ops@example.org');
    expect(await heading(page)).toBe('Every call');
    expect(await page.locator('section[aria-labelledby=shares] tbody tr').count()).toBe(4);
    expect(await page.locator(`article[aria-labelledby=call-${booked.booking.id}]`).count()).toBe(1);
    await injectAndCheck(page, 'admin-list');
    await page.goto(`${origin}/coach/calls/${booked.booking.id}`);
    expect(await page.locator('main').innerText()).toContain("The intake answers are for the call's two coaches only.");
    expect(await page.content()).not.toContain('We disagree on hiring.');

    const other = await browser.newContext();
    const thief = await other.newPage();
    await thief.goto(link);
    await thief.locator('button', { hasText: 'Sign in' }).click();
    expect(await heading(thief)).toBe('This sign-in link no longer works');
    expect(await other.cookies()).toEqual([]);
    await thief.goto(`${origin}/coach/calls/${booked.booking.id}`);
    expect(await heading(thief)).toBe("Coaches' sign-in");
    await other.close();
    await context.close();
  });

  /** axe under the page's own CSP (no script may run on these pages), and a screenshot. */
  async function injectAndCheck(page: Page, name: string) {
    await injectAxe(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
  }
});
