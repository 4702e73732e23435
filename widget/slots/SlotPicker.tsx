// The Time step's body, for the booking and the manage page alike (it sees only a SlotChoice): the two clocks,
// a week of days, and the chosen day's times right below them, with a night note once per run of night times.
import { useRef, useState } from 'preact/hooks';
import { useSheet } from '../styles/useSheet.ts';
import css from './slotPicker.css?inline';
import { byDay, formatsFor } from './timeFormat.ts';
import { sentence } from '../fields.tsx';
import { nightGroups, nightNote } from './nightGroups.ts';
import type { SlotChoice } from './slotChoice.ts';
import { WeekStrip } from './WeekStrip.tsx';
import { ZonesBar } from './ZonesBar.tsx';

export function SlotPicker({ choice }: { choice: SlotChoice }) {
  const root = useRef<HTMLDivElement>(null);
  useSheet(root, css);
  return (
    <div class="slot-picker" ref={root}>
      <Times choice={choice} />
    </div>
  );
}

function Times({ choice }: { choice: SlotChoice }) {
  const { status, slots } = choice.slots.value;
  const f = formatsFor(choice.locale, choice.hour12.value);
  const [one, two] = choice.people.value;
  const email = choice.practiceEmail.value;
  const minutes = choice.minutes.value;
  const error = choice.error.value;
  const chosen = choice.chosen.value;
  const [picked, pick] = useState<string | null>(null);

  if (status === 'loading') return <p role="status">Loading the open times…</p>;
  if (status === 'error') {
    return (
      <p role="alert">
        We could not load the open times. Check your connection, then{' '}
        <button type="button" class="link" onClick={choice.reload}>
          try again
        </button>
        .
      </p>
    );
  }
  if (!slots.length) {
    return (
      <p role="status">
        There are no open times in the coming weeks.{' '}
        {email ? (
          <>
            Please write to <a href={`mailto:${email}`}>{email}</a> and we will find a time with you.
          </>
        ) : (
          'Please get in touch with the practice and we will find a time with you.'
        )}
      </p>
    );
  }
  const days = byDay(slots, one.timeZone, f);
  const day = days.find((d) => d.key === picked) ?? days.find((d) => d.slots.some((slot) => slot.start === chosen)) ?? days[0];
  const errorId = choice.id('slot-error');
  const groups = nightGroups(day.slots, [one.timeZone, two.timeZone], f);
  return (
    <>
      <p class="intro">{minutes ? `The call lasts ${minutes} minutes. ` : ''}Each time is shown on both your clocks.</p>
      <ZonesBar choice={choice} />
      <WeekStrip id={choice.id('day')} days={days} chosen={day.key} onPick={pick} f={f} />
      <fieldset class="day" key={day.key}>
        <legend>{day.label}</legend>
        {error && (
          <p id={errorId} class="error" role="alert">
            {sentence(error)}
          </p>
        )}
        {groups.map((g, gi) => {
          const noteId = choice.id(`night-${day.key}-${gi}`);
          const describedBy = [g.night.length ? noteId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
          return (
            <div class="group" key={g.slots[0].start}>
              {g.night.length > 0 && (
                <p class="night" id={noteId}>
                  {nightNote(g.night, f.hour12)}
                </p>
              )}
              <div class="times">
                {g.slots.map((slot) => {
                  const [own, theirs] = f.slotParts(slot.start, one.timeZone, two.timeZone);
                  return (
                    <label class="slot" key={slot.start}>
                      <input
                        type="radio"
                        name={choice.id('slot')}
                        value={slot.start}
                        checked={chosen === slot.start}
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={describedBy}
                        onChange={() => choice.choose(slot.start)}
                      />
                      {/* Read as one: "5:00 AM Los Angeles · 9:00 PM Singapore"; shown as two clocks side by side. */}
                      <span class="when-both">
                        <span class="own">{own}</span>
                        {theirs && (
                          <>
                            <span class="sr"> · </span>
                            <span class="theirs">{theirs}</span>
                          </>
                        )}
                      </span>
                    </label>
                  );
                })}
              </div>
            </div>
          );
        })}
      </fieldset>
    </>
  );
}
