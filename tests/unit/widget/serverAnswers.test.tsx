// @vitest-environment jsdom
// What the duo sees when the server says no: each refusal beside what caused it, with the keyboard moved there —
// a taken time beside the times, a bad field beside the field, a lost connection beside the Book button — and a
// page whose origin may not book says so before anyone types.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { API, CONFIG, CREATED, FIRST_TIME, cleanup, group, heading, mount, next, server, toReview } from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

const book = () => fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));
const describedBy = (el: Element) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');

test('a time taken by someone else returns to the times, fresh, with the message beside them and every answer kept', async () => {
  let availabilityCalls = 0;
  server.use(
    http.get(`${API}/api/availability`, () => {
      availabilityCalls++;
      const slots = [
        { start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:45:00Z' },
        { start: '2026-12-03T14:00:00Z', end: '2026-12-03T14:45:00Z' },
      ];
      // After the conflict the taken time is gone from the list.
      return HttpResponse.json({ slots: availabilityCalls === 1 ? slots : slots.slice(1) });
    }),
    http.post(`${API}/api/bookings`, () => HttpResponse.json({ error: { code: 'slot_unavailable', message: 'taken' } }, { status: 409 })),
  );
  mount();
  await toReview();
  book();
  await screen.findByRole('heading', { level: 2, name: 'Choose a time' });
  const times = () => screen.getAllByRole('radio').filter((r) => r.closest('.slot'));
  await waitFor(() => expect(document.activeElement).toBe(times()[0]));
  expect(screen.queryByRole('radio', { name: FIRST_TIME })).toBeNull();
  expect(describedBy(times()[0])).toBe('Someone has just booked that time. Please choose another one; your answers are kept.');
  expect(times().every((r) => !(r as HTMLInputElement).checked)).toBe(true);
  fireEvent.click(screen.getByRole('radio', { name: '09:00 New York · 14:00 London' }));
  next();
  // The partnership answers are still there, and so is person one.
  expect((screen.getByLabelText('What is happening in your partnership now?') as HTMLTextAreaElement).value).toBe(
    'We grew fast and stopped talking.',
  );
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  expect((within(group('Person one')).getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.com');
});

test('a server 422 opens the step of the first bad field and shows its message there', async () => {
  server.use(
    http.post(`${API}/api/bookings`, () =>
      HttpResponse.json(
        {
          error: {
            code: 'invalid',
            message: 'invalid',
            issues: [
              { path: 'intake.people.1.email', message: 'this address cannot receive mail' },
              { path: 'intake.focus.hopes', message: 'use at most 4000 characters' },
            ],
          },
        },
        { status: 422 },
      ),
    ),
  );
  mount();
  await toReview();
  book();
  await screen.findByRole('heading', { level: 2, name: 'The two of you' });
  const email = within(group('Person two')).getByLabelText('Email');
  expect(email.getAttribute('aria-invalid')).toBe('true');
  expect(describedBy(email)).toContain('This address cannot receive mail.');
  await waitFor(() => expect(document.activeElement).toBe(email));
  expect(screen.getByRole('alert').textContent).toBe('Please check the answer marked below.');
});

test('a lost connection is said beside the Book button, which keeps the keyboard; a retry sends the same Idempotency-Key', async () => {
  const keys: (string | null)[] = [];
  let fail = true;
  server.use(
    http.post(`${API}/api/bookings`, ({ request }) => {
      keys.push(request.headers.get('Idempotency-Key'));
      if (fail) return HttpResponse.error();
      return HttpResponse.json({ error: { code: 'slot_unavailable', message: 'taken' } }, { status: 409 });
    }),
  );
  mount();
  await toReview();
  book();
  await screen.findByText(/could not reach the booking service/);
  const button = screen.getByRole('button', { name: 'Book the discovery call' });
  expect(describedBy(button)).toBe('We could not reach the booking service. Check your connection and try again. Your answers are kept.');
  await waitFor(() => expect(document.activeElement).toBe(button));
  expect(heading().textContent).toBe('Review and confirm');
  fail = false;
  book();
  await screen.findByRole('heading', { level: 2, name: 'Choose a time' });
  expect(keys[1]).toBe(keys[0]);
  fireEvent.click(await screen.findByRole('radio', { name: /^Thu 3 December/ }));
  fireEvent.click(screen.getByRole('radio', { name: '09:00 New York · 14:00 London' }));
  next();
  next();
  next();
  next();
  next();
  expect(heading().textContent).toBe('Review and confirm');
  book();
  await waitFor(() => expect(keys).toHaveLength(3));
  expect(keys[2]).not.toBe(keys[0]);
});

test("too many attempts, a server fault and too late a time are said plainly, in sentence case, with the practice's email", async () => {
  let answer = HttpResponse.json({ error: { code: 'rate_limited', message: 'too many requests: try again later' } }, { status: 429 });
  server.use(http.post(`${API}/api/bookings`, () => answer));
  mount();
  await toReview();
  book();
  expect(
    await screen.findByText('There have been too many attempts from here. Please wait a minute and try again. Your answers are kept.'),
  ).toBeTruthy();
  answer = HttpResponse.json({ error: { code: 'internal', message: 'something went wrong on our side' } }, { status: 500 });
  book();
  expect(
    await screen.findByText(
      'Something went wrong on our side. Please try again in a moment. Your answers are kept. If it keeps happening, please write to coaching@example.org.',
    ),
  ).toBeTruthy();
  answer = HttpResponse.json({ error: { code: 'origin_not_allowed', message: 'this site may not book calls here' } }, { status: 403 });
  book();
  expect(await screen.findByText('This page may not book calls. Please write to coaching@example.org to book your call.')).toBeTruthy();
  answer = HttpResponse.json({ error: { code: 'too_late', message: 'inside notice' } }, { status: 409 });
  book();
  expect(await screen.findByText('That time is now too close to book. Please choose a later one; your answers are kept.')).toBeTruthy();
  expect(heading().textContent).toBe('Choose a time');
});

test("a page whose origin may not book says so at once, with the practice's email, and tells the site editor what to add", async () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  server.use(
    http.get(`${API}/api/config`, () => HttpResponse.json({ ...CONFIG, origin: { allowed: false, origin: 'https://www.example.net' } })),
  );
  mount();
  expect(await screen.findByRole('heading', { level: 2, name: 'Booking is not open on this page' })).toBeTruthy();
  expect(screen.queryByRole('textbox')).toBeNull();
  expect(screen.getByRole('link', { name: 'coaching@example.org' }).getAttribute('href')).toBe('mailto:coaching@example.org');
  expect(errors).toHaveBeenCalledWith(
    'Duet: this page may not book calls. Add "https://www.example.net" to practice.allowedOrigins in the Duet configuration.',
  );
  errors.mockRestore();
});

test('the confirmation links to an absolute calendar URL as given', async () => {
  server.use(
    http.post(`${API}/api/bookings`, () => HttpResponse.json({ ...CREATED, icsUrl: 'https://cal.example.org/x.ics' }, { status: 201 })),
  );
  mount();
  await toReview();
  book();
  expect((await screen.findByRole('link', { name: 'Add to calendar (.ics)' })).getAttribute('href')).toBe('https://cal.example.org/x.ics');
  await waitFor(() => expect(document.activeElement).toBe(heading()));
  expect(heading().textContent).toBe('Your discovery call is booked');
});
