// The manage page's side of the Time step (slots/slotChoice.ts): this booking's open times (its own time freed),
// the booking's two people and their zones, which a person may change here to read the times in another clock.
import { batch, signal } from '@preact/signals';
import type { ManagedBooking } from '../../core/api.ts';
import { prefersHour12, widgetLocale } from '../locale.ts';
import type { SlotChoice, ZonePerson } from '../slots/slotChoice.ts';
import type { SlotList } from '../slots/slotList.ts';

let mounts = 0;

export function rescheduleChoice(list: SlotList, onFixed: () => void) {
  const n = ++mounts;
  const chosen = signal('');
  const error = signal<string | undefined>(undefined);
  const people = signal<readonly [ZonePerson, ZonePerson]>([
    { name: 'Person one', timeZone: 'UTC' },
    { name: 'Person two', timeZone: 'UTC' },
  ]);
  const practiceEmail = signal<string | undefined>(undefined);
  const minutes = signal<number | undefined>(undefined);
  const locale = widgetLocale();
  const hour12 = signal(prefersHour12(locale));

  const choice: SlotChoice = {
    slots: list.state,
    chosen,
    choose(start) {
      batch(() => {
        chosen.value = start;
        if (error.value) {
          error.value = undefined;
          onFixed();
        }
      });
    },
    error,
    people,
    setZone(index, zone) {
      const next = [...people.value] as [ZonePerson, ZonePerson];
      next[index] = { ...next[index], timeZone: zone };
      people.value = next;
    },
    locale,
    hour12,
    reload: () => void list.load(),
    id: (name) => `duet-manage${n}-${name.replace(/\./g, '-')}`,
    practiceEmail,
    minutes,
  };

  return {
    choice,
    /**
     * The booking's people, the reader (whose link it is) first so that the times read in their own zone first (one
     * alone reads the times in one zone), and what the empty-list message needs.
     */
    setBooking(b: ManagedBooking) {
      const ordered = b.you === 1 && b.people.length === 2 ? [b.people[1], b.people[0]] : b.people;
      const [one, two = one] = ordered.length ? ordered : [{ name: 'You', timeZone: 'UTC' }];
      batch(() => {
        people.value = [
          { name: one.name, timeZone: one.timeZone },
          { name: two.name, timeZone: two.timeZone },
        ];
        practiceEmail.value = b.practice.email;
        minutes.value = b.call.minutes;
      });
    },
    setError: (message: string | undefined) => {
      error.value = message;
    },
  };
}

export type RescheduleChoice = ReturnType<typeof rescheduleChoice>;
