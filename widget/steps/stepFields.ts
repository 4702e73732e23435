// Which step holds a field, and the server's or a check's issues as the form's errors (`intake.people.1.email` →
// `people.1.email`, on the step that holds it). Only the later steps check answers: this is in the later chunk.
import type { FieldIssue } from '../../core/issues.ts';
import { REVIEW, STEPS, type Errors } from './stepTable.ts';

const matches = (pattern: string, field: string): boolean => {
  const p = pattern.split('.');
  const f = field.split('.');
  return p.length <= f.length && p.every((part, i) => part === '*' || part === f[i]);
};

/**
 * The step that holds a field: the one with the most specific pattern for it (`people.*.role` over `people`);
 * what no step holds (`meta`, the request as a whole) belongs to the review.
 */
export function stepOf(field: string): number {
  let best = REVIEW;
  let depth = 0;
  STEPS.forEach((s, i) => {
    for (const p of s.fields) {
      const d = p.split('.').length;
      if (d > depth && matches(p, field)) [best, depth] = [i, d];
    }
  });
  return best;
}

/** Server or client issue path → the field name used in the form (`intake.people.1.email` → `people.1.email`). */
export function fieldOf(path: string): string {
  const key = path.replace(/^intake\.?/, '');
  return key.startsWith('slot') ? 'slot' : key;
}

/** First message per field. */
export function toErrors(issues: readonly FieldIssue[]): Errors {
  const errors: Errors = {};
  for (const { path, message } of issues) errors[fieldOf(path)] ??= message;
  return errors;
}
