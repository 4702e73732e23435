// The step shell: one form per step of the step table with a focusable heading, an announced message area and
// the first step's Next. The later steps' buttons (StepNav.tsx), the confirmation (Booked.tsx) and the refusal of
// this page (RefusedOrigin.tsx) come with the later code, which is always here before they show.
import { useRef } from 'preact/hooks';
import { later } from './laterSteps.ts';
import { useStore } from './store.ts';
import { useMoveFocus } from './moveFocus.ts';
import { REVIEW, STEPS } from './steps/stepTable.ts';

const Loading = () => <p role="status">Loading…</p>;

export function App() {
  const s = useStore();
  const root = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const index = Math.min(Math.max(s.step.value, 0), REVIEW);
  const step = STEPS[index];
  const loaded = later.value;
  const Body = index === 0 ? step.body(loaded!) : loaded ? step.body(loaded) : Loading;
  const review = index === REVIEW;
  useMoveFocus(s.focus.value, root, heading);

  // The store asks for the later code as soon as the server refuses this page (store.ts).
  const Refused = loaded?.Refused ?? Loading;
  if (s.refusedOrigin.value)
    return (
      <div class="duet" lang="en" ref={root}>
        <Refused email={s.config.value?.practice.email} />
      </div>
    );
  return (
    <div class="duet" lang="en" ref={root}>
      {s.booked.value ? (
        loaded && <loaded.Booked heading={heading} />
      ) : (
        <form
          class="step"
          noValidate
          aria-label="Book a discovery call"
          onSubmit={(e) => {
            e.preventDefault();
            review ? s.withLater((l) => void l.submitBooking(s)) : s.next();
          }}
        >
          <fieldset>
            <legend>
              <h2 tabIndex={-1} ref={heading}>
                {step.heading}
              </h2>
            </legend>
            <p class="progress">
              Step {index + 1} of {STEPS.length}
            </p>
            <div class="alert" role="alert">
              {s.alert.value}
            </div>
            <Body />
            {index === 0 && (
              // Bots fill every field; people never see this one, nor do screen readers or the Tab key.
              <div class="hp" aria-hidden="true">
                <label for={s.id('website')}>Leave this empty</label>
                <input
                  id={s.id('website')}
                  name="website"
                  tabIndex={-1}
                  autoComplete="off"
                  value={s.answers.value.honeypot}
                  onInput={(e) => s.set('honeypot', e.currentTarget.value)}
                />
              </div>
            )}
          </fieldset>
          {index === 0 && !s.returning.value ? (
            <div class="nav">
              <button type="submit" disabled={s.busy.value}>
                Next
              </button>
            </div>
          ) : (
            loaded && <loaded.StepNav />
          )}
        </form>
      )}
    </div>
  );
}
