// Step 1: the two of them — names, emails and time zones — before anything else, so the times come next in
// both clocks. Kept small: it travels with the embed; the zone search loads only when someone opens it.
import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Choices, TextField, useField } from '../fields.tsx';
import { useStore } from '../store.ts';
import { city } from '../zones/zoneName.ts';
import { ZoneField } from '../zones/ZoneField.tsx';

function Zone({ index, startOpen }: { index: 0 | 1; startOpen?: boolean }): JSX.Element {
  const s = useStore();
  const name = `people.${index}.timeZone`;
  const { id, aria, message, error } = useField(name);
  const [one, two] = s.answers.value.people;
  const zone = index ? two.timeZone : one.timeZone;
  return (
    <ZoneField
      id={id}
      label="Time zone"
      zone={zone}
      other={index ? one.timeZone : two.timeZone || undefined}
      onChange={(z) => s.set(name, z)}
      error={message}
      invalid={!!error}
      describedBy={aria['aria-describedby']}
      startOpen={startOpen && !zone}
    />
  );
}

function ZoneTwo(): JSX.Element {
  const s = useStore();
  const one = s.answers.value.people[0].timeZone;
  const chosen = s.answers.value.zoneTwo;
  // Choosing "another time zone" opens the search at once; a reload that comes back to it does not.
  const before = useRef(chosen);
  const justChosen = before.current !== 'other' && chosen === 'other';
  useEffect(() => {
    before.current = chosen;
  });
  const choices = [
    { value: 'same', label: one ? `Same as person one (${city(one)})` : 'Same as person one' },
    { value: 'other', label: 'Another time zone' },
  ];
  return (
    <Choices name="zoneTwo" legend="Person two’s time zone" options={choices}>
      {chosen === 'other' && <Zone index={1} startOpen={justChosen} />}
    </Choices>
  );
}

export function Who(): JSX.Element {
  const s = useStore();
  const c = s.config.value;
  return (
    <>
      {/* In the practice's own voice ("our coaches"), the same words before and after GET /api/config answers: the
          line must not re-wrap and move the form once the page is on screen. */}
      <p class="intro">
        A free discovery call of {c?.call.minutes ?? 45} minutes with two of our coaches, to learn about the two of you and your goals.
        First, who you are and where you are: the times come next, in both your time zones.
      </p>
      {c?.practice.explainerUrl && (
        <p class="hint">
          Would you rather read about 2:2 coaching first, or share it offline?{' '}
          <a href={c.practice.explainerUrl} target="_blank" rel="noopener">
            Download our 2:2 Coaching Explainer
          </a>
          .
        </p>
      )}
      <fieldset class="person">
        <legend>Person one</legend>
        <TextField name="people.0.name" label="Name" autoComplete="name" />
        <TextField name="people.0.email" label="Email" type="email" autoComplete="email" />
        <Zone index={0} />
      </fieldset>
      <fieldset class="person">
        <legend>Person two</legend>
        <TextField name="people.1.name" label="Name" autoComplete="off" />
        <TextField
          name="people.1.email"
          label="Email"
          type="email"
          autoComplete="off"
          hint="The invitation goes to both of you, so each of you needs your own address."
        />
        <ZoneTwo />
      </fieldset>
    </>
  );
}
