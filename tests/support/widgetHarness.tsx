// Shared test setup for the widget: an msw API with fixed slots, mounting, and filling steps the way a person would.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { expect } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { BookingCreated, PublicConfig, Slot } from '../../core/api.ts';
import { SPONSOR_NOTE } from '../../core/texts.ts';
import { mountWidget } from '../../widget/mount.tsx';

export const API = 'http://duet.test';
/** The form stamp the mocked GET /api/config hands out; the widget sends it back as meta.stamp. */
export const STAMP = 'v1.mocked.stamp';

// 2026-12-01 is a Tuesday: 10:00 in New York is 15:00 in London.
export const SLOTS: Slot[] = [
  { start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:45:00Z' },
  { start: '2026-12-01T18:30:00Z', end: '2026-12-01T19:15:00Z' },
  { start: '2026-12-03T14:00:00Z', end: '2026-12-03T14:45:00Z' },
];

export const CREATED: BookingCreated = {
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
  manageUrl: '/manage?token=secret',
  icsUrl: '/api/bookings/bk_1/invite.ics?token=secret',
};

export const CONFIG: PublicConfig = {
  practice: { name: 'WBT', email: 'coaching@example.org', timeZone: 'America/New_York' },
  call: { title: '2:2 Coaching discovery call', minutes: 45, bufferMinutes: 10, cancelNoticeHours: 24 },
  relationships: [
    { value: 'co-founders', label: 'Co-founders' },
    { value: 'co-leads', label: 'Co-leads' },
    { value: 'manager-report', label: 'Manager and direct report' },
    { value: 'peers', label: 'Peers' },
    { value: 'other', label: 'Other' },
  ],
  focusAreas: [
    { value: 'trust', label: 'Building or repairing trust' },
    { value: 'communication', label: 'Clarifying communication and collaboration norms' },
    { value: 'tension', label: 'Surfacing and navigating tension' },
    { value: 'roles', label: 'Setting or reworking roles, goals, and expectations' },
    { value: 'culture', label: 'Building a shared culture for your team' },
    { value: 'other', label: 'Something else' },
  ],
  sponsorRelations: [
    { value: 'supervisor', label: 'A supervisor' },
    { value: 'board', label: 'A Board' },
    { value: 'other', label: 'Someone else' },
  ],
  agreements: [
    { value: 'notice', label: 'We will give 24 hours’ notice to cancel or reschedule.' },
    { value: 'presence', label: 'We will keep a 10-minute buffer and turn off notifications.' },
    { value: 'confidentiality', label: 'We understand the ICF Code of Ethics and confidentiality.' },
    { value: 'commitment', label: 'Both of us want this.' },
  ],
  sponsorNote: SPONSOR_NOTE,
  stamp: STAMP,
};

export const server = setupServer(
  http.get(`${API}/api/config`, () => HttpResponse.json(CONFIG)),
  http.get(`${API}/api/availability`, () => HttpResponse.json({ slots: SLOTS })),
  http.post(`${API}/api/bookings`, () => HttpResponse.json(CREATED, { status: 201 })),
);

let unmount: (() => void) | undefined;
let host: HTMLElement | undefined;

/** Mounts the widget; en-GB unless told otherwise, so times read "15:00" whatever the machine's locale. */
export function mount(options: Partial<Parameters<typeof mountWidget>[1]> = {}) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => {
    unmount = mountWidget(host!, { apiBase: API, locale: 'en-GB', ...options });
  });
  return host;
}

export function cleanup() {
  act(() => unmount?.());
  host?.remove();
  unmount = host = undefined;
}

export const type = (label: string | RegExp, value: string, scope: HTMLElement = document.body) =>
  fireEvent.input(within(scope).getByLabelText(label), { target: { value } });

export const heading = () => screen.getByRole('heading', { level: 2 });
export const next = () => fireEvent.click(screen.getByRole('button', { name: 'Next' }));
export const group = (name: string | RegExp) => screen.getByRole('group', { name });

/** Chooses a zone in a zone field: "Change" (or the search already open), then the first match for `query`. */
export async function chooseZone(scope: HTMLElement, query: string, button: string | RegExp = /^(Change time zone|Choose a time zone)$/) {
  const change = within(scope).queryByRole('button', { name: button });
  if (change) fireEvent.click(change);
  // The search and its data load on first use (a cold module transform in tests takes a while).
  const box = await within(scope).findByRole('combobox', {}, { timeout: 10_000 });
  fireEvent.input(box, { target: { value: query } });
  fireEvent.keyDown(box, { key: 'Enter' });
  await waitFor(() => expect(within(scope).queryByRole('combobox')).toBeNull());
}

/** Step 1: both people; person one in `zones[0]`, person two in the same zone or `zones[1]`. */
export async function fillWho(zones: [string, string] = ['New York', 'London']) {
  const one = group('Person one');
  const two = group('Person two');
  type('Name', 'Ada', one);
  type('Email', 'ada@example.com', one);
  await chooseZone(one, zones[0]);
  type('Name', 'Grace', two);
  type('Email', 'grace@example.com', two);
  if (zones[1] === zones[0]) {
    fireEvent.click(within(two).getByRole('radio', { name: /^Same as person one/ }));
  } else {
    fireEvent.click(within(two).getByRole('radio', { name: 'Another time zone' }));
    await chooseZone(two, zones[1]);
  }
}

export function fillPartnership() {
  fireEvent.click(screen.getByRole('radio', { name: 'Co-founders' }));
  type('Organization (optional)', 'Acme');
  type('Ada’s role (optional)', 'CEO');
  type('What is happening in your partnership now?', 'We grew fast and stopped talking.');
}

export function fillFocus() {
  fireEvent.click(screen.getByRole('checkbox', { name: 'Building or repairing trust' }));
  type('What do you hope will be different?', 'Decide together, without surprises.');
}

export function tickAgreements() {
  for (const box of screen.getAllByRole('checkbox')) fireEvent.click(box);
}

/** The first time of the New York + London pair, as the Time step names it (en-GB: 24-hour clock). */
export const FIRST_TIME = '10:00 New York · 15:00 London';

/** Walks from the first step to the time step with valid answers; resolves with the first time's radio. */
export async function toTimeStep(zones?: [string, string]) {
  await fillWho(zones);
  next();
  await screen.findByRole('heading', { level: 2, name: 'Choose a time' });
  return screen.findByRole('radio', { name: FIRST_TIME });
}

/** From the first step to the review, choosing `time`. */
export async function toReview(time = FIRST_TIME) {
  await fillWho();
  next();
  fireEvent.click(await screen.findByRole('radio', { name: time }));
  next();
  fillPartnership();
  next();
  fillFocus();
  next();
  next(); // no sponsor
  tickAgreements();
  next();
  expect(heading().textContent).toBe('Review and confirm');
}
