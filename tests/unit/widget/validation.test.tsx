// @vitest-environment jsdom
// Each step checks its answers with the shared schema and says what is wrong next to the field, out loud.
import { fireEvent, screen, within } from '@testing-library/preact';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { cleanup, fillPeople, fillYouTwo, group, heading, mount, next, server, type } from '../../support/widgetHarness.tsx';

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => { cleanup(); server.resetHandlers(); sessionStorage.clear(); });
afterAll(() => server.close());

/** The text a screen reader reads after a control's name: its aria-describedby targets. */
const description = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent).join(' ');

test('an empty first step stays put, marks each missing answer next to its field and announces it', () => {
  mount();
  next();
  expect(heading().textContent).toBe('You two');
  const context = screen.getByLabelText('What is happening in your partnership now?');
  expect(context.getAttribute('aria-invalid')).toBe('true');
  expect(description(context)).toContain('Tell us briefly what is happening now.');
  const radio = screen.getByRole('radio', { name: 'Co-founders' });
  expect(radio.getAttribute('aria-invalid')).toBe('true');
  expect(description(radio)).toBe('Choose how you work together.');
  expect(screen.getByRole('alert').textContent).toBe('Please check the 2 answers marked below.');
  // The keyboard lands on the first answer to fix.
  expect(document.activeElement).toBe(radio);
  expect(screen.getByLabelText('Organization (optional)').getAttribute('aria-invalid')).toBeNull();
});

test('fixing a field clears its message, and "Other" asks how the two work together', () => {
  mount();
  next();
  type('What is happening in your partnership now?', 'Tension since the merger.');
  expect(screen.queryByText('Tell us briefly what is happening now.')).toBeNull();
  fireEvent.click(screen.getByRole('radio', { name: 'Other' }));
  next();
  const other = screen.getByLabelText('Say how you work together');
  expect(description(other)).toBe('Say how you work together.');
  expect(document.activeElement).toBe(other);
  type('Say how you work together', 'Board chair and executive director');
  next();
  expect(heading().textContent).toBe('Person one and person two');
});

test('the two people need different email addresses, whatever their case or spaces', () => {
  mount();
  fillYouTwo(); next();
  fillPeople();
  type('Email', '  ADA@example.com ', group('Person two'));
  next();
  expect(heading().textContent).toBe('Person one and person two');
  const second = within(group('Person two')).getByLabelText('Email');
  expect(second.getAttribute('aria-invalid')).toBe('true');
  expect(description(second)).toBe('The two of you need different email addresses.');
  expect(within(group('Person one')).getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
  expect(screen.getByRole('alert').textContent).toBe('Please check the answer marked below.');
  type('Email', 'grace@example.com', group('Person two'));
  next();
  expect(heading().textContent).toBe('Focus');
});

test('each person must give a name, a valid email and a known time zone', () => {
  mount();
  fillYouTwo(); next();
  const one = group('Person one');
  type('Email', 'not-an-email', one);
  type('Time zone', 'Mars/Olympus_Mons', one);
  next();
  expect(description(within(one).getByLabelText('Name'))).toBe('Enter a name.');
  expect(description(within(one).getByLabelText('Email'))).toBe('Enter a valid email address.');
  expect(description(within(one).getByLabelText('Time zone'))).toContain('Choose a time zone from the list.');
  expect(description(within(group('Person two')).getByLabelText('Name'))).toBe('Enter a name.');
});

test('person two takes person one\'s time zone until it is changed for them, and a typed zone is tidied', () => {
  mount();
  fillYouTwo(); next();
  const zoneOne = within(group('Person one')).getByLabelText('Time zone') as HTMLInputElement;
  const zoneTwo = within(group('Person two')).getByLabelText('Time zone') as HTMLInputElement;
  expect(zoneOne.value).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  expect(zoneOne.getAttribute('list')).toBeTruthy();
  type('Time zone', 'america/chicago', group('Person one'));
  fireEvent.blur(zoneOne);
  expect(zoneOne.value).toBe('America/Chicago');
  expect(zoneTwo.value).toBe('America/Chicago');
  type('Time zone', 'Asia/Tokyo', group('Person two'));
  type('Time zone', 'America/Denver', group('Person one'));
  expect(zoneTwo.value).toBe('Asia/Tokyo');
});

test('focus needs at least one area, and every agreement must be ticked', async () => {
  mount();
  fillYouTwo(); next();
  fillPeople(); next();
  next();
  const trust = screen.getByRole('checkbox', { name: 'Building or repairing trust' });
  expect(description(trust)).toBe('Choose at least one focus area.');
  fireEvent.click(trust);
  type('What do you hope will be different?', 'Fewer surprises.');
  next(); next();
  fireEvent.click(await screen.findByRole('radio', { name: '10:00 New York · 15:00 London' }));
  next();
  expect(heading().textContent).toBe('Agreements');
  const boxes = screen.getAllByRole('checkbox');
  fireEvent.click(boxes[0]);
  next();
  expect(heading().textContent).toBe('Agreements');
  expect(boxes.slice(1).map((b) => description(b))).toEqual(Array(3).fill('This must be ticked to book.'));
  expect(screen.getByRole('alert').textContent).toBe('Please check the 3 answers marked below.');
});

test('a sponsor, once said yes to, needs a name and who they are; the seed\'s note is shown', () => {
  mount();
  fillYouTwo(); next(); fillPeople(); next();
  fireEvent.click(screen.getByRole('checkbox', { name: 'Building a shared culture for your team' }));
  type('What do you hope will be different?', 'A shared culture.');
  next();
  expect(screen.getByText(/no detailed specifics/)).toBeTruthy();
  fireEvent.click(screen.getByRole('radio', { name: 'Yes' }));
  next();
  expect(description(screen.getByLabelText("Sponsor's name or role"))).toBe("Enter the sponsor's name or role.");
  expect(description(screen.getByRole('radio', { name: 'A supervisor' }))).toBe('Choose who the sponsor is.');
  // The duo should not fear that the coaches' intake reaches the sponsor.
  expect(description(screen.getByLabelText("Sponsor's email (optional)"))).toBe('Only your two coaches see it. Nothing is sent to your sponsor.');
  fireEvent.click(screen.getByRole('radio', { name: 'No' }));
  next();
  expect(heading().textContent).toBe('Time');
});

test('the "please check" summary stays while any marked answer is left, and goes once all are fixed', () => {
  mount();
  next();
  fireEvent.click(screen.getByRole('radio', { name: 'Co-founders' }));
  expect(screen.getByRole('alert').textContent).toBe('Please check the 2 answers marked below.');
  type('What is happening in your partnership now?', 'Tension since the merger.');
  expect(screen.getByRole('alert').textContent).toBe('');
  expect(heading().textContent).toBe('You two');
});
