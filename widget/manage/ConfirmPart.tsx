// Person two's confirm view: the call, the four agreements to tick themselves, and two optional private questions.
import { AGREEMENTS } from '../../core/intake.ts';
import { PARTNER_QUESTIONS } from '../../core/confirm.ts';
import type { ManagedBooking } from '../../core/api.ts';
import { AGREEMENT_LABELS, noticeAgreement } from '../../core/texts.ts';
import type { ManageStore } from './manageStore.ts';

/** `until` writes an instant in the reader's own zone. */
export function ConfirmPart({
  m,
  b,
  when,
  until,
}: {
  m: ManageStore;
  b: ManagedBooking;
  when: preact.ComponentChildren;
  until: (iso: string) => string;
}) {
  const one = b.people[0]?.name ?? 'Your partner';
  const c = m.confirm;
  const label = (k: (typeof AGREEMENTS)[number]) => (k === 'notice' ? noticeAgreement(b.call.cancelNoticeHours) : AGREEMENT_LABELS[k]);
  return (
    <>
      <p>{one} booked this call for both of you. Please confirm your own part.</p>
      {when}
      {b.booking.hold && (
        <p class="hold">
          The time is held for you both until you confirm, at the latest by {until(b.booking.hold.until)}; after that it is released.
        </p>
      )}
      <fieldset class="field">
        <legend>Our agreements, ticked by you</legend>
        {AGREEMENTS.map((k) => {
          const id = m.picker.choice.id(`agree-${k}`);
          const missing = c.tried.value && !c.ticked.value[k];
          return (
            <div class="check" key={k}>
              <input
                type="checkbox"
                id={id}
                checked={c.ticked.value[k]}
                aria-invalid={missing ? 'true' : undefined}
                onChange={(e) => {
                  c.ticked.value = { ...c.ticked.value, [k]: e.currentTarget.checked };
                }}
              />
              <label for={id}>{label(k)}</label>
            </div>
          );
        })}
      </fieldset>
      {(['now', 'hopes'] as const).map((k) => {
        const id = m.picker.choice.id(`view-${k}`);
        return (
          <div class="field" key={k}>
            <label for={id}>
              {PARTNER_QUESTIONS[k]}
              <span class="optional"> (optional)</span>
            </label>
            <p id={`${id}-hint`} class="hint">
              Only the two coaches will read it; {one} will not.
            </p>
            <textarea
              id={id}
              rows={3}
              maxLength={4000}
              aria-describedby={`${id}-hint`}
              value={c.view.value[k]}
              onInput={(e) => {
                c.view.value = { ...c.view.value, [k]: e.currentTarget.value };
              }}
            />
          </div>
        );
      })}
    </>
  );
}
