// @vitest-environment jsdom
// Each step checks its answers with the shared schema and says what is wrong next to the field, out loud.
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  FIRST_TIME,
  chooseZone,
  cleanup,
  fillFocus,
  fillPartnership,
  fillWho,
  group,
  heading,
  mount,
  next,
  server,
  type,
} from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  sessionStorage.clear();
});
afterAll(() => server.close());

/** The text a screen reader reads after a control's name: its aria-describedby targets. */
const description = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ');

async function toPartnership() {
  mount();
  await fillWho();
  next();
  fireEvent.click(await screen.findByRole('radio', { name: FIRST_TIME }));
  next();
  expect(heading().textContent).toBe('Your partnership');
}

test('an empty first step stays put, marks each missing answer next to its field and announces it', () => {
  mount();
  next();
  expect(heading().textContent).toBe('The two of you');
  const one = group('Person one');
  const name = within(one).getByLabelText('Name');
  expect(name.getAttribute('aria-invalid')).toBe('true');
  expect(description(name)).toBe('Enter a name.');
  expect(description(within(one).getByLabelText('Email'))).toBe('Enter an email address.');
  expect(description(within(group('Person two')).getByLabelText('Name'))).toBe('Enter a name.');
  // Person two's zone is asked, never copied in silence.
  const same = within(group('Person two')).getByRole('radio', { name: /^Same as person one/ });
  expect(description(same)).toBe('Say whether person two is in the same time zone.');
  expect(screen.getByRole('alert').textContent).toBe('Please check the 5 answers marked below.');
  // The keyboard lands on the first answer to fix.
  expect(document.activeElement).toBe(name);
});

test('the two people need different email addresses, whatever their case or spaces', async () => {
  mount();
  await fillWho();
  type('Email', '  ADA@example.com ', group('Person two'));
  next();
  expect(heading().textContent).toBe('The two of you');
  const second = within(group('Person two')).getByLabelText('Email');
  expect(second.getAttribute('aria-invalid')).toBe('true');
  expect(description(second)).toContain('The two of you need different email addresses.');
  expect(within(group('Person one')).getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
  expect(screen.getByRole('alert').textContent).toBe('Please check the answer marked below.');
  type('Email', 'grace@example.com', group('Person two'));
  next();
  expect(heading().textContent).toBe('Choose a time');
});

test('a name with quotes or too long, and an address that is not one, each get their own message', () => {
  mount();
  const one = group('Person one');
  type('Name', 'Ada "the Countess"', one);
  type('Email', 'not-an-email', one);
  type('Name', 'G'.repeat(101), group('Person two'));
  next();
  expect(description(within(one).getByLabelText('Name'))).toBe('Leave out quotation marks, line breaks and other special characters.');
  expect(description(within(one).getByLabelText('Email'))).toBe('Enter a valid email address.');
  expect(description(within(group('Person two')).getByLabelText('Name'))).toBe('Use at most 100 characters.');
});

test('person one starts in the browser\'s zone, named in words; person two chooses "same" or a zone of their own', async () => {
  mount();
  const one = group('Person one');
  // jsdom's zone is the machine's (TZ=America/Sao_Paulo in the test script).
  await within(one).findByText(/^Sao Paulo \(/);
  const two = group('Person two');
  fireEvent.click(within(two).getByRole('radio', { name: 'Same as person one (Sao Paulo)' }));
  await chooseZone(one, 'Chicago');
  expect(within(two).getByRole('radio', { name: 'Same as person one (Chicago)' })).toBeTruthy();
  fireEvent.click(within(two).getByRole('radio', { name: 'Another time zone' }));
  // The search opens by itself, without pulling the keyboard away from the choice just made.
  const search = await within(two).findByRole('combobox');
  expect(document.activeElement).not.toBe(search);
  type('Name', 'Ada', one);
  type('Email', 'ada@example.com', one);
  type('Name', 'Grace', two);
  type('Email', 'grace@example.com', two);
  next();
  expect(description(within(two).getByRole('combobox'))).toContain('Choose a time zone.');
  await chooseZone(two, 'Tokyo');
  expect(within(two).getByText(/^Tokyo \(/)).toBeTruthy();
  next();
  expect(heading().textContent).toBe('Choose a time');
});

test('"Other" asks how the two work together; roles are optional and named after each person', async () => {
  await toPartnership();
  next();
  const context = screen.getByLabelText('What is happening in your partnership now?');
  expect(description(context)).toContain('Tell us briefly what is happening now.');
  const radio = screen.getByRole('radio', { name: 'Co-founders' });
  expect(description(radio)).toBe('Choose how you work together.');
  expect(document.activeElement).toBe(radio);
  expect(screen.getByLabelText('Grace’s role (optional)').getAttribute('aria-invalid')).toBeNull();
  fireEvent.click(screen.getByRole('radio', { name: 'Other' }));
  type('What is happening in your partnership now?', 'Tension since the merger.');
  next();
  const other = screen.getByLabelText('Say how you work together');
  expect(description(other)).toBe('Say how you work together.');
  type('Say how you work together', 'Board chair and executive director');
  next();
  expect(heading().textContent).toBe('Focus');
});

test('focus needs at least one area, and every agreement must be ticked', async () => {
  await toPartnership();
  fillPartnership();
  next();
  next();
  const trust = screen.getByRole('checkbox', { name: 'Building or repairing trust' });
  expect(description(trust)).toBe('Choose at least one focus area.');
  fillFocus();
  next();
  next();
  expect(heading().textContent).toBe('Agreements');
  const boxes = screen.getAllByRole('checkbox');
  fireEvent.click(boxes[0]);
  next();
  expect(heading().textContent).toBe('Agreements');
  expect(boxes.slice(1).map((b) => description(b))).toEqual(Array(3).fill('This must be ticked to book.'));
  expect(screen.getByRole('alert').textContent).toBe('Please check the 3 answers marked below.');
});

test('a sponsor, once said yes to, needs a name and who they are; "dad@" is not an address; the seed\'s note is shown', async () => {
  await toPartnership();
  fillPartnership();
  next();
  fillFocus();
  next();
  expect(screen.getByText(/our coaching clients are responsible for their own action or inaction/)).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: 'Yes' }));
  type("Sponsor's email (optional)", 'dad@');
  next();
  expect(description(screen.getByLabelText("Sponsor's name or role"))).toBe("Enter the sponsor's name or role.");
  expect(description(screen.getByRole('radio', { name: 'A supervisor' }))).toBe('Choose who the sponsor is.');
  expect(description(screen.getByLabelText("Sponsor's email (optional)"))).toBe(
    'Only your two coaches see it. Nothing is sent to your sponsor. Enter a valid email address.',
  );
  fireEvent.click(screen.getByRole('radio', { name: 'No' }));
  next();
  expect(heading().textContent).toBe('Agreements');
});

test('the "please check" summary stays while any marked answer is left, and goes once all are fixed', async () => {
  await toPartnership();
  next();
  fireEvent.click(screen.getByRole('radio', { name: 'Co-founders' }));
  expect(screen.getByRole('alert').textContent).toBe('Please check the 2 answers marked below.');
  type('What is happening in your partnership now?', 'Tension since the merger.');
  expect(screen.getByRole('alert').textContent).toBe('');
  expect(heading().textContent).toBe('Your partnership');
});
