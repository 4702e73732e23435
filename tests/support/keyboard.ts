// Driving a page the way a keyboard user does, and checking it with axe: shared by the browser tests.
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Where the browser tests leave their screenshots (ignored by git). */
export const screenshotDir = join(process.cwd(), 'test-results', 'screenshots');

/** What has focus, looking inside shadow roots: `tag:label`, the label being a control's, a button's or a heading's text. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el) return '';
    const input = el as HTMLInputElement;
    const label = input.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}:${label.trim()}`;
  });
}

/** Presses Tab until the focused control's label matches, as a keyboard user moves through a form. */
export async function tabTo(page: Page, target: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (target.test(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${target} (last: ${await focused(page)})`);
}

/** Tabs to the field labelled `label` and types into it. */
export async function typeInto(page: Page, label: RegExp, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

/** axe-core's WCAG 2.1 A/AA violations on the page, shadow roots included, as `rule (count)`. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    type Axe = { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}
