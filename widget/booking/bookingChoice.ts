// The booking's side of the Time step (slots/slotChoice.ts): the open times, the chosen one and the two people's
// zones as the intake holds them. Made once per widget, in the later chunk.
import { batch, computed } from '@preact/signals';
import type { SlotChoice } from '../slots/slotChoice.ts';
import type { Store } from '../store.ts';

const made = new WeakMap<Store, SlotChoice>();

export function bookingChoice(s: Store): SlotChoice {
  let choice = made.get(s);
  if (choice) return choice;
  const { answers, errors, config } = s;
  choice = {
    slots: s.slots.state,
    chosen: computed(() => answers.value.slot),
    choose: (start) => s.set('slot', start),
    error: computed(() => errors.value.slot),
    people: computed(() => {
      const [one, two] = answers.value.people;
      const zoneTwo = answers.value.zoneTwo === 'same' || !two.timeZone ? one.timeZone : two.timeZone;
      return [
        { name: one.name.trim() || 'Person one', timeZone: one.timeZone },
        { name: two.name.trim() || 'Person two', timeZone: zoneTwo },
      ] as const;
    }),
    setZone(index, zone) {
      if (index === 0) return s.set('people.0.timeZone', zone);
      batch(() => {
        s.set('zoneTwo', zone === answers.value.people[0].timeZone ? 'same' : 'other');
        s.set('people.1.timeZone', zone);
      });
    },
    locale: s.locale,
    hour12: s.clock(),
    reload: () => void s.slots.load(),
    id: s.id,
    practiceEmail: computed(() => config.value?.practice.email),
    minutes: computed(() => config.value?.call.minutes),
  };
  made.set(s, choice);
  return choice;
}
