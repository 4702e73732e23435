// @vitest-environment jsdom
// axe-core on every step as it renders in the DOM (contrast is left to the browser tests: jsdom does no layout).
import { fireEvent, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  cleanup, fillFocus, fillPeople, fillYouTwo, heading, mount, next, server, tickAgreements,
} from '../../support/widgetHarness.tsx';

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // axe probes canvas for icon fonts; jsdom has none and would log about it.
  HTMLCanvasElement.prototype.getContext = () => null;
});
afterEach(() => { cleanup(); server.resetHandlers(); sessionStorage.clear(); });
afterAll(() => server.close());

async function violations(host: HTMLElement) {
  const result = await axe.run(host, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  return result.violations.map((v) => `${heading().textContent}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('no step has an axe violation, with errors showing or not', async () => {
  const host = mount();
  const found: string[] = [];
  const check = async () => found.push(...(await violations(host)));
  await check();
  next(); await check(); // errors shown
  fillYouTwo(); next(); await check();
  next(); await check();
  fillPeople(); next(); await check();
  fillFocus(); next();
  fireEvent.click(screen.getByRole('radio', { name: 'Yes' })); await check();
  fireEvent.click(screen.getByRole('radio', { name: 'No' })); next();
  await screen.findByRole('radio', { name: '10:00 New York · 15:00 London' });
  next(); await check();
  fireEvent.click(screen.getByRole('radio', { name: '10:00 New York · 15:00 London' })); next();
  next(); await check();
  tickAgreements(); next(); await check();
  fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));
  await screen.findByRole('heading', { level: 2, name: 'Your discovery call is booked' });
  await check();
  expect(found).toEqual([]);
});
