// Manage mode: the booked call in both people's zones, then "Reschedule" (the Time step again) or "Cancel".
import { useRef } from 'preact/hooks';
import type { ManagedBooking } from '../../core/api.ts';
import { SlotPicker } from '../slots/SlotPicker.tsx';
import { formatsFor, type TimeFormats } from '../slots/timeFormat.ts';
import { city } from '../zones/zoneName.ts';
import type { ManageStore } from './manageStore.ts';
import { useMoveFocus } from '../moveFocus.ts';
import { ConfirmPart } from './ConfirmPart.tsx';

const formatsOf = (m: ManageStore) => formatsFor(m.picker.choice.locale, m.picker.choice.hour12.value);

/** The zone of the person whose link this is: their times come first. */
const yourZone = (b: ManagedBooking) => (b.people[b.you] ?? b.people[0])?.timeZone ?? 'UTC';

const deadline = (f: TimeFormats, iso: string, zone: string) => `${f.dayLabel(iso, zone)} at ${f.clock(iso, zone)} ${city(zone)} time`;

function When({ b, f }: { b: ManagedBooking; f: TimeFormats }) {
  // The reader's own line first.
  const [one, two] = b.you === 1 && b.people.length === 2 ? [b.people[1], b.people[0]] : b.people;
  const whenLabel = f.whenLabel;
  if (!one) return <p class="when">{whenLabel(b.booking, 'UTC')}</p>;
  // One line per zone: a pair in the same zone reads one time.
  const rows =
    !two || two.timeZone === one.timeZone
      ? [[two ? `${one.name} and ${two.name}` : one.name, one.timeZone]]
      : [
          [one.name, one.timeZone],
          [two.name, two.timeZone],
        ];
  return (
    <ul class="when">
      {rows.map(([name, zone]) => (
        <li key={name}>
          <strong>{name}:</strong> {whenLabel(b.booking, zone)}
        </li>
      ))}
    </ul>
  );
}

const Write = ({ b }: { b: ManagedBooking }) => <a href={`mailto:${b.practice.email}`}>{b.practice.email}</a>;

function Overview({ m, b }: { m: ManageStore; b: ManagedBooking }) {
  const zone = yourZone(b);
  const f = formatsOf(m);
  const cancelled = b.booking.status === 'cancelled';
  const two = b.people[1];
  const yours = b.you === 1;
  return (
    <>
      {b.booking.released && (
        <p>
          {yours ? 'Your part was' : `${two?.name ?? 'Your partner'}’s part was`} not confirmed in time, so the time we held for you both
          has been released and is free again.
        </p>
      )}
      {cancelled && <p>It was planned for:</p>}
      <When b={b} f={f} />
      {!cancelled && two && (
        <p class="confirmation">
          {yours
            ? two.confirmed
              ? 'You have confirmed your part.'
              : 'You have not confirmed your part yet.'
            : two.confirmed
              ? `${two.name} has confirmed their part.`
              : `${two.name} has not confirmed their part yet.`}
        </p>
      )}
      {!cancelled && b.booking.hold && (
        <p class="hold">
          The time is held for you both until {yours ? 'you confirm' : `${two?.name ?? 'your partner'} confirms`} their part. If that has
          not happened by {deadline(f, b.booking.hold.until, zone)}, the time is released.
        </p>
      )}
      {cancelled ? (
        <p>
          To find another time,{' '}
          {b.practice.website ? (
            <>
              <a href={b.practice.website}>book again on our website</a>
            </>
          ) : (
            'book again on our website'
          )}{' '}
          or write to <Write b={b} />.
        </p>
      ) : b.canChange ? (
        <>
          <p>
            You can move or cancel the call until {deadline(f, b.changeUntil, zone)} ({b.call.cancelNoticeHours} hours before it starts).
          </p>
          <p class="actions">
            {b.you === 1 && b.people[1]?.confirmed === false && (
              <button type="button" onClick={m.startConfirm}>
                Confirm your part
              </button>
            )}
            <button type="button" onClick={m.startReschedule}>
              Reschedule
            </button>
            <button type="button" class="secondary" onClick={m.startCancel}>
              Cancel the call
            </button>
          </p>
        </>
      ) : (
        <p class="late">
          The call starts in less than {b.call.cancelNoticeHours} hours, so it can no longer be moved or cancelled here. If something urgent
          has come up, please write to <Write b={b} /> and we will work it out with you.
        </p>
      )}
    </>
  );
}

function Reschedule({ m, b }: { m: ManageStore; b: ManagedBooking }) {
  const zone = yourZone(b);
  return (
    <>
      <p>
        The call is now on {formatsOf(m).whenLabel(b.booking, zone)}. Choose a new time: the call keeps the same invitation, and both of you
        and both coaches receive the update.
      </p>
      <SlotPicker choice={m.picker.choice} />
    </>
  );
}

function Cancel({ m, b }: { m: ManageStore; b: ManagedBooking }) {
  const zone = yourZone(b);
  const id = m.picker.choice.id('reason');
  return (
    <>
      <p>The call on {formatsOf(m).whenLabel(b.booking, zone)} will be cancelled for both of you and both coaches.</p>
      <div class="field">
        <label for={id}>
          Reason<span class="optional"> (optional)</span>
        </label>
        <p id={`${id}-hint`} class="hint">
          Only the two coaches will read it.
        </p>
        <textarea
          id={id}
          rows={3}
          maxLength={2000}
          aria-describedby={`${id}-hint`}
          value={m.reason.value}
          onInput={(e) => {
            m.reason.value = e.currentTarget.value;
          }}
        />
      </div>
    </>
  );
}

const TITLES = {
  loading: 'Your discovery call',
  unreachable: 'Your discovery call',
  not_found: 'This link does not open a booking',
  overview: 'Your discovery call',
  reschedule: 'Choose a new time',
  cancel: 'Cancel the call',
  confirm: 'Confirm your part',
} as const;

export function ManageApp({ m }: { m: ManageStore }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const view = m.view.value;
  const b = m.booking.value;
  const moved = m.focus.value;
  useMoveFocus(moved, root, heading);

  const title =
    view === 'overview' && b?.booking.released
      ? 'The time was released'
      : view === 'overview' && b?.booking.status === 'cancelled'
        ? 'Your discovery call is cancelled'
        : TITLES[view];
  const form = (view === 'reschedule' || view === 'cancel' || view === 'confirm') && b;
  const body =
    view === 'loading' ? (
      <p role="status">Loading your booking…</p>
    ) : view === 'unreachable' ? (
      <p role="status">
        We could not load your booking.{' '}
        <button type="button" class="link" onClick={m.reload}>
          Try again
        </button>
      </p>
    ) : view === 'not_found' || !b ? (
      <p>The link may be incomplete or mistyped. Please open it again from your invitation email.</p>
    ) : view === 'reschedule' ? (
      <Reschedule m={m} b={b} />
    ) : view === 'cancel' ? (
      <Cancel m={m} b={b} />
    ) : view === 'confirm' ? (
      <ConfirmPart m={m} b={b} when={<When b={b} f={formatsOf(m)} />} until={(iso) => deadline(formatsOf(m), iso, yourZone(b))} />
    ) : (
      <Overview m={m} b={b} />
    );
  const head = (
    <>
      <h2 tabIndex={-1} ref={heading}>
        {title}
      </h2>
      {b && (
        <p class="progress">
          {b.call.title} with {b.practice.name} · {b.call.minutes} minutes
        </p>
      )}
      <p class="done" role="status">
        {m.done.value}
      </p>
      {!form && (
        <div class="alert" role="alert">
          {m.alert.value}
        </div>
      )}
    </>
  );
  const alertId = m.picker.choice.id('alert');
  return (
    <div class="duet manage" lang="en" ref={root}>
      {form ? (
        <form
          class="step"
          noValidate
          aria-label={title}
          onSubmit={(e) => {
            e.preventDefault();
            if (view === 'reschedule') m.reschedule();
            else if (view === 'confirm') m.confirmPart();
            else m.cancel();
          }}
        >
          {head}
          {body}
          {view === 'confirm' ? (
            <div class="nav">
              <button type="button" class="secondary" onClick={m.back}>
                Not now
              </button>
              <button type="submit" disabled={m.busy.value} aria-describedby={m.alert.value ? alertId : undefined}>
                {m.busy.value ? 'Confirming…' : 'Confirm my part'}
              </button>
            </div>
          ) : (
            <div class="nav">
              <button type="button" class="secondary" onClick={m.back}>
                {view === 'cancel' ? 'Keep the call' : 'Back'}
              </button>
              <button type="submit" disabled={m.busy.value} aria-describedby={m.alert.value ? alertId : undefined}>
                {view === 'reschedule' ? (m.busy.value ? 'Moving…' : 'Move the call') : m.busy.value ? 'Cancelling…' : 'Cancel the call'}
              </button>
            </div>
          )}
          {/* A refusal of the request sits beside the button that sent it. */}
          <p id={alertId} class="error submit-error" role="alert">
            {m.alert.value}
          </p>
        </form>
      ) : (
        <section class="step">
          {head}
          {body}
        </section>
      )}
    </div>
  );
}
