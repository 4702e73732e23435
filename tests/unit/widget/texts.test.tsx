// @vitest-environment jsdom
// The widget reads its wording from GET /api/config: a practice that re-words a label sees its words on every step.
import { fireEvent, screen } from '@testing-library/preact';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { PublicConfig } from '../../../core/api.ts';
import { AGREEMENTS, FOCUS_AREAS, RELATIONSHIPS, SPONSOR_RELATIONS } from '../../../core/intake.ts';
import { AGREEMENT_LABELS, FOCUS_LABELS, RELATIONSHIP_LABELS, SPONSOR_NOTE, SPONSOR_RELATION_LABELS } from '../../../core/texts.ts';
import { API, FIRST_TIME, cleanup, fillWho, heading, mount, next, server, type } from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

const reworded: PublicConfig = {
  practice: {
    name: 'WBT',
    email: 'coaching@example.org',
    timeZone: 'America/New_York',
    explainerUrl: 'https://wbt.example.org/2x2-explainer.pdf',
  },
  call: { title: '2:2 Coaching discovery call', minutes: 45, bufferMinutes: 10, cancelNoticeHours: 48 },
  relationships: RELATIONSHIPS.map((value) => ({ value, label: value === 'peers' ? 'Peers on one team' : RELATIONSHIP_LABELS[value] })),
  focusAreas: FOCUS_AREAS.map((value) => ({
    value,
    label: value === 'trust' ? 'Rebuilding trust after a hard year' : FOCUS_LABELS[value],
  })),
  sponsorRelations: SPONSOR_RELATIONS.map((value) => ({
    value,
    label: value === 'board' ? 'Our board of trustees' : SPONSOR_RELATION_LABELS[value],
  })),
  agreements: AGREEMENTS.map((value) => ({
    value,
    label: value === 'notice' ? 'We will give 48 hours’ notice to cancel or reschedule.' : AGREEMENT_LABELS[value],
  })),
  sponsorNote: 'A sponsor hears themes, never what either of you said.',
  stamp: 'v1.test.stamp',
};

test("a practice that re-words its labels in the config sees its own words on every step, and the seed's nowhere", async () => {
  server.use(http.get(`${API}/api/config`, () => HttpResponse.json(reworded)));
  mount();
  await fillWho();
  next();
  fireEvent.click(await screen.findByRole('radio', { name: FIRST_TIME }));
  next();
  const peers = await screen.findByRole('radio', { name: 'Peers on one team' });
  expect(screen.queryByRole('radio', { name: 'Peers' })).toBeNull();
  fireEvent.click(peers);
  type('What is happening in your partnership now?', 'We grew fast and stopped talking.');
  next();
  expect(heading().textContent).toBe('Focus');
  fireEvent.click(screen.getByRole('checkbox', { name: 'Rebuilding trust after a hard year' }));
  expect(screen.queryByRole('checkbox', { name: FOCUS_LABELS.trust })).toBeNull();
  type('What do you hope will be different?', 'Decide together.');
  next();
  expect(heading().textContent).toBe('Sponsor (optional)');
  expect(screen.getByText('A sponsor hears themes, never what either of you said.')).toBeTruthy();
  expect(screen.queryByText(SPONSOR_NOTE)).toBeNull();
  fireEvent.click(screen.getByRole('radio', { name: 'Yes' }));
  expect(screen.getByRole('radio', { name: 'Our board of trustees' })).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: 'No' }));
  next();
  expect(heading().textContent).toBe('Agreements');
  expect(screen.getByRole('checkbox', { name: 'We will give 48 hours’ notice to cancel or reschedule.' })).toBeTruthy();
  expect(screen.queryByRole('checkbox', { name: AGREEMENT_LABELS.notice })).toBeNull();
  for (const box of screen.getAllByRole('checkbox')) fireEvent.click(box);
  next();
  expect(heading().textContent).toBe('Review and confirm');
  fireEvent.click(screen.getByRole('button', { name: 'Book the discovery call' }));
  await screen.findByRole('heading', { level: 2, name: 'Your discovery call is booked' });
  // The practice asks for 48 hours' notice (call.cancelNoticeHours): the etiquette says so too.
  expect(screen.getByText(/structure and cadence/)).toBeTruthy();
  expect(screen.getByText('Please give 48 hours’ notice to cancel or reschedule.')).toBeTruthy();
  expect(screen.queryByText(/24 hours/)).toBeNull();
});

test("the first step says what this is, in the practice's name and the call's length, and offers the explainer where there is one", async () => {
  server.use(http.get(`${API}/api/config`, () => HttpResponse.json({ ...reworded, call: { ...reworded.call, minutes: 30 } })));
  mount();
  expect(
    await screen.findByText(/^A free discovery call of 30 minutes with two of our coaches, to learn about the two of you and your goals\./),
  ).toBeTruthy();
  const explainer = screen.getByRole('link', { name: 'Download our 2:2 Coaching Explainer' });
  expect(explainer.getAttribute('href')).toBe('https://wbt.example.org/2x2-explainer.pdf');
  expect(explainer.closest('p')!.textContent).toBe(
    'Would you rather read about 2:2 coaching first, or share it offline? Download our 2:2 Coaching Explainer.',
  );
});

test('the seed\'s words: the buffer agreement keeps "(we know this isn\'t always possible)", the sponsor note says who is responsible', () => {
  expect(AGREEMENT_LABELS.presence).toContain('(we know this isn’t always possible)');
  expect(SPONSOR_NOTE).toContain('our coaching clients are responsible for their own action or inaction');
});
