// Errors, the widget's own checks' or the server's, shown where they belong: on the step that holds the first of
// them, announced above it with the keyboard on the first; those of no step's field beside the Book button.
import { batch } from '@preact/signals';
import type { Store } from '../store.ts';
import { stepOf } from './stepFields.ts';
import { REVIEW, type Errors } from './stepTable.ts';

export function showErrors(s: Store, found: Errors) {
  const fields = Object.keys(found);
  const target = Math.min(...fields.map(stepOf));
  const here = fields.filter((f) => stepOf(f) === target);
  batch(() => {
    // Errors on the step being changed from the review keep the way back to it; elsewhere, the review is far off.
    if (target !== s.step.value) s.returning.value = false;
    s.step.value = target;
    s.errors.value = found;
    if (target === REVIEW) {
      s.alert.value = '';
      s.submitError.value = here.map((f) => found[f]).join(' ');
      s.focus.value = { to: 'submit' };
      return;
    }
    s.alert.value = here.length === 1 ? 'Please check the answer marked below.' : `Please check the ${here.length} answers marked below.`;
    s.focus.value = { to: 'error' };
  });
}
