// The buttons under a step once the later code is here: Back, and Next, "Return to the review" or "Book the discovery
// call", with any refusal of the booking beside it (App.tsx draws the first step's own Next before then).
import { useStore } from './store.ts';
import { REVIEW } from './steps/stepTable.ts';

export function StepNav() {
  const s = useStore();
  const index = s.step.value;
  const submitError = s.submitError.value;
  const label =
    index === REVIEW ? (s.busy.value ? 'Booking…' : 'Book the discovery call') : s.returning.value ? 'Return to the review' : 'Next';
  return (
    <>
      <div class="nav">
        {index > 0 && (
          <button type="button" class="secondary" onClick={s.back}>
            Back
          </button>
        )}
        <button type="submit" disabled={s.busy.value} aria-describedby={submitError ? s.id('submit-error') : undefined}>
          {label}
        </button>
      </div>
      {submitError && (
        <p id={s.id('submit-error')} class="error submit-error" role="alert">
          {submitError}
        </p>
      )}
    </>
  );
}
