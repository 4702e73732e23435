// The step shell: one form per step with a focusable heading, an announced message area, and Back / Next.
import { useRef } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { later, type Later } from './laterSteps.ts';
import { YouTwo } from './steps/YouTwo.tsx';
import { REVIEW_STEP, useStore } from './store.ts';
import { useMoveFocus } from './moveFocus.ts';

// The first step is linked in; the others come from the later chunk (see laterSteps.ts), which is usually here before "Next".
const STEPS: readonly (readonly [string, (l: Later) => ComponentType])[] = [
  ['You two', () => YouTwo],
  ['Person one and person two', (l) => l.People],
  ['Focus', (l) => l.Focus],
  ['Sponsor (optional)', (l) => l.Sponsor],
  ['Time', (l) => l.Time],
  ['Agreements', (l) => l.Agreements],
  ['Review and confirm', (l) => l.Review],
];

const Loading = () => <p role="status">Loading…</p>;

export function App() {
  const s = useStore();
  const root = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const booked = !!s.booked.value;
  const step = Math.min(Math.max(s.step.value, 0), REVIEW_STEP);
  const loaded = later.value;
  const [title, pick] = STEPS[step];
  const Body = step === 0 ? YouTwo : loaded ? pick(loaded) : Loading;
  const Confirmation = loaded?.Confirmation ?? Loading;
  const moved = s.focus.value;

  useMoveFocus(moved, root, heading);

  return (
    <div class="duet" lang="en" ref={root}>
      {booked ? (
        <section class="step" aria-labelledby={s.id('title')}>
          <h2 id={s.id('title')} tabIndex={-1} ref={heading}>Your discovery call is booked</h2>
          <Confirmation />
        </section>
      ) : (
        <form class="step" noValidate
          onSubmit={(e) => { e.preventDefault(); step === REVIEW_STEP ? s.submit() : s.next(); }}>
          <fieldset>
            <legend><h2 tabIndex={-1} ref={heading}>{title}</h2></legend>
            <p class="progress">Step {step + 1} of {STEPS.length}</p>
            <div class="alert" role="alert">{s.alert.value}</div>
            <Body />
            {step === 0 && (
              // Bots fill every field; people never see this one, nor do screen readers or the Tab key.
              <div class="hp" aria-hidden="true">
                <label for={s.id('website')}>Leave this empty</label>
                <input id={s.id('website')} name="website" tabIndex={-1} autoComplete="off" value={s.answers.value.honeypot}
                  onInput={(e) => s.set('honeypot', e.currentTarget.value)} />
              </div>
            )}
          </fieldset>
          <div class="nav">
            {step > 0 && <button type="button" class="secondary" onClick={s.back}>Back</button>}
            <button type="submit" disabled={s.busy.value}>
              {step === REVIEW_STEP ? (s.busy.value ? 'Booking…' : 'Book the discovery call') : 'Next'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
