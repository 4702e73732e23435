// Step 2: the open times, right after the two people said where they are (the picker is slots/SlotPicker.tsx).
import type { JSX } from 'preact';
import { SlotPicker } from '../slots/SlotPicker.tsx';
import { bookingChoice } from '../booking/bookingChoice.ts';
import { useStore } from '../store.ts';

export function Time(): JSX.Element {
  return <SlotPicker choice={bookingChoice(useStore())} />;
}
