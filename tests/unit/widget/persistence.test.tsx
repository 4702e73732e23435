// @vitest-environment jsdom
// A reload of the page keeps the answers in the tab (sessionStorage), and a booked call leaves nothing behind.
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  FIRST_TIME,
  cleanup,
  fillPartnership,
  fillWho,
  group,
  heading,
  mount,
  next,
  server,
  toReview,
} from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

const KEY = 'duet:http://duet.test';

test('after a reload the widget opens on the same step with every answer, the step kept by its name', async () => {
  mount();
  await fillWho();
  next();
  fireEvent.click(await screen.findByRole('radio', { name: FIRST_TIME }));
  next();
  fillPartnership();
  next();
  fireEvent.click(screen.getByRole('checkbox', { name: 'Surfacing and navigating tension' }));
  expect(JSON.parse(sessionStorage.getItem(KEY)!).step).toBe('focus');
  cleanup(); // the page goes away…
  mount(); // …and comes back in the same tab
  expect(heading().textContent).toBe('Focus');
  expect((screen.getByRole('checkbox', { name: 'Surfacing and navigating tension' }) as HTMLInputElement).checked).toBe(true);
  expect(document.activeElement).not.toBe(heading());
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  expect(((await screen.findByRole('radio', { name: FIRST_TIME })) as HTMLInputElement).checked).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  expect((within(group('Person two')).getByLabelText('Name') as HTMLInputElement).value).toBe('Grace');
  expect(within(group('Person two')).getByText(/^London \(/)).toBeTruthy();
});

test('the 12/24-hour choice survives a reload', async () => {
  mount();
  await fillWho();
  next();
  fireEvent.click(await screen.findByRole('radio', { name: '12-hour' }));
  cleanup();
  mount();
  // en-GB's own way of writing a 12-hour clock.
  expect(await screen.findByRole('radio', { name: '10:00 am New York · 3:00 pm London' })).toBeTruthy();
});

test('a stored step from before the new order, or one that is no longer there, opens a step that exists', () => {
  sessionStorage.setItem(KEY, JSON.stringify({ step: 42 }));
  mount();
  expect(heading().textContent).toBe('The two of you');
  cleanup();
  sessionStorage.setItem(KEY, JSON.stringify({ step: 'time' }));
  mount();
  expect(heading().textContent).toBe('Choose a time');
});

test('the form opened time survives a reload, so the fill time stays honest', () => {
  mount();
  const first = JSON.parse(sessionStorage.getItem(KEY)!).openedAt;
  cleanup();
  mount();
  fireEvent.input(within(group('Person one')).getByLabelText('Name'), { target: { value: 'Ada' } });
  expect(JSON.parse(sessionStorage.getItem(KEY)!).openedAt).toBe(first);
});

test('a damaged stored entry starts a fresh form instead of breaking', () => {
  sessionStorage.setItem(KEY, '{not json');
  mount();
  expect(heading().textContent).toBe('The two of you');
});

test('once booked, the answers are gone from the tab and a reload starts afresh', async () => {
  mount();
  await toReview();
  fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));
  await screen.findByRole('heading', { level: 2, name: 'Your discovery call is booked' });
  expect(sessionStorage.getItem(KEY)).toBeNull();
  cleanup();
  mount();
  expect(heading().textContent).toBe('The two of you');
  expect((within(group('Person one')).getByLabelText('Name') as HTMLInputElement).value).toBe('');
});
