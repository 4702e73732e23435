// @vitest-environment jsdom
// A reload of the page keeps the answers in the tab (sessionStorage), and a booked call leaves nothing behind.
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  cleanup, fillFocus, fillPeople, fillYouTwo, group, heading, mount, next, server, tickAgreements,
} from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => { cleanup(); server.resetHandlers(); sessionStorage.clear(); });
afterAll(() => server.close());

test('after a reload the widget opens on the same step with every answer', () => {
  mount();
  fillYouTwo(); next();
  fillPeople(); next();
  fireEvent.click(screen.getByRole('checkbox', { name: 'Surfacing and navigating tension' }));
  cleanup(); // the page goes away…
  mount(); // …and comes back in the same tab
  expect(heading().textContent).toBe('Focus');
  expect((screen.getByRole('checkbox', { name: 'Surfacing and navigating tension' }) as HTMLInputElement).checked).toBe(true);
  expect(document.activeElement).not.toBe(heading());
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  expect((within(group('Person two')).getByLabelText('Name') as HTMLInputElement).value).toBe('Grace');
  expect((within(group('Person two')).getByLabelText('Time zone') as HTMLInputElement).value).toBe('Europe/London');
});

test('the form opened time survives a reload, so the fill time stays honest', () => {
  mount();
  const first = JSON.parse(sessionStorage.getItem('duet:http://duet.test')!).openedAt;
  cleanup();
  mount();
  fillYouTwo();
  expect(JSON.parse(sessionStorage.getItem('duet:http://duet.test')!).openedAt).toBe(first);
});

test('a damaged stored entry starts a fresh form instead of breaking', () => {
  sessionStorage.setItem('duet:http://duet.test', '{not json');
  mount();
  expect(heading().textContent).toBe('You two');
});

test('once booked, the answers are gone from the tab and a reload starts afresh', async () => {
  mount();
  fillYouTwo(); next(); fillPeople(); next(); fillFocus(); next(); next();
  fireEvent.click(await screen.findByRole('radio', { name: '10:00 New York · 15:00 London' }));
  next(); tickAgreements(); next();
  fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));
  await screen.findByRole('heading', { level: 2, name: 'Your discovery call is booked' });
  expect(sessionStorage.getItem('duet:http://duet.test')).toBeNull();
  cleanup();
  mount();
  expect(heading().textContent).toBe('You two');
  expect((screen.getByLabelText('Organization (optional)') as HTMLInputElement).value).toBe('');
});
