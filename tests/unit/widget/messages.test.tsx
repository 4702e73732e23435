// @vitest-environment jsdom
// Every field of the form, typed into every way it can be refused, says so beside it in written words, in sentence
// case: never a library's text (a sponsor email "dad@" once showed `Invalid schema: expected ("" | string).`).
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { WRITTEN } from '../../support/writtenMessages.ts';
import { FIRST_TIME, cleanup, fillFocus, fillPartnership, fillWho, group, mount, next, server } from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

const BAD = ['', '   ', 'x'.repeat(4001), 'Ada "A"', 'Ada\u0007', 'dad@', 'dad@example', '@example.com'];

const described = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .filter((e) => e?.classList.contains('error'))
    .map((e) => e!.textContent!);

/** What the field says after `value` is typed and Next pressed: its error, if any. */
function refusal(get: () => HTMLElement, value: string): string | undefined {
  const step = screen.getByRole('heading', { level: 2 }).textContent;
  fireEvent.input(get(), { target: { value } });
  next();
  // A value this field takes ("dad@" as a name) may complete the step: come back to it for the next one.
  if (screen.getByRole('heading', { level: 2 }).textContent !== step) {
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    return undefined;
  }
  return described(get())[0];
}

function expectWritten(where: string, message: string | undefined) {
  if (message === undefined) return;
  expect(message, where).toMatch(/^[A-Z].*\.$/);
  const bare = message.charAt(0).toLowerCase() + message.slice(1, -1);
  expect(WRITTEN.has(bare), `${where}: "${message}"`).toBe(true);
}

/** Each field (found afresh each time: a step comes back as new elements) through each bad value. */
function walk(fields: [string, () => HTMLElement][]) {
  let refused = 0;
  for (const [name, get] of fields) {
    const before = (get() as HTMLInputElement).value;
    for (const bad of BAD) {
      const message = refusal(get, bad);
      if (message) refused++;
      expectWritten(`${name} = ${JSON.stringify(bad.slice(0, 12))}`, message);
    }
    fireEvent.input(get(), { target: { value: before } });
  }
  return refused;
}

const byLabel = (label: string): [string, () => HTMLElement] => [label, () => screen.getByLabelText(label)];

test('the two people: names and emails', async () => {
  mount();
  const refused = walk(
    ['Person one', 'Person two'].flatMap(
      (p) =>
        [
          [`${p} name`, () => within(group(p)).getByLabelText('Name')],
          [`${p} email`, () => within(group(p)).getByLabelText('Email')],
        ] as [string, () => HTMLElement][],
    ),
  );
  // Each name: empty, spaces, too long, a quote, a control character; each email: all eight.
  expect(refused).toBe(2 * 5 + 2 * 8);
});

test('the partnership, the focus and the sponsor', async () => {
  mount();
  await fillWho();
  next();
  fireEvent.click(await screen.findByRole('radio', { name: FIRST_TIME }));
  next();
  fillPartnership();
  fireEvent.click(screen.getByRole('radio', { name: 'Other' }));
  expect(
    walk(
      [
        'Say how you work together',
        'Organization (optional)',
        'Ada’s role (optional)',
        'Grace’s role (optional)',
        'What is happening in your partnership now?',
      ].map(byLabel),
    ),
  ).toBe(5 + 3 + 3 + 3 + 4);
  fireEvent.input(screen.getByLabelText('Say how you work together'), { target: { value: 'Peers' } });
  next();
  fillFocus();
  fireEvent.click(screen.getByRole('checkbox', { name: 'Something else' }));
  expect(walk(['Name the other focus area', 'What do you hope will be different?'].map(byLabel))).toBe(5 + 4);
  fireEvent.input(screen.getByLabelText('Name the other focus area'), { target: { value: 'Hiring' } });
  next();
  fireEvent.click(screen.getByRole('radio', { name: 'Yes' }));
  fireEvent.click(screen.getByRole('radio', { name: 'A Board' }));
  expect(walk(["Sponsor's name or role", "Sponsor's email (optional)"].map(byLabel))).toBe(5 + 6);
  expect(refusal(() => screen.getByLabelText("Sponsor's email (optional)"), 'dad@')).toBe('Enter a valid email address.');
});
