// Shared by the embed's browser tests and its benchmark: the real server on a known port, and a widget driven
// through its shadow root the way a person would (Playwright's locators look inside open shadow roots).
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { freePort } from './browser.ts';
import { startServer, type RunningServer } from './server.ts';

/** The example config served on `port`, allowing the pages of both loopback names (the second is "another site"). */
export function exampleConfigOn(port: number) {
  const config = JSON.parse(readFileSync('examples/duet.config.json', 'utf8'));
  config.practice.baseUrl = `http://localhost:${port}`;
  config.practice.allowedOrigins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return config;
}

/** The real server with the example config (plus `siteOrigins` allowed to embed it); `other` is its 127.0.0.1 address. */
export async function startExampleServer(siteOrigins: string[] = []): Promise<RunningServer & { port: number; other: string }> {
  // A port found free can be taken by another process before the server binds it: then try another one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const config = exampleConfigOn(port);
    config.practice.allowedOrigins.push(...siteOrigins);
    try {
      const server = await startServer({ config, env: { PORT: String(port) } });
      return Object.assign(server, { port, other: `http://127.0.0.1:${port}` });
    } catch (e) {
      if (attempt >= 3 || !/already in use/.test(String(e))) throw e;
    }
  }
}

/** The n-th widget on the page (its host element; locators inside reach into the shadow root). */
export const widget = (page: Page, n = 0): Locator => page.locator('.duet-widget').nth(n);

export const headingOf = (w: Locator) => w.locator('h2').first().innerText();

/** Chooses a zone in the zone field inside `scope`: opens the search if needed, types, takes the first match. */
export async function chooseZone(
  scope: Locator,
  query: string,
  button: string | RegExp = /^(Change time zone|Choose a time zone)$/,
): Promise<void> {
  const change = scope.getByRole('button', { name: button });
  if (await change.count()) await change.click();
  const box = scope.getByRole('combobox');
  await box.fill(query);
  await scope.getByRole('option').first().waitFor();
  await box.press('Enter');
  await box.waitFor({ state: 'detached' });
}

/** Fills all seven steps with valid answers and books the first open time; resolves with the confirmation text. */
export async function bookThrough(
  w: Locator,
  who: { one: string; two: string },
  openedAt: number,
  slot: 'first' | 'last' = 'first',
): Promise<string> {
  const page = w.page();
  const next = () => w.getByRole('button', { name: 'Next', exact: true }).click();
  const waitFor = async (name: string) => {
    await w.getByRole('heading', { level: 2, name }).waitFor();
  };
  await waitFor('The two of you');
  const one = w.getByRole('group', { name: 'Person one', exact: true });
  const two = w.getByRole('group', { name: 'Person two', exact: true });
  await one.getByLabel('Name').fill(`${who.one} One`);
  await one.getByLabel('Email').fill(`${who.one.toLowerCase()}@example.com`);
  await two.getByLabel('Name').fill(`${who.two} Two`);
  await two.getByLabel('Email').fill(`${who.two.toLowerCase()}@example.com`);
  await two.getByRole('radio', { name: 'Another time zone' }).check();
  await chooseZone(two, 'London');
  await next();
  await waitFor('Choose a time');
  // 'last': the last time of the last open day, away from what another widget on the page may just have taken
  // (its list here is as old as this widget, and a coach's day may have reached its cap meanwhile).
  if (slot === 'last') {
    for (let more = w.getByRole('button', { name: 'Next week' }); await more.isEnabled();) await more.click();
    await w.locator('.weekday input:not([disabled])').last().check();
  }
  await w.locator('.slot input')[slot]().check();
  await next();
  await waitFor('Your partnership');
  await w.getByRole('radio', { name: 'Co-founders' }).check();
  await w.getByLabel('What is happening in your partnership now?').fill('We grew fast and stopped talking.');
  await next();
  await waitFor('Focus');
  await w.getByRole('checkbox', { name: 'Building or repairing trust' }).check();
  await w.getByLabel('What do you hope will be different?').fill('Decide together.');
  await next();
  await waitFor('Sponsor (optional)');
  await next();
  await waitFor('Agreements');
  for (const box of await w.getByRole('checkbox').all()) await box.check();
  await next();
  await waitFor('Review and confirm');
  // The server takes a form sent within 3 s of the widget opening for a bot's; a person is never that fast.
  await page.waitForTimeout(Math.max(0, 4_000 - (Date.now() - openedAt)));
  await w.getByRole('button', { name: 'Book the discovery call' }).click();
  await w.getByRole('heading', { level: 2, name: 'Your discovery call is booked' }).waitFor({ timeout: 10_000 });
  return w.locator('.duet').innerText();
}

/** The manage link on the confirmation opens a real booking (a bot's decoy would answer 404). */
export async function bookingIsReal(w: Locator, apiBase: string): Promise<boolean> {
  const href = await w.getByRole('link', { name: 'Change or cancel the call' }).getAttribute('href');
  const url = new URL(href!, apiBase);
  const id = url.searchParams.get('id') ?? url.pathname.split('/').filter(Boolean).pop();
  const token = url.searchParams.get('token');
  const res = await fetch(`${apiBase}/api/bookings/${id}?token=${token}`);
  return res.status === 200;
}
