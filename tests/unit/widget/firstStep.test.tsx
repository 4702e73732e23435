// @vitest-environment jsdom
// The first step as embed.js carries it (widget/lazyMount.tsx), before the later code is here: without
// @preact/signals' Preact integration it still follows the answers and the config, and what the later code brings
// on arrival (the browser's zone, the page's preselection) lands then, also after a reload before it arrived.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { Component } from 'preact';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest';
import type { PublicConfig } from '../../../core/api.ts';
import { loadLater } from '../../../widget/laterSteps.ts';
import { mountWidget } from '../../../widget/lazyMount.tsx';

const API = 'http://duet.test';
// What the first step reads of the config; the later steps are not shown here.
const CONFIG = {
  practice: { name: 'WBT', email: 'coaching@example.org', timeZone: 'America/New_York', explainerUrl: 'https://duet.test/explainer.pdf' },
  call: { title: 'Discovery call', minutes: 60, bufferMinutes: 10, cancelNoticeHours: 24 },
  relationships: [],
  focusAreas: [],
  sponsorRelations: [],
  agreements: [],
  sponsorNote: '',
} as unknown as PublicConfig;

const server = setupServer(
  http.get(`${API}/api/config`, () => HttpResponse.json(CONFIG)),
  http.get(`${API}/api/availability`, () => HttpResponse.json({ slots: [] })),
);

let unmount: (() => void) | undefined;
let host: HTMLElement | undefined;
function mount(preselect?: Record<string, string>) {
  host = document.createElement('div');
  document.body.append(host);
  act(() => {
    unmount = mountWidget(host!, { apiBase: API, preselect });
  });
}
function reload() {
  act(() => unmount?.());
  host?.remove();
}

const group = (name: string) => screen.getByRole('group', { name });
const zoneNow = (scope: HTMLElement) => scope.querySelector('.zone-now')!.textContent;
/** @preact/signals' integration replaces Component's shouldComponentUpdate when it loads (with the later code). */
const integrationLoaded = () => typeof Component.prototype.shouldComponentUpdate === 'function';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
// The later code is fetched when the page is idle after the first frame: here only when a test asks (loadLater).
beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', () => 0);
});
afterEach(() => {
  reload();
  server.resetHandlers();
  sessionStorage.clear();
  vi.unstubAllGlobals();
});
afterAll(() => server.close());

// One story, since the later code arrives once per page (here: per test file).
test('before the later code the first step follows what is typed and chosen and the config; a reload keeps the preselection pending; on arrival the zone and the preselection land', async () => {
  const chosen = { relationship: 'co-founders', focus: 'trust', sponsor: 'board' };
  mount(chosen);
  expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('The two of you');
  // The config's answer re-renders the intro (60 minutes, not the built-in 45) and adds the explainer link.
  expect(await screen.findByText(/A free discovery call of 60 minutes/)).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Download our 2:2 Coaching Explainer' }).getAttribute('href')).toBe(
    'https://duet.test/explainer.pdf',
  );

  const name = () => within(group('Person one')).getByLabelText('Name') as HTMLInputElement;
  fireEvent.input(name(), { target: { value: 'Ada' } });
  expect(name().value).toBe('Ada');
  const saved = () => JSON.parse(sessionStorage.getItem(`duet:${API}`)!);
  expect(saved().answers.people[0].name).toBe('Ada');

  expect(within(group('Person two')).queryAllByText('Time zone')).toHaveLength(0);
  fireEvent.click(within(group('Person two')).getByRole('radio', { name: 'Another time zone' }));
  expect(within(group('Person two')).getByText('Time zone')).toBeTruthy();
  // The zone is detected and named by the later code: not yet.
  expect(zoneNow(group('Person one'))).toBe('Not chosen yet');
  expect(integrationLoaded()).toBe(false);

  // The preselection waits for the later code, which alone shows those answers; it is never saved, only that it waits.
  expect(saved().preselect).toBe('pending');
  expect(JSON.stringify(saved())).not.toContain('co-founders');
  reload();
  mount(chosen);
  expect(name().value).toBe('Ada');

  await act(async () => {
    await loadLater();
  });
  expect(integrationLoaded()).toBe(true);
  // The browser's zone (TZ=America/Sao_Paulo for the tests), named by Intl.
  await waitFor(() => expect(zoneNow(group('Person one'))).toMatch(/^Sao Paulo \(.*GMT−3\)$/));
  expect(within(group('Person two')).getByRole('radio', { name: 'Same as person one (Sao Paulo)' })).toBeTruthy();
  expect(saved().answers.partnership.relationship).toBe('co-founders');
  expect(saved().answers.focus.areas).toEqual(['trust']);
  expect(saved().answers.hasSponsor).toBe('yes');
  expect(saved().answers.people[0]).toMatchObject({ name: 'Ada', timeZone: 'America/Sao_Paulo' });
  expect(saved().preselect).toBeUndefined();
  // From here on the integration re-renders what changes.
  fireEvent.input(name(), { target: { value: 'Ada L.' } });
  expect(name().value).toBe('Ada L.');
});
