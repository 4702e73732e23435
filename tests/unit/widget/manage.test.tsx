// @vitest-environment jsdom
// Manage mode: the booked call in both zones, a reschedule through the reused Time step, a cancel with a reason,
// and what the page says when it is too late or the link is wrong.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { ManagedBooking } from '../../../core/api.ts';
import { API, cleanup, mount, server, SLOTS } from '../../support/widgetHarness.tsx';

const MODE = { kind: 'manage' as const, id: 'bk_1', token: 'secret-token' };

const VIEW: ManagedBooking = {
  booking: {
    id: 'bk_1',
    start: SLOTS[0].start,
    end: SLOTS[0].end,
    status: 'confirmed',
    coaches: [
      { id: 'maya', name: 'Maya Okafor', holds: 0 },
      { id: 'jonas', name: 'Jonas Weber', holds: 1 },
    ],
  },
  people: [
    { name: 'Ada', timeZone: 'America/New_York', confirmed: true },
    { name: 'Grace', timeZone: 'Europe/London', confirmed: true },
  ],
  practice: { name: 'WBT', email: 'coaching@example.org' },
  call: { title: '2:2 Coaching discovery call', minutes: 45, cancelNoticeHours: 24 },
  canChange: true,
  changeUntil: '2026-11-30T15:00:00.000Z',
  you: 0,
};

const posted: { path: string; body: unknown }[] = [];
const seenTokens: (string | null)[] = [];

function api(view: ManagedBooking = VIEW, answers: { reschedule?: () => Response; cancel?: () => Response } = {}) {
  let current = view;
  server.use(
    http.get(`${API}/api/bookings/bk_1`, ({ request }) => {
      seenTokens.push(new URL(request.url).searchParams.get('token'));
      return HttpResponse.json(current);
    }),
    http.get(`${API}/api/bookings/bk_1/availability`, () => HttpResponse.json({ slots: SLOTS.slice(1) })),
    http.post(`${API}/api/bookings/bk_1/reschedule`, async ({ request }) => {
      const body = (await request.json()) as { start: string };
      posted.push({ path: 'reschedule', body });
      if (answers.reschedule) return answers.reschedule();
      const slot = SLOTS.find((s) => s.start === body.start)!;
      current = { ...current, booking: { ...current.booking, ...slot } };
      return HttpResponse.json(current);
    }),
    http.post(`${API}/api/bookings/bk_1/cancel`, async ({ request }) => {
      posted.push({ path: 'cancel', body: await request.json() });
      if (answers.cancel) return answers.cancel();
      current = { ...current, canChange: false, booking: { ...current.booking, status: 'cancelled' } };
      return HttpResponse.json(current);
    }),
  );
  return {
    setView: (v: ManagedBooking) => {
      current = v;
    },
  };
}

/** The heading once the view has loaded (the loading view shares the first title). */
const h2 = (name: string) =>
  waitFor(() => {
    expect(screen.queryByText('Loading your booking…')).toBeNull();
    return screen.getByRole('heading', { level: 2, name });
  });
const button = (name: string) => screen.getByRole('button', { name });
const whenItems = () => screen.getAllByRole('listitem').map((li) => li.textContent);
const tooLate = (code: string) => () => HttpResponse.json({ error: { code, message: 'no' } }, { status: 409 });

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  HTMLCanvasElement.prototype.getContext = () => null;
});
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
  posted.length = 0;
  seenTokens.length = 0;
});
afterAll(() => server.close());

test("shows the call in both people's zones, until when it may change, and the two choices", async () => {
  api();
  mount({ mode: MODE });
  await h2('Your discovery call');
  expect(whenItems()).toEqual([
    'Ada: Tuesday, 1 December 2026, 10:00–10:45 New York time',
    'Grace: Tuesday, 1 December 2026, 15:00–15:45 London time',
  ]);
  expect(screen.getByText(/You can move or cancel the call until/).textContent).toBe(
    'You can move or cancel the call until Monday 30 November at 10:00 New York time (24 hours before it starts).',
  );
  expect(button('Reschedule')).toBeTruthy();
  expect(button('Cancel the call')).toBeTruthy();
  expect(seenTokens).toEqual(['secret-token']);
  // Opening the page only reads: no availability, no change.
  expect(posted).toEqual([]);
});

test("person two's own link shows their own zone first: the times and the deadline", async () => {
  api({ ...VIEW, you: 1 });
  mount({ mode: MODE });
  await h2('Your discovery call');
  expect(whenItems()).toEqual([
    'Grace: Tuesday, 1 December 2026, 15:00–15:45 London time',
    'Ada: Tuesday, 1 December 2026, 10:00–10:45 New York time',
  ]);
  expect(screen.getByText(/You can move or cancel the call until/).textContent).toBe(
    'You can move or cancel the call until Monday 30 November at 15:00 London time (24 hours before it starts).',
  );
});

test('a held call says until when it is held, to each in their own zone, and a released one says so with the way to book again', async () => {
  const held: ManagedBooking = {
    ...VIEW,
    booking: { ...VIEW.booking, hold: { until: '2026-11-29T17:00:00.000Z' } },
    people: [VIEW.people[0], { ...VIEW.people[1], confirmed: false }],
  };
  const page = api(held);
  mount({ mode: MODE });
  await h2('Your discovery call');
  expect(screen.getByText(/Grace has not confirmed their part yet/).textContent).toBe('Grace has not confirmed their part yet.');
  expect(screen.getByText(/The time is held for you both/).textContent).toBe(
    'The time is held for you both until Grace confirms their part. If that has not happened by Sunday 29 November at 12:00 New York time, the time is released.',
  );

  page.setView({
    ...held,
    canChange: false,
    booking: { ...VIEW.booking, status: 'cancelled', released: true },
    practice: { ...VIEW.practice, website: 'https://wbt.example.org' },
  });
  cleanup();
  mount({ mode: MODE });
  await h2('The time was released');
  expect(screen.getByText(/not confirmed in time/).textContent).toBe(
    'Grace’s part was not confirmed in time, so the time we held for you both has been released and is free again.',
  );
  expect(screen.getByRole('link', { name: 'book again on our website' }).getAttribute('href')).toBe('https://wbt.example.org');
  expect(screen.queryByText(/The time is held/)).toBeNull();
});

test('reschedules with the Time step: the new time is posted with the token and shown in both zones', async () => {
  api();
  mount({ mode: MODE });
  await h2('Your discovery call');
  fireEvent.click(button('Reschedule'));
  await h2('Choose a new time');
  expect(screen.getByText(/The call is now on Tuesday, 1 December 2026, 10:00–10:45 New York time/)).toBeTruthy();
  // The call's own time is not offered as a new one.
  const times = await screen.findAllByRole('radio', { name: /New York ·/ });
  expect(times.map((r) => r.closest('label')!.textContent)).toEqual(['13:30 New York · 18:30 London']);
  fireEvent.click(screen.getByRole('radio', { name: /Thu 3 Dec/ }));
  fireEvent.click(screen.getByRole('radio', { name: '09:00 New York · 14:00 London' }));
  fireEvent.click(button('Move the call'));
  await screen.findByText('Your call has moved. Both of you and both coaches have been sent the new time.');
  expect(posted).toEqual([{ path: 'reschedule', body: { token: 'secret-token', start: SLOTS[2].start } }]);
  expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Your discovery call');
  expect(whenItems()).toEqual([
    'Ada: Thursday, 3 December 2026, 09:00–09:45 New York time',
    'Grace: Thursday, 3 December 2026, 14:00–14:45 London time',
  ]);
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2 })));
});

test('moving without choosing a time asks for one next to the times', async () => {
  api();
  mount({ mode: MODE });
  await h2('Your discovery call');
  fireEvent.click(button('Reschedule'));
  await screen.findByRole('radio', { name: '13:30 New York · 18:30 London' });
  fireEvent.click(button('Move the call'));
  expect(posted).toEqual([]);
  // The message sits beside the times, and the keyboard lands on them; choosing one takes the message away.
  const first = screen.getByRole('radio', { name: '13:30 New York · 18:30 London' });
  expect(document.getElementById(first.getAttribute('aria-describedby')!)!.textContent).toBe('Choose a new time for the call.');
  expect(document.activeElement).toBe(first);
  fireEvent.click(first);
  expect(screen.queryByText('Choose a new time for the call.')).toBeNull();
});

test('a time taken meanwhile is said beside the fresh times, and the choice cleared', async () => {
  api(VIEW, { reschedule: tooLate('slot_unavailable') });
  mount({ mode: MODE });
  await h2('Your discovery call');
  fireEvent.click(button('Reschedule'));
  fireEvent.click(await screen.findByRole('radio', { name: '13:30 New York · 18:30 London' }));
  fireEvent.click(button('Move the call'));
  const message = await screen.findByText('Someone has just taken that time. Please choose another one.');
  expect(message.getAttribute('role')).toBe('alert');
  expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Choose a new time');
  const first = screen.getByRole('radio', { name: '13:30 New York · 18:30 London' }) as HTMLInputElement;
  expect(first.checked).toBe(false);
  await waitFor(() => expect(document.activeElement).toBe(first));
});

test('a lost connection is said beside the button that sent the request, with the keyboard on it', async () => {
  api(VIEW, { cancel: () => HttpResponse.error() });
  mount({ mode: MODE });
  await h2('Your discovery call');
  fireEvent.click(button('Cancel the call'));
  await h2('Cancel the call');
  fireEvent.click(button('Cancel the call'));
  const message = await screen.findByText('We could not reach the booking service. Check your connection and try again.');
  const send = button('Cancel the call');
  expect(send.getAttribute('aria-describedby')).toBe(message.id);
  await waitFor(() => expect(document.activeElement).toBe(send));
});

test("a cancelled call offers to book again on the practice's website", async () => {
  api({
    ...VIEW,
    canChange: false,
    booking: { ...VIEW.booking, status: 'cancelled' },
    practice: { ...VIEW.practice, website: 'https://wbt.example.org/' },
  });
  mount({ mode: MODE });
  await h2('Your discovery call is cancelled');
  expect(screen.getByRole('link', { name: 'book again on our website' }).getAttribute('href')).toBe('https://wbt.example.org/');
});

test('cancels with an optional reason after a confirmation, and says it is cancelled', async () => {
  api();
  mount({ mode: MODE });
  await h2('Your discovery call');
  fireEvent.click(button('Cancel the call'));
  await h2('Cancel the call');
  expect(
    screen.getByText('The call on Tuesday, 1 December 2026, 10:00–10:45 New York time will be cancelled for both of you and both coaches.'),
  ).toBeTruthy();
  fireEvent.input(screen.getByLabelText('Reason (optional)'), { target: { value: '  Our board said no. ' } });
  expect(posted).toEqual([]);
  fireEvent.click(button('Cancel the call'));
  await h2('Your discovery call is cancelled');
  expect(posted).toEqual([{ path: 'cancel', body: { token: 'secret-token', reason: 'Our board said no.' } }]);
  expect(screen.getByRole('status').textContent).toBe('Your call is cancelled. Both of you and both coaches have been told.');
  expect(screen.queryByRole('button', { name: 'Reschedule' })).toBeNull();
  expect(within(screen.getByText(/To find another time/)).getByRole('link', { name: 'coaching@example.org' })).toBeTruthy();
});

test('"Keep the call" goes back without a request', async () => {
  api();
  mount({ mode: MODE });
  await h2('Your discovery call');
  fireEvent.click(button('Cancel the call'));
  await h2('Cancel the call');
  fireEvent.click(button('Keep the call'));
  await h2('Your discovery call');
  expect(posted).toEqual([]);
});

test('inside the 24 hours it says so, offers no change and shows how to reach the practice', async () => {
  api({ ...VIEW, canChange: false });
  mount({ mode: MODE });
  await h2('Your discovery call');
  const late = screen.getByText(/can no longer be moved or cancelled here/);
  expect(late.textContent).toBe(
    'The call starts in less than 24 hours, so it can no longer be moved or cancelled here. ' +
      'If something urgent has come up, please write to coaching@example.org and we will work it out with you.',
  );
  expect(within(late).getByRole('link', { name: 'coaching@example.org' }).getAttribute('href')).toBe('mailto:coaching@example.org');
  expect(screen.queryByRole('button')).toBeNull();
});

test('a change refused as too late on the server shows the call as it is now, with the practice to write to', async () => {
  const mock = api(VIEW, {
    cancel: () => {
      mock.setView({ ...VIEW, canChange: false });
      return tooLate('too_late')();
    },
  });
  mount({ mode: MODE });
  await h2('Your discovery call');
  fireEvent.click(button('Cancel the call'));
  await h2('Cancel the call');
  fireEvent.click(button('Cancel the call'));
  await h2('Your discovery call');
  expect(screen.getByRole('alert').textContent).toBe('It is now too late to change the call online.');
  expect(screen.getByText(/can no longer be moved or cancelled here/)).toBeTruthy();
});

test('a wrong or unknown link says it opens no booking', async () => {
  server.use(
    http.get(`${API}/api/bookings/bk_1`, () =>
      HttpResponse.json({ error: { code: 'not_found', message: 'no such booking' } }, { status: 404 }),
    ),
  );
  mount({ mode: MODE });
  await h2('This link does not open a booking');
  expect(screen.getByText(/open it again from your invitation email/)).toBeTruthy();
});

test("the loader's early booking request is used instead of a new one", async () => {
  api();
  mount({
    mode: MODE,
    preload: {
      booking: Promise.resolve(Response.json({ ...VIEW, people: [VIEW.people[0], { name: 'Grace', timeZone: 'America/New_York' }] })),
    },
  });
  await h2('Your discovery call');
  expect(whenItems()).toEqual(['Ada and Grace: Tuesday, 1 December 2026, 10:00–10:45 New York time']);
  expect(seenTokens).toEqual([]);
});

test('no view of manage mode has an axe violation', async () => {
  api();
  const host = mount({ mode: MODE });
  const found: string[] = [];
  const check = async () => {
    const r = await axe.run(host, { rules: { 'color-contrast': { enabled: false }, region: { enabled: false } } });
    found.push(...r.violations.map((v) => `${screen.getByRole('heading', { level: 2 }).textContent}: ${v.id}`));
  };
  await h2('Your discovery call');
  await check();
  fireEvent.click(button('Reschedule'));
  await screen.findByRole('radio', { name: '13:30 New York · 18:30 London' });
  await check();
  fireEvent.click(button('Move the call'));
  await check();
  fireEvent.click(button('Back'));
  fireEvent.click(button('Cancel the call'));
  await h2('Cancel the call');
  await check();
  expect(found).toEqual([]);
});
