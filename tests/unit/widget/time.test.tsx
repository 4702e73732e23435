// @vitest-environment jsdom
// The time step: open slots by day in person one's zone, with person two's clock beside them where it differs.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Slot } from '../../../core/api.ts';
import { byDay, slotLabel } from '../../../widget/timeFormat.ts';
import { API, cleanup, fillFocus, fillPeople, fillYouTwo, mount, next, server } from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => { cleanup(); server.resetHandlers(); sessionStorage.clear(); });
afterAll(() => server.close());

async function timeStep(zones: [string, string]) {
  mount();
  fillYouTwo(); next();
  fillPeople(zones); next();
  fillFocus(); next();
  next();
  await waitFor(() => expect(screen.queryByText('Loading the open times…')).toBeNull());
}

test('slots are grouped by day in person one\'s zone, with person two\'s time beside each', async () => {
  await timeStep(['America/New_York', 'Europe/London']);
  const tuesday = screen.getByRole('group', { name: 'Tuesday 1 December' });
  expect(within(tuesday).getAllByRole('radio').map((r) => r.closest('label')!.textContent)).toEqual([
    '10:00 New York · 15:00 London',
    '13:30 New York · 18:30 London',
  ]);
  // One day's times at a time: the days are a short list to choose from, and days without slots are not in it.
  const days = screen.getByRole('group', { name: 'Choose a day' });
  expect(within(days).getAllByRole('radio').map((r) => r.closest('label')!.textContent)).toEqual(['Tue 1 Dec2 times', 'Thu 3 Dec1 time']);
  expect(within(days).queryByRole('radio', { name: /Wed 2 Dec/ })).toBeNull();
  expect(screen.queryByRole('group', { name: 'Thursday 3 December' })).toBeNull();
  fireEvent.click(within(days).getByRole('radio', { name: /Thu 3 Dec/ }));
  const thursday = screen.getByRole('group', { name: 'Thursday 3 December' });
  expect(within(thursday).getByRole('radio', { name: '09:00 New York · 14:00 London' })).toBeTruthy();
  expect(screen.queryByRole('group', { name: 'Tuesday 1 December' })).toBeNull();
  expect(screen.getByText('The call lasts 45 minutes. Times are shown in New York time, with London time beside it.')).toBeTruthy();
});

test('when both people share a zone only one time is shown', async () => {
  await timeStep(['Europe/London', 'Europe/London']);
  expect(screen.getByRole('radio', { name: '15:00 London' })).toBeTruthy();
  expect(screen.getByText('The call lasts 45 minutes. Times are shown in London time.')).toBeTruthy();
});

test('person two\'s day is named when the call falls on another date for them', () => {
  expect(slotLabel('2026-12-01T23:00:00Z', 'America/New_York', 'Asia/Tokyo')).toBe('18:00 New York · Wed 08:00 Tokyo');
  expect(slotLabel('2026-12-01T15:00:00Z', 'Europe/London', 'Europe/Lisbon')).toBe('15:00 London');
});

test('days follow person one\'s calendar, not UTC, across a DST change', () => {
  const slots: Slot[] = [
    { start: '2026-03-08T04:30:00Z', end: '2026-03-08T05:15:00Z' }, // 23:30 on Saturday in New York (EST)
    { start: '2026-03-08T14:00:00Z', end: '2026-03-08T14:45:00Z' }, // 10:00 on Sunday (EDT from 02:00)
  ];
  expect(byDay(slots, 'America/New_York').map((d) => [d.label, d.slots.map((s) => slotLabel(s.start, 'America/New_York', 'Europe/London'))]))
    .toEqual([
      ['Saturday 7 March', ['23:30 New York · Sun 04:30 London']],
      ['Sunday 8 March', ['10:00 New York · 14:00 London']],
    ]);
});

test('an empty horizon says so and shows how to reach the practice', async () => {
  server.use(http.get(`${API}/api/availability`, () => HttpResponse.json({ slots: [] })));
  await timeStep(['America/New_York', 'Europe/London']);
  const message = await screen.findByText(/There are no open times in the coming weeks/);
  expect(within(message).getByRole('link', { name: 'coaching@example.org' }).getAttribute('href')).toBe('mailto:coaching@example.org');
});

test('the preloaded requests of the loader are used instead of new ones', async () => {
  let fetched = 0;
  server.use(http.get(`${API}/api/availability`, () => { fetched++; return HttpResponse.json({ slots: [] }); }));
  const preload = {
    availability: Promise.resolve(Response.json({ slots: [{ start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:45:00Z' }] })),
  };
  mount({ preload });
  fillYouTwo(); next(); fillPeople(); next(); fillFocus(); next(); next();
  expect(await screen.findByRole('radio', { name: '10:00 New York · 15:00 London' })).toBeTruthy();
  expect(fetched).toBe(0);
});

test('choosing no time keeps the step and says to choose one', async () => {
  await timeStep(['America/New_York', 'Europe/London']);
  next();
  expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Time');
  expect(screen.getByText('Choose a time for the call.')).toBeTruthy();
  expect(screen.getByRole('alert').textContent).toBe('Please check the answer marked below.');
});

test('a pair far apart sees which times fall in the night for one of them, before choosing', async () => {
  await timeStep(['America/Los_Angeles', 'Asia/Tokyo']);
  // 15:00Z is 07:00 in Los Angeles and midnight in Tokyo, already Wednesday there.
  expect(screen.getByRole('radio', { name: '07:00 Los Angeles · Wed 00:00 Tokyo (night in Tokyo)' })).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: /Thu 3 Dec/ }));
  // 14:00Z is 06:00 in Los Angeles and 23:00 in Tokyo: early for one, late for the other.
  expect(screen.getByRole('radio', { name: '06:00 Los Angeles · 23:00 Tokyo (night in Los Angeles and Tokyo)' })).toBeTruthy();
});

test('a daytime call carries no night note', async () => {
  await timeStep(['America/New_York', 'Europe/London']);
  expect(screen.queryByText(/night in/)).toBeNull();
});

test('once the time is chosen the "please check" summary goes with the error', async () => {
  await timeStep(['America/New_York', 'Europe/London']);
  next();
  expect(screen.getByRole('alert').textContent).toBe('Please check the answer marked below.');
  fireEvent.click(screen.getByRole('radio', { name: '10:00 New York · 15:00 London' }));
  expect(screen.getByRole('alert').textContent).toBe('');
  expect(screen.queryByText('Choose a time for the call.')).toBeNull();
});
