// The intake's Time step reused for a reschedule: the few parts of the intake store it reads, backed by the
// manage page's own slots (this booking's time freed) and the booking's two people.
import { batch, signal } from '@preact/signals';
import type { PublicConfig, Slot } from '../../core/api.ts';
import { blankAnswers, setIn, type Answers } from '../answers.ts';
import type { Store } from '../store.ts';

let mounts = 0;

/** `onFixed` runs when the duo fixes the marked error, so the summary of it can go too. */
export function slotPicker(loadSlots: () => void, onFixed: () => void = () => {}) {
  const n = ++mounts;
  const answers = signal<Answers>(blankAnswers('UTC'));
  const slots = signal<{ status: 'loading' | 'error' | 'ready'; slots: Slot[]; at: number }>({ status: 'loading', slots: [], at: 0 });
  const errors = signal<Record<string, string>>({});
  const config = signal<PublicConfig | null>(null);

  function set(path: string, value: unknown) {
    batch(() => {
      answers.value = setIn(answers.value, path, value);
      if (errors.value[path]) {
        errors.value = {};
        onFixed();
      }
    });
  }

  return {
    answers, slots, errors, config, set, loadSlots,
    id: (name: string) => `duet-manage${n}-${name.replace(/\./g, '-')}`,
    chosen: () => answers.value.slot,
    /** The zones the times are shown in, and what the empty-list message needs. */
    setPeople(people: { timeZone: string }[], email: string, minutes: number) {
      const [one, two = one] = people.length ? people : [{ timeZone: 'UTC' }];
      let a = setIn(answers.value, 'people.0.timeZone', one.timeZone);
      a = setIn(a, 'people.1.timeZone', two.timeZone);
      answers.value = a;
      config.value = { practice: { email }, call: { minutes } } as PublicConfig;
    },
  };
}

export type SlotPicker = ReturnType<typeof slotPicker>;

/**
 * The Time step reads the intake store through its context; this is the part of it the step uses, so the
 * manage page can hand in a picker without an intake. The cast is checked by the manage widget tests.
 */
export const asStepStore = (picker: SlotPicker): Store => picker as unknown as Store;
