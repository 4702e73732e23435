// @vitest-environment jsdom
// The whole walk from who the two are to the confirmation, in the step table's order, as two people would make it.
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  API,
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
  toReview,
  STAMP,
} from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

test('two people say who and where they are, choose a time, then answer the rest, and book a call both see in their own zone', async () => {
  let sent: { body: any; key: string | null } | undefined;
  server.use(
    http.post(`${API}/api/bookings`, async ({ request }) => {
      sent = { body: await request.json(), key: request.headers.get('Idempotency-Key') };
      return HttpResponse.json(
        {
          booking: { id: 'bk_1', start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:45:00Z', status: 'confirmed' },
          manageUrl: '/manage?token=secret',
          icsUrl: '/api/bookings/bk_1/invite.ics?token=secret',
        },
        { status: 201 },
      );
    }),
  );
  mount();

  expect(heading().textContent).toBe('The two of you');
  expect(screen.getByText('Step 1 of 7')).toBeTruthy();
  expect(screen.getByRole('form', { name: 'Book a discovery call' })).toBeTruthy();
  await screen.findByText(/A free discovery call of 45 minutes with two of our coaches/);
  await fillWho();
  next();
  expect(heading().textContent).toBe('Choose a time');
  fireEvent.click(await screen.findByRole('radio', { name: FIRST_TIME }));
  next();
  expect(heading().textContent).toBe('Your partnership');
  fillPartnership();
  next();
  expect(heading().textContent).toBe('Focus');
  fillFocus();
  next();
  expect(heading().textContent).toBe('Sponsor (optional)');
  fireEvent.click(screen.getByRole('radio', { name: 'Yes' }));
  fireEvent.click(screen.getByRole('radio', { name: 'A Board' }));
  fireEvent.input(screen.getByLabelText("Sponsor's name or role"), { target: { value: 'Board chair' } });
  next();
  expect(heading().textContent).toBe('Agreements');
  tickAgreements();
  next();
  expect(heading().textContent).toBe('Review and confirm');
  expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
    'The two of you',
    'Choose a time',
    'Your partnership',
    'Focus',
    'Sponsor (optional)',
    'Agreements',
  ]);
  expect(screen.getByText('Tuesday, 1 December 2026, 10:00–10:45 New York time')).toBeTruthy();
  expect(screen.getByText('Tuesday, 1 December 2026, 15:00–15:45 London time')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));

  await screen.findByRole('heading', { level: 2, name: 'Your discovery call is booked' });
  expect(screen.getByText('Tuesday, 1 December 2026, 10:00–10:45 New York time', { exact: false })).toBeTruthy();
  expect(screen.getByText('Tuesday, 1 December 2026, 15:00–15:45 London time', { exact: false })).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Add to calendar (.ics)' }).getAttribute('href')).toBe(
    'http://duet.test/api/bookings/bk_1/invite.ics?token=secret',
  );
  const google = new URL(screen.getByRole('link', { name: 'Add to Google Calendar' }).getAttribute('href')!);
  expect(google.origin + google.pathname).toBe('https://calendar.google.com/calendar/render');
  expect(google.searchParams.get('dates')).toBe('20261201T150000Z/20261201T154500Z');
  expect(google.searchParams.get('text')).toBe('2:2 Coaching discovery call with WBT');
  const outlook = new URL(screen.getByRole('link', { name: 'Add to Outlook' }).getAttribute('href')!);
  expect(outlook.searchParams.get('startdt')).toBe('2026-12-01T15:00:00Z');
  expect(outlook.searchParams.get('enddt')).toBe('2026-12-01T15:45:00Z');
  // Neither link carries the secret manage link.
  expect(google.href + outlook.href).not.toContain('secret');
  expect(
    screen.getByText(/sent calendar invitations to both of you \(ada@example\.com and grace@example\.com\) and to both coaches/),
  ).toBeTruthy();
  expect(
    screen.getByText('From there, your two coaches will recommend a structure and cadence for your 2:2 coaching that fits the two of you.'),
  ).toBeTruthy();

  expect(sent!.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(sent!.body.slot).toEqual({ start: '2026-12-01T15:00:00Z' });
  expect(sent!.body.intake).toEqual({
    partnership: { relationship: 'co-founders', relationshipOther: '', organization: 'Acme', context: 'We grew fast and stopped talking.' },
    people: [
      { name: 'Ada', email: 'ada@example.com', role: 'CEO', timeZone: 'America/New_York' },
      { name: 'Grace', email: 'grace@example.com', role: '', timeZone: 'Europe/London' },
    ],
    focus: { areas: ['trust'], other: '', hopes: 'Decide together, without surprises.' },
    sponsor: { name: 'Board chair', email: '', relation: 'board' },
    agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
  });
  expect(sent!.body.meta.honeypot).toBe('');
  expect(new Date(sent!.body.meta.openedAt).toISOString()).toBe(sent!.body.meta.openedAt);
  // The server's form stamp from GET /api/config goes back with the booking.
  expect(sent!.body.meta.stamp).toBe(STAMP);
  // Nothing of the intake stays in the tab once the call is booked.
  expect(sessionStorage.length).toBe(0);
});

test('the focus moves to each new step heading, and Back keeps every answer', async () => {
  mount();
  expect(document.activeElement).not.toBe(heading()); // no focus theft on page load
  await fillWho();
  next();
  expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Choose a time' }));
  fireEvent.click(await screen.findByRole('radio', { name: FIRST_TIME }));
  fireEvent.click(screen.getByRole('button', { name: 'Back' }));
  expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'The two of you' }));
  expect((within(group('Person one')).getByLabelText('Name') as HTMLInputElement).value).toBe('Ada');
  expect(within(group('Person two')).getByText(/^London \(/)).toBeTruthy();
  next();
  expect((screen.getByRole('radio', { name: FIRST_TIME }) as HTMLInputElement).checked).toBe(true);
});

test('"Change" on the review opens that step, and Next there returns to the review', async () => {
  mount();
  await toReview();
  fireEvent.click(screen.getByRole('button', { name: 'Change: Focus' }));
  expect(heading().textContent).toBe('Focus');
  fireEvent.click(screen.getByRole('checkbox', { name: 'Surfacing and navigating tension' }));
  fireEvent.click(screen.getByRole('button', { name: 'Return to the review' }));
  expect(heading().textContent).toBe('Review and confirm');
  expect(screen.getByText('Building or repairing trust; Surfacing and navigating tension')).toBeTruthy();
  // A change that leaves an answer missing stays on its step until it is fixed, then still returns.
  fireEvent.click(screen.getByRole('button', { name: 'Change: Your partnership' }));
  fireEvent.input(screen.getByLabelText('What is happening in your partnership now?'), { target: { value: ' ' } });
  fireEvent.click(screen.getByRole('button', { name: 'Return to the review' }));
  expect(heading().textContent).toBe('Your partnership');
  fireEvent.input(screen.getByLabelText('What is happening in your partnership now?'), { target: { value: 'Still growing.' } });
  fireEvent.click(screen.getByRole('button', { name: 'Return to the review' }));
  expect(heading().textContent).toBe('Review and confirm');
});

test('the honeypot is out of reach of people and screen readers, and what a bot types into it is sent', async () => {
  let body: any;
  server.use(
    http.post(`${API}/api/bookings`, async ({ request }) => {
      body = await request.json();
      return HttpResponse.json({ error: { code: 'rate_limited', message: 'slow down' } }, { status: 429 });
    }),
  );
  const host = mount();
  const trap = host.querySelector('input[name=website]') as HTMLInputElement;
  expect(trap.closest('[aria-hidden=true]')).not.toBeNull();
  expect(trap.tabIndex).toBe(-1);
  expect(screen.queryByRole('textbox', { name: 'Leave this empty' })).toBeNull();
  fireEvent.input(trap, { target: { value: 'http://spam.example' } });
  await toReview();
  fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));
  expect(await screen.findByText(/too many attempts/)).toBeTruthy();
  await waitFor(() => expect(body.meta.honeypot).toBe('http://spam.example'));
});

test("inside the loader's shadow root the widget renders, moves focus and unmounts cleanly", async () => {
  const { mountWidget } = await import('../../../widget/mount.tsx');
  const { act } = await import('@testing-library/preact');
  const host = document.createElement('div');
  document.body.append(host);
  const shadow = host.attachShadow({ mode: 'open' });
  let unmount!: () => void;
  act(() => {
    unmount = mountWidget(shadow, { apiBase: `${API}/` });
  });
  const inShadow = within(shadow as unknown as HTMLElement);
  expect(inShadow.getByRole('heading', { level: 2 }).textContent).toBe('The two of you');
  fireEvent.click(inShadow.getByRole('button', { name: 'Next' }));
  expect(shadow.activeElement).toBe(within(inShadow.getByRole('group', { name: 'Person one' })).getByLabelText('Name'));
  act(() => unmount());
  expect(shadow.childNodes.length).toBe(0);
  host.remove();
});

test('a pair in one zone reads the time once, under both their names, on the review and the confirmation', async () => {
  mount();
  await fillWho(['London', 'London']);
  next();
  fireEvent.click(await screen.findByRole('radio', { name: '15:00 London' }));
  next();
  fillPartnership();
  next();
  fillFocus();
  next();
  next();
  tickAgreements();
  next();
  expect(heading().textContent).toBe('Review and confirm');
  expect(screen.getByText('Ada and Grace')).toBeTruthy();
  expect(screen.getAllByText('Tuesday, 1 December 2026, 15:00–15:45 London time')).toHaveLength(1);
  fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));
  await screen.findByRole('heading', { level: 2, name: 'Your discovery call is booked' });
  const when = screen.getAllByRole('listitem').map((li) => li.textContent);
  expect(when[0]).toBe('Ada and Grace: Tuesday, 1 December 2026, 15:00–15:45 London time');
  expect(when.filter((t) => t!.includes('London time'))).toHaveLength(1);
});
