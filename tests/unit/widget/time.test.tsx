// @vitest-environment jsdom
// The time step: both clocks named above the times, a week of days, the chosen day's times in both people's clocks,
// one night note per run of night times, and a 12/24-hour switch.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Slot } from '../../../core/api.ts';
import { byDay, formatsFor } from '../../../widget/slots/timeFormat.ts';
import { weekOf } from '../../../widget/slots/WeekStrip.tsx';
import { API, FIRST_TIME, chooseZone, cleanup, fillWho, heading, mount, next, server } from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

const gb = formatsFor('en-GB', false);

async function timeStep(zones: [string, string], locale = 'en-GB') {
  mount({ locale });
  await fillWho(zones);
  next();
  await waitFor(() => expect(screen.queryByText('Loading the open times…')).toBeNull());
  expect(heading().textContent).toBe('Choose a time');
}

const labels = (scope: HTMLElement) =>
  within(scope)
    .getAllByRole('radio')
    .map((r) => r.closest('label')!.textContent);

test('a week of days, the first open day chosen, its times in both clocks right below', async () => {
  await timeStep(['New York', 'London']);
  const week = screen.getByRole('group', { name: 'Choose a day' });
  const days = within(week).getAllByRole('radio') as HTMLInputElement[];
  // Monday to Sunday (en-GB), the days without times there but not to be chosen.
  expect(days.map((d) => d.closest('label')!.querySelector('.wd')!.textContent)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  expect(days.map((d) => d.disabled)).toEqual([true, false, true, false, true, true, true]);
  expect((within(week).getByRole('radio', { name: 'Tue 1 December, 2 times' }) as HTMLInputElement).checked).toBe(true);
  expect(labels(screen.getByRole('group', { name: 'Tuesday 1 December' }))).toEqual([
    '10:00 New York · 15:00 London',
    '13:30 New York · 18:30 London',
  ]);
  fireEvent.click(within(week).getByRole('radio', { name: 'Thu 3 December, 1 time' }));
  expect(labels(screen.getByRole('group', { name: 'Thursday 3 December' }))).toEqual(['09:00 New York · 14:00 London']);
  expect(screen.queryByRole('group', { name: 'Tuesday 1 December' })).toBeNull();
  expect(screen.getByText('The call lasts 45 minutes. Each time is shown on both your clocks.')).toBeTruthy();
  // Both zones are named above the times.
  expect([...document.querySelectorAll('.zone-line')].map((l) => l.textContent)).toEqual([
    'Ada’s time zone: New York (GMT−5) Change Ada’s time zone',
    'Grace’s time zone: London (GMT) Change Grace’s time zone',
  ]);
});

test('the weeks before and after open on their first open day', async () => {
  server.use(
    http.get(`${API}/api/availability`, () =>
      HttpResponse.json({
        slots: [
          { start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:45:00Z' },
          { start: '2026-12-17T14:00:00Z', end: '2026-12-17T14:45:00Z' },
          { start: '2026-12-18T14:00:00Z', end: '2026-12-18T14:45:00Z' },
        ],
      }),
    ),
  );
  await timeStep(['New York', 'London']);
  expect(screen.getByRole('button', { name: 'Previous week' }).hasAttribute('disabled')).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Next week' }));
  // The empty week between is skipped: the next week with times, on its first one.
  expect((screen.getByRole('radio', { name: 'Thu 17 December, 1 time' }) as HTMLInputElement).checked).toBe(true);
  expect(screen.getByRole('group', { name: 'Thursday 17 December' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Next week' }).hasAttribute('disabled')).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Previous week' }));
  expect(screen.getByRole('group', { name: 'Tuesday 1 December' })).toBeTruthy();
});

test("a week starts on the locale's first day", () => {
  expect(weekOf('2026-12-01', 'en-GB')[0]).toBe('2026-11-30'); // Monday
  expect(weekOf('2026-12-01', 'en-US')[0]).toBe('2026-11-29'); // Sunday
});

test('when both people share a zone only one time is shown', async () => {
  await timeStep(['London', 'London']);
  expect(screen.getByRole('radio', { name: '15:00 London' })).toBeTruthy();
});

test("person two's day is named when the call falls on another date for them", () => {
  expect(gb.slotLabel('2026-12-01T23:00:00Z', 'America/New_York', 'Asia/Tokyo')).toBe('18:00 New York · Wed 08:00 Tokyo');
  expect(gb.slotLabel('2026-12-01T15:00:00Z', 'Europe/London', 'Europe/Lisbon')).toBe('15:00 London');
});

test('en-US reads 9:15 AM without a leading zero, en-GB 09:15; both people in the same format', () => {
  const us = formatsFor('en-US', true);
  expect(us.slotLabel('2026-12-01T14:15:00Z', 'America/New_York', 'Europe/London')).toBe('9:15 AM New York · 2:15 PM London');
  expect(gb.slotLabel('2026-12-01T09:15:00Z', 'Europe/London', 'America/New_York')).toBe('09:15 London · 04:15 New York');
  expect(formatsFor('en-US', false).clock('2026-12-01T05:15:00Z', 'UTC')).toBe('05:15');
  expect(formatsFor('en-US', false).clock('2026-12-01T00:15:00Z', 'UTC')).toBe('00:15');
});

test("without data-duet-locale the visitor's own locale writes the times, and the switch turns both clocks to 24 hours", async () => {
  expect(navigator.language).toBe('en-US');
  await timeStep(['New York', 'London'], '');
  // The locale's clock is asked of Intl just after the first render.
  await waitFor(() => expect(screen.getByRole('radio', { name: '10:00 AM New York · 3:00 PM London' })).toBeTruthy());
  const clock = screen.getByRole('group', { name: 'Clock' });
  expect((within(clock).getByRole('radio', { name: '12-hour' }) as HTMLInputElement).checked).toBe(true);
  fireEvent.click(within(clock).getByRole('radio', { name: '24-hour' }));
  expect(screen.getByRole('radio', { name: '10:00 New York · 15:00 London' })).toBeTruthy();
});

test("days follow person one's calendar, not UTC, across a DST change", () => {
  const slots: Slot[] = [
    { start: '2026-03-08T04:30:00Z', end: '2026-03-08T05:15:00Z' }, // 23:30 on Saturday in New York (EST)
    { start: '2026-03-08T14:00:00Z', end: '2026-03-08T14:45:00Z' }, // 10:00 on Sunday (EDT from 02:00)
  ];
  expect(
    byDay(slots, 'America/New_York', gb).map((d) => [
      d.label,
      d.slots.map((s) => gb.slotLabel(s.start, 'America/New_York', 'Europe/London')),
    ]),
  ).toEqual([
    ['Saturday 7 March', ['23:30 New York · Sun 04:30 London']],
    ['Sunday 8 March', ['10:00 New York · 14:00 London']],
  ]);
});

test('an empty horizon says so and shows how to reach the practice', async () => {
  server.use(http.get(`${API}/api/availability`, () => HttpResponse.json({ slots: [] })));
  await timeStep(['New York', 'London']);
  const message = await screen.findByText(/There are no open times in the coming weeks/);
  expect(within(message).getByRole('link', { name: 'coaching@example.org' }).getAttribute('href')).toBe('mailto:coaching@example.org');
});

test('times that could not load say so beside a way to try again', async () => {
  let calls = 0;
  server.use(
    http.get(`${API}/api/availability`, () =>
      ++calls === 1 ? HttpResponse.error() : HttpResponse.json({ slots: [{ start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:45:00Z' }] }),
    ),
  );
  await timeStep(['New York', 'London']);
  expect(screen.getByText(/We could not load the open times/).getAttribute('role')).toBe('alert');
  fireEvent.click(screen.getByRole('button', { name: 'try again' }));
  expect(await screen.findByRole('radio', { name: FIRST_TIME })).toBeTruthy();
});

test('the preloaded requests of the loader are used instead of new ones', async () => {
  let fetched = 0;
  server.use(
    http.get(`${API}/api/availability`, () => {
      fetched++;
      return HttpResponse.json({ slots: [] });
    }),
  );
  const preload = {
    availability: Promise.resolve(Response.json({ slots: [{ start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:45:00Z' }] })),
  };
  mount({ preload });
  await fillWho();
  next();
  expect(await screen.findByRole('radio', { name: FIRST_TIME })).toBeTruthy();
  expect(fetched).toBe(0);
});

test('choosing no time keeps the step, says so beside the times and puts the keyboard on them', async () => {
  await timeStep(['New York', 'London']);
  next();
  expect(heading().textContent).toBe('Choose a time');
  const first = screen.getByRole('radio', { name: FIRST_TIME });
  expect(first.getAttribute('aria-invalid')).toBe('true');
  expect(document.getElementById(first.getAttribute('aria-describedby')!)!.textContent).toBe('Choose a time for the call.');
  expect(document.activeElement).toBe(first);
  fireEvent.click(first);
  expect(screen.queryByText('Choose a time for the call.')).toBeNull();
  expect(
    screen
      .getAllByRole('alert')
      .map((a) => a.textContent)
      .join(''),
  ).toBe('');
});

test('a pair far apart reads one night note for each run of night times, not one per time', async () => {
  await timeStep(['Los Angeles', 'Tokyo']);
  const tuesday = screen.getByRole('group', { name: 'Tuesday 1 December' });
  // 15:00Z is 07:00 in Los Angeles and midnight in Tokyo; 18:30Z is 10:30 and 03:30: both night in Tokyo only.
  expect(labels(tuesday)).toEqual(['07:00 Los Angeles · Wed 00:00 Tokyo', '10:30 Los Angeles · Wed 03:30 Tokyo']);
  const notes = within(tuesday).getAllByText(/^These times are at night/);
  expect(notes.map((n) => n.textContent)).toEqual(['These times are at night in Tokyo (22:00 to 07:00).']);
  const times = within(tuesday).getAllByRole('radio');
  expect(times.every((t) => t.getAttribute('aria-describedby') === notes[0].id)).toBe(true);
  fireEvent.click(screen.getByRole('radio', { name: /^Thu 3 December/ }));
  // 14:00Z is 06:00 in Los Angeles and 23:00 in Tokyo: night for both.
  expect(screen.getByText('These times are at night in Los Angeles and Tokyo (22:00 to 07:00).')).toBeTruthy();
});

test('a daytime call carries no night note', async () => {
  await timeStep(['New York', 'London']);
  expect(screen.queryByText(/at night/)).toBeNull();
});

test("either zone can be changed above the times, and the change is the person's answer", async () => {
  await timeStep(['New York', 'London']);
  await chooseZone(document.querySelector<HTMLElement>('.zones')!, 'Berlin', 'Change Grace’s time zone');
  expect(screen.getByRole('radio', { name: '10:00 New York · 16:00 Berlin' })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  expect(screen.getByText(/^Berlin \(/)).toBeTruthy();
});
