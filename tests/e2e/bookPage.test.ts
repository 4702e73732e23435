// The booking page (/book, and /) in real Chromium on a desktop and a phone: the practice's name, its opening line
// and the widget, nothing moving as the widget arrives (CLS by the page's own PerformanceObserver), axe-clean, the
// address's non-personal choices preselected and changeable, its names and emails gone from the address.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICES, launchBrowser } from '../support/browser.ts';
import { headingOf, startExampleServer, widget } from '../support/embedPage.ts';
import { injectAxe } from '../support/axeUnderCsp.ts';
import { axeViolations, screenshotDir } from '../support/keyboard.ts';
import type { RunningServer } from '../support/server.ts';

// Registered before any script runs: every layout shift of the page (the CLS sum), every CSP violation.
const PROBE = () => {
  const w = window as unknown as { __cls: number; __violations: string[] };
  w.__cls = 0;
  w.__violations = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
      if (!e.hadRecentInput) w.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
};

const probe = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __cls: number; __violations: string[] };
    return { cls: w.__cls, violations: w.__violations };
  });

/** Waits until the widget has had its config and its open times (every request it starts at once) and has painted. */
async function settled(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe('the booking page', () => {
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
    it(`shows the practice's name, its opening line and the widget on a ${device.name}, with no layout shift and no axe violation`, async () => {
      const context = await browser.newContext({
        viewport: device.viewport,
        isMobile: device.isMobile,
        hasTouch: device.isMobile,
        timezoneId: 'America/New_York',
        locale: 'en-US',
      });
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      await page.goto(`${server.url}/book`);
      await expect.poll(() => headingOf(widget(page))).not.toBe('');
      await settled(page);

      expect(await page.locator('h1').innerText()).toBe('WBT Coaching');
      expect(await page.locator('main > p.lead').innerText()).toBe(
        'Support for two leaders, guided by two coaches. Book a free discovery call: tell us about the two of you, then choose a time that suits you both.',
      );
      expect(await page.locator('.duet-widget').count()).toBe(1);
      expect(await page.title()).toBe('2:2 Coaching discovery call — WBT Coaching');
      // The widget sits inside the page's column, which never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0);
      await injectAxe(page);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(screenshotDir, `book-${device.name}.png`), fullPage: true });
      const { cls, violations } = await probe(page);
      expect(cls).toBe(0);
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);

      // "/" is the same page.
      await page.goto(`${server.url}/`);
      await expect.poll(() => headingOf(widget(page))).not.toBe('');
      expect(await page.locator('h1').innerText()).toBe('WBT Coaching');
      await context.close();
    });
  }

  it('leaves the example site under /examples/, every page of it', async () => {
    const bare = await fetch(`${server.url}/examples`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/examples/');
    expect(await (await fetch(`${server.url}/examples/`)).text()).toContain('<h1>2:2 Coaching</h1>');
    for (const name of ['index.html', 'hostile.html', 'two.html', 'csp.html']) {
      expect((await fetch(`${server.url}/examples/${name}`)).status, name).toBe(200);
    }
    expect(await (await fetch(`${server.url}/`)).text()).not.toContain('/examples/site.css');
  });

  it("preselects the address's relationship, focus and sponsor, which the visitor changes, and drops its name and email", async () => {
    const context = await browser.newContext({
      viewport: DEVICES[1].viewport,
      isMobile: true,
      hasTouch: true,
      timezoneId: 'America/New_York',
    });
    const page = await context.newPage();
    await page.goto(
      `${server.url}/book?relationship=co-founders&name=Ada%20Lovelace&focus=trust,roles&email=ada%40example.com&sponsor=board`,
    );
    // The address no longer holds the name or the email: not in the history, not in a bookmark, not in a shared copy.
    expect(page.url()).toBe(`${server.url}/book?relationship=co-founders&focus=trust,roles&sponsor=board`);
    const w = widget(page);
    const next = () => w.getByRole('button', { name: 'Next', exact: true }).click();
    const at = (name: string) => w.getByRole('heading', { level: 2, name }).waitFor();
    await at('The two of you');
    const one = w.getByRole('group', { name: 'Person one', exact: true });
    const two = w.getByRole('group', { name: 'Person two', exact: true });
    for (const person of [one, two]) {
      expect(await person.getByLabel('Name').inputValue()).toBe('');
      expect(await person.getByLabel('Email').inputValue()).toBe('');
    }
    await one.getByLabel('Name').fill('Pia One');
    await one.getByLabel('Email').fill('pia@example.com');
    await two.getByLabel('Name').fill('Paul Two');
    await two.getByLabel('Email').fill('paul@example.com');
    await two.getByRole('radio', { name: /^Same as person one/ }).check();
    await next();

    await at('Choose a time');
    await w.locator('.slot input').first().check();
    await next();

    await at('Your partnership');
    expect(await w.getByRole('radio', { name: 'Co-founders' }).isChecked()).toBe(true);
    await w.getByRole('radio', { name: 'Peers' }).check();
    expect(await w.getByRole('radio', { name: 'Co-founders' }).isChecked()).toBe(false);
    await w.getByLabel('What is happening in your partnership now?').fill('We share a project and a deadline.');
    await next();

    await at('Focus');
    expect(await w.getByRole('checkbox', { name: 'Building or repairing trust' }).isChecked()).toBe(true);
    expect(await w.getByRole('checkbox', { name: 'Setting or reworking roles, goals, and expectations' }).isChecked()).toBe(true);
    await w.getByRole('checkbox', { name: 'Building or repairing trust' }).uncheck();
    await w.getByRole('checkbox', { name: 'Surfacing and navigating tension' }).check();
    await w.getByLabel('What do you hope will be different?').fill('Decide together.');
    await next();

    await at('Sponsor (optional)');
    expect(await w.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    expect(await w.getByRole('radio', { name: 'A Board' }).isChecked()).toBe(true);
    await w.getByRole('radio', { name: 'A supervisor' }).check();
    await w.getByLabel("Sponsor's name or role").fill('Our director');
    await page.screenshot({ path: join(screenshotDir, 'book-preselected-phone.png'), fullPage: true });

    // A reload keeps what the visitor chose over what the address says.
    await page.reload();
    await at('Sponsor (optional)');
    expect(await w.getByRole('radio', { name: 'A supervisor' }).isChecked()).toBe(true);
    await w.getByRole('button', { name: 'Back' }).click();
    await at('Focus');
    expect(await w.getByRole('checkbox', { name: 'Building or repairing trust' }).isChecked()).toBe(false);
    expect(await w.getByRole('checkbox', { name: 'Surfacing and navigating tension' }).isChecked()).toBe(true);
    await context.close();
  });
});
