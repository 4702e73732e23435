// @vitest-environment jsdom
// What the duo sees when the server says no at the last step: a taken time, a bad field, a lost connection.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  API, CREATED, cleanup, fillFocus, fillPeople, fillYouTwo, group, heading, mount, next, server, tickAgreements,
} from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => { cleanup(); server.resetHandlers(); sessionStorage.clear(); });
afterAll(() => server.close());

async function toReview(time = '10:00 New York · 15:00 London') {
  mount();
  fillYouTwo(); next(); fillPeople(); next(); fillFocus(); next(); next();
  fireEvent.click(await screen.findByRole('radio', { name: time }));
  next();
  tickAgreements(); next();
  expect(heading().textContent).toBe('Review and confirm');
}

const book = () => fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));

test('a time taken by someone else returns to the time step with fresh slots and every answer kept', async () => {
  let availabilityCalls = 0;
  server.use(
    http.get(`${API}/api/availability`, () => {
      availabilityCalls++;
      const slots = [{ start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:45:00Z' }, { start: '2026-12-03T14:00:00Z', end: '2026-12-03T14:45:00Z' }];
      // After the conflict the taken time is gone from the list.
      return HttpResponse.json({ slots: availabilityCalls === 1 ? slots : slots.slice(1) });
    }),
    http.post(`${API}/api/bookings`, () =>
      HttpResponse.json({ error: { code: 'slot_unavailable', message: 'taken' } }, { status: 409 })),
  );
  await toReview();
  book();
  await screen.findByRole('heading', { level: 2, name: 'Time' });
  await waitFor(() => expect(document.activeElement).toBe(heading()));
  expect(screen.getByRole('alert').textContent)
    .toBe('Someone has just booked that time. Please choose another one; your answers are kept.');
  await waitFor(() => expect(screen.queryByRole('radio', { name: '10:00 New York · 15:00 London' })).toBeNull());
  const times = () => screen.getAllByRole('radio').filter((r) => r.closest('.slot'));
  expect(times().every((r) => !(r as HTMLInputElement).checked)).toBe(true);
  fireEvent.click(screen.getByRole('radio', { name: /Thu 3 Dec/ }));
  fireEvent.click(screen.getByRole('radio', { name: '09:00 New York · 14:00 London' }));
  next();
  // Agreements are still ticked, and the first answers are still there.
  expect(screen.getAllByRole('checkbox').every((c) => (c as HTMLInputElement).checked)).toBe(true);
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  expect((within(group('Person one')).getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.com');
});

test('a server 422 opens the step of the first bad field and shows its message there', async () => {
  server.use(http.post(`${API}/api/bookings`, () => HttpResponse.json({
    error: {
      code: 'invalid', message: 'invalid',
      issues: [
        { path: 'intake.people.1.email', message: 'this address cannot receive mail' },
        { path: 'intake.focus.hopes', message: 'at most 4000 characters' },
      ],
    },
  }, { status: 422 })));
  await toReview();
  book();
  await screen.findByRole('heading', { level: 2, name: 'Person one and person two' });
  const email = within(group('Person two')).getByLabelText('Email');
  expect(email.getAttribute('aria-invalid')).toBe('true');
  expect(document.getElementById(email.getAttribute('aria-describedby')!)!.textContent).toBe('This address cannot receive mail.');
  await waitFor(() => expect(document.activeElement).toBe(email));
  expect(screen.getByRole('alert').textContent).toBe('Please check the answer marked below.');
});

test('a retry after a lost connection sends the same Idempotency-Key; a new time gets a new one', async () => {
  const keys: (string | null)[] = [];
  let fail = true;
  server.use(http.post(`${API}/api/bookings`, ({ request }) => {
    keys.push(request.headers.get('Idempotency-Key'));
    if (fail) return HttpResponse.error();
    return HttpResponse.json({ error: { code: 'slot_unavailable', message: 'taken' } }, { status: 409 });
  }));
  await toReview();
  book();
  expect(await screen.findByText(/could not reach the booking service/)).toBeTruthy();
  expect(heading().textContent).toBe('Review and confirm');
  fail = false;
  book();
  await screen.findByRole('heading', { level: 2, name: 'Time' });
  expect(keys[1]).toBe(keys[0]);
  fireEvent.click(await screen.findByRole('radio', { name: /Thu 3 Dec/ }));
  fireEvent.click(screen.getByRole('radio', { name: '09:00 New York · 14:00 London' }));
  next(); next();
  book();
  await waitFor(() => expect(keys).toHaveLength(3));
  expect(keys[2]).not.toBe(keys[0]);
});

test('too many attempts, or too late a time, are said plainly', async () => {
  server.use(http.post(`${API}/api/bookings`, () =>
    HttpResponse.json({ error: { code: 'too_late', message: 'inside notice' } }, { status: 409 })));
  await toReview();
  book();
  expect(await screen.findByText('That time is now too close to book. Please choose a later one; your answers are kept.')).toBeTruthy();
  expect(heading().textContent).toBe('Time');
});

test('the confirmation links to an absolute calendar URL as given', async () => {
  server.use(http.post(`${API}/api/bookings`, () =>
    HttpResponse.json({ ...CREATED, icsUrl: 'https://cal.example.org/x.ics' }, { status: 201 })));
  await toReview();
  book();
  expect((await screen.findByRole('link', { name: 'Add to calendar' })).getAttribute('href')).toBe('https://cal.example.org/x.ics');
  await waitFor(() => expect(document.activeElement).toBe(heading()));
  expect(heading().textContent).toBe('Your discovery call is booked');
});
