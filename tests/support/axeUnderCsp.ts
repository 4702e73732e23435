// axe-core on a page whose Content-Security-Policy allows no inline script: injected through the DevTools protocol
// (which the page's policy does not govern) instead of a <script> tag, so the page keeps its own policy throughout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Makes `window.axe` available; keyboard.ts's axeViolations then runs it without adding a <script>. */
export async function injectAxe(target: Page | Frame): Promise<void> {
  await target.evaluate(AXE);
}
