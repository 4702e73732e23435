// @vitest-environment jsdom
// The confirmation names the call's two coaches and whom each holds, from the server's booking.coaches.
import { cleanup, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { Confirmation } from '../../../widget/steps/Confirmation.tsx';
import { createStore, StoreContext } from '../../../widget/store.ts';
import { API, CREATED, server } from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

function confirmation(coaches: typeof CREATED.booking.coaches) {
  const store = createStore({ apiBase: API, instance: 'coaches' });
  const people = [
    { name: 'Ada Lovelace', email: 'ada@example.com', role: '', timeZone: 'America/New_York' },
    { name: 'Grace Hopper', email: 'grace@example.com', role: '', timeZone: 'Europe/London' },
  ] as const;
  store.answers.value = { ...store.answers.value, people: [{ ...people[0] }, { ...people[1] }] };
  store.booked.value = { ...CREATED, booking: { ...CREATED.booking, coaches } };
  render(
    <StoreContext.Provider value={store}>
      <Confirmation />
    </StoreContext.Provider>,
  );
}

test('names both coaches and the person each holds', () => {
  confirmation([
    { id: 'maya', name: 'Maya Okafor', holds: 0 },
    { id: 'ben', name: 'Ben Ito', holds: 1 },
  ]);
  expect(screen.getByText("Your coaches: Maya Okafor holds Ada Lovelace's experience; Ben Ito holds Grace Hopper's.")).toBeTruthy();
});

test('follows holds, not the order of the coaches', () => {
  confirmation([
    { id: 'maya', name: 'Maya Okafor', holds: 1 },
    { id: 'ben', name: 'Ben Ito', holds: 0 },
  ]);
  expect(screen.getByText("Your coaches: Maya Okafor holds Grace Hopper's experience; Ben Ito holds Ada Lovelace's.")).toBeTruthy();
});
