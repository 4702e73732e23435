// @vitest-environment jsdom
// Choices the page made in advance (the /book page's address, through the loader's data attributes): shown
// chosen, changeable like any other answer, never overriding what the visitor changed, and only real options.
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { FIRST_TIME, cleanup, fillWho, group, heading, mount, next, server, type } from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

const checked = (role: 'radio' | 'checkbox', name: string) => (screen.getByRole(role, { name }) as HTMLInputElement).checked;
const ISSUE_EXAMPLE = { relationship: 'co-founders', focus: 'trust,roles', sponsor: 'board' };

test('the preselected relationship, focus areas and sponsor are chosen on their steps, and the visitor can change each', async () => {
  mount({ preselect: ISSUE_EXAMPLE });
  expect(heading().textContent).toBe('The two of you');
  for (const person of ['Person one', 'Person two']) {
    expect((within(group(person)).getByLabelText('Name') as HTMLInputElement).value).toBe('');
    expect((within(group(person)).getByLabelText('Email') as HTMLInputElement).value).toBe('');
  }
  await fillWho();
  next();
  fireEvent.click(await screen.findByRole('radio', { name: FIRST_TIME }));
  next();

  expect(heading().textContent).toBe('Your partnership');
  expect(checked('radio', 'Co-founders')).toBe(true);
  fireEvent.click(screen.getByRole('radio', { name: 'Peers' }));
  expect(checked('radio', 'Peers')).toBe(true);
  expect(checked('radio', 'Co-founders')).toBe(false);
  type('What is happening in your partnership now?', 'We share a project.');
  next();

  expect(heading().textContent).toBe('Focus');
  expect(checked('checkbox', 'Building or repairing trust')).toBe(true);
  expect(checked('checkbox', 'Setting or reworking roles, goals, and expectations')).toBe(true);
  expect(checked('checkbox', 'Surfacing and navigating tension')).toBe(false);
  fireEvent.click(screen.getByRole('checkbox', { name: 'Setting or reworking roles, goals, and expectations' }));
  expect(checked('checkbox', 'Setting or reworking roles, goals, and expectations')).toBe(false);
  type('What do you hope will be different?', 'Fewer surprises.');
  next();

  expect(heading().textContent).toBe('Sponsor (optional)');
  expect(checked('radio', 'Yes')).toBe(true);
  expect(checked('radio', 'A Board')).toBe(true);
  expect((screen.getByLabelText("Sponsor's name or role") as HTMLInputElement).value).toBe('');
  fireEvent.click(screen.getByRole('radio', { name: 'No' }));
  expect(screen.queryByRole('radio', { name: 'A Board' })).toBeNull();
});

test("after a reload the visitor's own changes stand, not the page's preselection", async () => {
  mount({ preselect: ISSUE_EXAMPLE });
  await fillWho();
  next();
  fireEvent.click(await screen.findByRole('radio', { name: FIRST_TIME }));
  next();
  fireEvent.click(screen.getByRole('radio', { name: 'Other' }));
  cleanup();
  mount({ preselect: ISSUE_EXAMPLE });
  expect(heading().textContent).toBe('Your partnership');
  expect(checked('radio', 'Other')).toBe(true);
  expect(checked('radio', 'Co-founders')).toBe(false);
});

test("anything that is not one of the form's options is ignored", () => {
  mount({ preselect: { relationship: 'enemies', focus: 'money,Trust', sponsor: 'ada@example.com' } });
  expect(screen.getAllByRole('radio').filter((r) => (r as HTMLInputElement).checked)).toEqual([]);
  const saved = JSON.parse(sessionStorage.getItem('duet:http://duet.test')!);
  expect(saved.answers.partnership.relationship).toBe('');
  expect(saved.answers.focus.areas).toEqual([]);
  expect(saved.answers.hasSponsor).toBe('no');
  expect(JSON.stringify(saved)).not.toContain('ada@example.com');
});
