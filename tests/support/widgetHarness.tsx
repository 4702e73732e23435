// Shared test setup for the widget: an msw API with fixed slots, mounting, and filling steps the way a person would.
import { act, fireEvent, screen, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { BookingCreated, Slot } from '../../core/api.ts';
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
  booking: { id: 'bk_1', start: SLOTS[0].start, end: SLOTS[0].end, status: 'confirmed' },
  manageUrl: '/manage?token=secret',
  icsUrl: '/api/bookings/bk_1/invite.ics?token=secret',
};

export const server = setupServer(
  http.get(`${API}/api/config`, () => HttpResponse.json({
    practice: { name: 'WBT', email: 'coaching@example.org', timeZone: 'America/New_York' },
    call: { title: '2:2 Coaching discovery call', minutes: 45, bufferMinutes: 10, cancelNoticeHours: 24 },
    relationships: [
      { value: 'co-founders', label: 'Co-founders' }, { value: 'co-leads', label: 'Co-leads' },
      { value: 'manager-report', label: 'Manager and direct report' }, { value: 'peers', label: 'Peers' },
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
      { value: 'supervisor', label: 'A supervisor' }, { value: 'board', label: 'A Board' }, { value: 'other', label: 'Someone else' },
    ],
    agreements: [
      { value: 'notice', label: 'We will give 24 hours’ notice to cancel or reschedule.' },
      { value: 'presence', label: 'We will keep a 10-minute buffer and turn off notifications.' },
      { value: 'confidentiality', label: 'We understand the ICF Code of Ethics and confidentiality.' },
      { value: 'commitment', label: 'Both of us want this.' },
    ],
    sponsorNote: 'A sponsor hears observations and key takeaways, no detailed specifics.',
    stamp: STAMP,
  })),
  http.get(`${API}/api/availability`, () => HttpResponse.json({ slots: SLOTS })),
  http.post(`${API}/api/bookings`, () => HttpResponse.json(CREATED, { status: 201 })),
);

let unmount: (() => void) | undefined;
let host: HTMLElement | undefined;

export function mount(options: Partial<Parameters<typeof mountWidget>[1]> = {}) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => { unmount = mountWidget(host!, { apiBase: API, ...options }); });
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

export function fillYouTwo() {
  fireEvent.click(screen.getByRole('radio', { name: 'Co-founders' }));
  type('Organization (optional)', 'Acme');
  type('What is happening in your partnership now?', 'We grew fast and stopped talking.');
}

export function fillPeople(zones: [string, string] = ['America/New_York', 'Europe/London']) {
  const one = group('Person one');
  const two = group('Person two');
  type('Name', 'Ada', one);
  type('Email', 'ada@example.com', one);
  type('Role (optional)', 'CEO', one);
  type('Time zone', zones[0], one);
  type('Name', 'Grace', two);
  type('Email', 'grace@example.com', two);
  type('Time zone', zones[1], two);
}

export function fillFocus() {
  fireEvent.click(screen.getByRole('checkbox', { name: 'Building or repairing trust' }));
  type('What do you hope will be different?', 'Decide together, without surprises.');
}

export function tickAgreements() {
  for (const box of screen.getAllByRole('checkbox')) fireEvent.click(box);
}

/** Walks from the first step to the time step with valid answers. */
export async function toTimeStep() {
  fillYouTwo(); next();
  fillPeople(); next();
  fillFocus(); next();
  next(); // no sponsor
  await screen.findByRole('heading', { level: 2, name: 'Time' });
  return screen.findByRole('radio', { name: '10:00 New York · 15:00 London' });
}
