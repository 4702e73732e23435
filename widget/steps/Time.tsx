// Step 5: the open times, grouped by day in person one's zone, with person two's clock beside them where it differs.
import { useState } from 'preact/hooks';
import { useField } from '../fields.tsx';
import { byDay, city, shortDayLabel, slotLabel } from '../timeFormat.ts';
import { useStore } from '../store.ts';

const hours = new Map<string, Intl.DateTimeFormat>();
/** The hour (0-23) of `iso` on the clock of `zone`. */
function hourIn(iso: string, zone: string): number {
  let f = hours.get(zone);
  try {
    if (!f) hours.set(zone, (f = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: zone })));
    return Number(f.format(new Date(iso)));
  } catch {
    return 12; // a zone this browser does not know: no note rather than no step
  }
}

/** "night in Tokyo" when the call starts between 22:00 and 07:00 for either person: far-apart pairs should see it before choosing. */
export function nightNote(iso: string, zones: string[]): string {
  const night = [...new Set(zones)].filter((z) => {
    const h = hourIn(iso, z);
    return h >= 22 || h < 7;
  });
  return night.length ? `night in ${night.map(city).join(' and ')}` : '';
}

export function Time() {
  const { s, aria, message } = useField('slot');
  const { status, slots } = s.slots.value;
  const [one, two] = s.answers.value.people;
  const email = s.config.value?.practice.email;
  const minutes = s.config.value?.call.minutes;
  // Four weeks of times make a very long page on a phone: one day's times at a time, the days as a short list.
  const [pickedDay, pickDay] = useState<string | null>(null);

  if (status === 'loading') return <p role="status">Loading the open times…</p>;
  if (status === 'error') {
    return (
      <p role="status">
        We could not load the open times.{' '}
        <button type="button" class="link" onClick={() => s.loadSlots()}>Try again</button>
      </p>
    );
  }
  if (!slots.length) {
    return (
      <p role="status">
        There are no open times in the coming weeks.{' '}
        {email ? <>Please write to <a href={`mailto:${email}`}>{email}</a> and we will find a time with you.</>
          : 'Please get in touch with the practice and we will find a time with you.'}
      </p>
    );
  }
  const zones = one.timeZone === two.timeZone ? `${city(one.timeZone)} time` : `${city(one.timeZone)} time, with ${city(two.timeZone)} time beside it`;
  const days = byDay(slots, one.timeZone);
  const night = (iso: string) => nightNote(iso, [one.timeZone, two.timeZone]);
  const chosen = s.answers.value.slot;
  const day = days.find((d) => d.key === pickedDay)
    ?? days.find((d) => d.slots.some((slot) => slot.start === chosen))
    ?? days[0];
  return (
    <>
      <p class="intro">{minutes ? `The call lasts ${minutes} minutes. ` : ''}Times are shown in {zones}.</p>
      {message}
      <fieldset class="daypicker">
        <legend>Choose a day</legend>
        <div class="days">
          {days.map((d) => (
            <label class="daychip" key={d.key}>
              <input type="radio" name={s.id('day')} value={d.key} checked={d.key === day.key} onChange={() => pickDay(d.key)} />
              <span>{shortDayLabel(d.slots[0].start, one.timeZone)}</span>
              <small>{d.slots.length === 1 ? '1 time' : `${d.slots.length} times`}</small>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset class="day" key={day.key}>
        <legend>{day.label}</legend>
        <div class="times">
          {day.slots.map((slot) => (
            <label class="slot" key={slot.start}>
              <input type="radio" name={s.id('slot')} value={slot.start} checked={chosen === slot.start}
                {...aria} onChange={() => s.set('slot', slot.start)} />
              <span>
                {slotLabel(slot.start, one.timeZone, two.timeZone)}
                {night(slot.start) && <small class="night"> ({night(slot.start)})</small>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
