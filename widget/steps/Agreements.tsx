// Step 6: the commitments both people make, each ticked.
import type { JSX } from 'preact';
import { getIn } from '../answers.ts';
import { useField } from '../fields.tsx';
import { useTexts } from './texts.ts';

export function Agreements(): JSX.Element {
  const t = useTexts();
  return (
    <>
      <p class="intro">2:2 coaching is most successful when both of you commit to it. Please tick each one.</p>
      {t.agreements.map((a) => (
        <Check key={a.value} name={`agreements.${a.value}`} label={a.label} />
      ))}
    </>
  );
}

/** A single checkbox bound to a boolean answer. */
export function Check({ name, label }: { name: string; label: string }) {
  const { s, id, aria, message } = useField(name);
  return (
    <div class="field">
      <label class="choice">
        <input
          type="checkbox"
          id={id}
          checked={getIn(s.answers.value, name) === true}
          aria-required="true"
          {...aria}
          onChange={(e) => s.set(name, (e.currentTarget as HTMLInputElement).checked)}
        />
        <span>{label}</span>
      </label>
      {message}
    </div>
  );
}
