// Labelled controls bound to an answer path; each shows its error beside it and points to it with aria-describedby.
import type { ComponentChildren } from 'preact';
import { getIn } from './answers.ts';
import { useStore } from './store.ts';

/** "enter a name" → "Enter a name." */
export const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');

/** The error of a field, and the attributes its control needs to expose it. */
export function useField(name: string, hint?: boolean) {
  const s = useStore();
  const id = s.id(name);
  const error = s.errors.value[name];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return {
    s,
    id,
    error,
    aria: { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy },
    message: error ? (
      <p id={`${id}-error`} class="error">
        {sentence(error)}
      </p>
    ) : null,
  };
}

interface TextProps {
  name: string;
  label: string;
  optional?: boolean;
  hint?: string;
  type?: 'text' | 'email';
  multiline?: boolean;
  autoComplete?: string;
  list?: string;
  onBlur?: (value: string) => void;
}

export function TextField({ name, label, optional, hint, type = 'text', multiline, autoComplete, list, onBlur }: TextProps) {
  const { s, id, aria, message } = useField(name, !!hint);
  const common = {
    id,
    name: id,
    ...aria,
    value: String(getIn(s.answers.value, name) ?? ''),
    'aria-required': optional ? undefined : ('true' as const),
    onInput: (e: Event) => s.set(name, (e.currentTarget as HTMLInputElement).value),
    onBlur: onBlur && ((e: Event) => onBlur((e.currentTarget as HTMLInputElement).value)),
  };
  return (
    <div class="field">
      <label for={id}>
        {label}
        {optional && <span class="optional"> (optional)</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...common} rows={4} maxLength={4000} />
      ) : (
        <input {...common} type={type} autoComplete={autoComplete} list={list} spellcheck={type === 'email' ? false : undefined} />
      )}
      {message}
    </div>
  );
}

interface ChoiceProps {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  multiple?: boolean;
  children?: ComponentChildren;
}

/** Radio buttons (one answer) or checkboxes (several) in their own labelled group. */
export function Choices({ name, legend, options, multiple, children }: ChoiceProps) {
  const { s, id, aria, message } = useField(name);
  const value = getIn(s.answers.value, name);
  const picked = (v: string) => (multiple ? (value as string[]).includes(v) : value === v);
  const toggle = (v: string) =>
    s.set(name, multiple ? (picked(v) ? (value as string[]).filter((x) => x !== v) : [...(value as string[]), v]) : v);
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label class="choice" key={o.value}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={id}
            value={o.value}
            checked={picked(o.value)}
            {...aria}
            onChange={() => toggle(o.value)}
          />
          <span>{o.label}</span>
        </label>
      ))}
      {message}
      {children}
    </fieldset>
  );
}
