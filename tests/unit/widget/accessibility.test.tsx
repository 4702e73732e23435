// @vitest-environment jsdom
// axe-core on every step as it renders in the DOM, the zone search open or not (contrast is left to the browser
// tests: jsdom does no layout).
import { fireEvent, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  FIRST_TIME,
  cleanup,
  fillFocus,
  fillPartnership,
  fillWho,
  group,
  heading,
  mount,
  next,
  server,
  tickAgreements,
} from '../../support/widgetHarness.tsx';

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  // axe probes canvas for icon fonts; jsdom has none and would log about it.
  HTMLCanvasElement.prototype.getContext = () => null;
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

async function violations(host: HTMLElement) {
  const result = await axe.run(host, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
  return result.violations.map((v) => `${heading().textContent}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('no step has an axe violation, with errors showing or not, the zone search open or not', async () => {
  const host = mount();
  const found: string[] = [];
  const check = async () => found.push(...(await violations(host)));
  await check();
  next();
  await check(); // errors shown
  fireEvent.click(within(group('Person one')).getByRole('button', { name: 'Change time zone' }));
  const search = await screen.findByRole('combobox', {}, { timeout: 10_000 });
  fireEvent.input(search, { target: { value: 'Pacific' } });
  await check(); // the search open, with matches
  fireEvent.keyDown(search, { key: 'Escape' });
  await fillWho();
  next();
  await check();
  next();
  await check(); // no time chosen
  fireEvent.click(screen.getByRole('radio', { name: FIRST_TIME }));
  next();
  next();
  await check();
  fillPartnership();
  next();
  await check();
  fillFocus();
  next();
  fireEvent.click(screen.getByRole('radio', { name: 'Yes' }));
  await check();
  fireEvent.click(screen.getByRole('radio', { name: 'No' }));
  next();
  next();
  await check();
  tickAgreements();
  next();
  await check();
  fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));
  await screen.findByRole('heading', { level: 2, name: 'Your discovery call is booked' });
  await check();
  expect(found).toEqual([]);
});
