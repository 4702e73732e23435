// The step shell: one form per step of the step table with a focusable heading, an announced message area,
// Back / Next, and the Book button with any refusal of the booking beside it.
import { useRef } from 'preact/hooks';
import { later } from './laterSteps.ts';
import { useStore } from './store.ts';
import { useMoveFocus } from './moveFocus.ts';
import { REVIEW, STEPS } from './steps/stepTable.ts';

const Loading = () => <p role="status">Loading…</p>;

/** This page's origin may not book (GET /api/config said so): say it before anyone types, with another way. */
function Refused({ email }: { email?: string }) {
  return (
    <section class="step" aria-labelledby="duet-refused">
      <h2 id="duet-refused">Booking is not open on this page</h2>
      <p>This page is not set up to book discovery calls yet, so nothing you enter here could be sent.</p>
      <p>
        {email ? (
          <>
            To book your call, please write to <a href={`mailto:${email}`}>{email}</a> and we will find a time with you.
          </>
        ) : (
          'To book your call, please get in touch with the practice directly.'
        )}
      </p>
    </section>
  );
}

export function App() {
  const s = useStore();
  const root = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const booked = !!s.booked.value;
  const index = Math.min(Math.max(s.step.value, 0), REVIEW);
  const step = STEPS[index];
  const loaded = later.value;
  const Body = index === 0 ? step.body(loaded!) : loaded ? step.body(loaded) : Loading;
  const Confirmation = loaded?.Confirmation ?? Loading;
  const review = index === REVIEW;
  const submitError = s.submitError.value;
  useMoveFocus(s.focus.value, root, heading);

  if (s.refusedOrigin.value)
    return (
      <div class="duet" lang="en" ref={root}>
        <Refused email={s.config.value?.practice.email} />
      </div>
    );
  const submitLabel = review
    ? s.busy.value
      ? 'Booking…'
      : 'Book the discovery call'
    : s.returning.value
      ? 'Return to the review'
      : 'Next';
  return (
    <div class="duet" lang="en" ref={root}>
      {booked ? (
        <section class="step" aria-labelledby={s.id('title')}>
          <h2 id={s.id('title')} tabIndex={-1} ref={heading}>
            Your discovery call is booked
          </h2>
          <Confirmation />
        </section>
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
          <div class="nav">
            {index > 0 && (
              <button type="button" class="secondary" onClick={s.back}>
                Back
              </button>
            )}
            <button type="submit" disabled={s.busy.value} aria-describedby={submitError ? s.id('submit-error') : undefined}>
              {submitLabel}
            </button>
          </div>
          {submitError && (
            <p id={s.id('submit-error')} class="error submit-error" role="alert">
              {submitError}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
