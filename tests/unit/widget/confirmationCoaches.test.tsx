// @vitest-environment jsdom
// The confirmation names the call's two coaches and whom each holds, from the server's booking.coaches, and says what
// person two is asked to do: confirm their part, and, when the practice requires it, by when the time is held.
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

function confirmation(coaches: typeof CREATED.booking.coaches, hold?: { until: string }) {
  const store = createStore({ apiBase: API, instance: 'coaches' });
  const people = [
    { name: 'Ada Lovelace', email: 'ada@example.com', role: '', timeZone: 'America/New_York' },
    { name: 'Grace Hopper', email: 'grace@example.com', role: '', timeZone: 'Europe/London' },
  ] as const;
  store.answers.value = { ...store.answers.value, people: [{ ...people[0] }, { ...people[1] }] };
  store.booked.value = { ...CREATED, booking: { ...CREATED.booking, coaches, ...(hold ? { hold } : {}) } };
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

const COACHES = [
  { id: 'maya', name: 'Maya Okafor', holds: 0 as const },
  { id: 'ben', name: 'Ben Ito', holds: 1 as const },
];

test('says that Grace is asked to confirm her part, and nothing of a hold when the call stands', () => {
  confirmation(COACHES);
  expect(screen.getByText(/Grace Hopper's invitation asks them to confirm their part through their own link/)).toBeTruthy();
  expect(screen.queryByText(/held/)).toBeNull();
});

test('with the time only held, says until when, on the clock of the person who booked', () => {
  // 15:00 UTC on Saturday 7 November 2026 is 10:00 in New York (EST, after the clocks went back on 1 November).
  confirmation(COACHES, { until: '2026-11-07T15:00:00.000Z' });
  const held = screen.getByText(/The time is held for you both until Grace Hopper confirms their part/);
  expect(held.textContent).toMatch(/November 7|7 November/);
  expect(held.textContent).toMatch(/10:00\sAM|10:00 \(/);
  expect(held.textContent).toContain("(Ada Lovelace's time)");
  expect(screen.getByText(/If they have not confirmed by then, the time is released and we write to you/)).toBeTruthy();
});
