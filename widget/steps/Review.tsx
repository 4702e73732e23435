// Step 7: everything the two have said, step by step as the step table orders them, each with "Change".
import type { JSX } from 'preact';
import { later } from '../laterSteps.ts';
import { useStore } from '../store.ts';
import { STEPS } from './stepTable.ts';

export function Review(): JSX.Element {
  const s = useStore();
  const l = later.value!;
  return (
    <>
      <p class="intro">Please check your answers. They go to your two coaches only.</p>
      {STEPS.map((step, i) => {
        if (!step.summary) return null;
        const Summary = step.summary(l);
        return (
          <section class="summary" key={step.id}>
            <h3>{step.heading}</h3>
            <dl>
              <Summary />
            </dl>
            <button type="button" class="link" onClick={() => s.change(i)} aria-label={`Change: ${step.heading}`}>
              Change
            </button>
          </section>
        );
      })}
    </>
  );
}
