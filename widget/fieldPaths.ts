// Field paths and the step each belongs to: what the store needs on the first step, without the schemas (valibot loads later).
import type { FieldIssue } from '../core/issues.ts';

export type Errors = Record<string, string>;

// The step that holds each top-level part of the request, in step order (review is 6).
const SECTIONS = ['partnership', 'people', 'focus', 'sponsor', 'slot', 'agreements'];
export const REVIEW_STEP = 6;

/** Server or client issue path → the field name used in the form (`intake.people.1.email` → `people.1.email`). */
export function fieldOf(path: string): string {
  const key = path.replace(/^intake\.?/, '');
  return key.startsWith('slot') ? 'slot' : key;
}

export const stepOf = (field: string): number => {
  const i = SECTIONS.indexOf(field.split('.')[0]);
  return i < 0 ? REVIEW_STEP : i;
};

/** First message per field. */
export function toErrors(issues: readonly FieldIssue[]): Errors {
  const errors: Errors = {};
  for (const { path, message } of issues) errors[fieldOf(path)] ??= message;
  return errors;
}
