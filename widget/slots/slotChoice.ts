// The narrow interface the Time step talks to: the open times, the one chosen, the two people's zones and clock.
// The booking store and the manage page each provide one; neither needs the other's model.
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { SlotsState } from './slotList.ts';

export interface ZonePerson {
  name: string;
  timeZone: string;
}

export interface SlotChoice {
  slots: ReadonlySignal<SlotsState>;
  /** The chosen start (ISO), or ''. */
  chosen: ReadonlySignal<string>;
  choose(start: string): void;
  /** What is wrong with the choice (none, a taken time, no time chosen), shown beside the times. */
  error: ReadonlySignal<string | undefined>;
  /** Both people; the first one's zone lays out the days. */
  people: ReadonlySignal<readonly [ZonePerson, ZonePerson]>;
  /** Shows the times in another zone for one of them (the booking keeps it as their answer). */
  setZone(index: 0 | 1, zone: string): void;
  /** The locale dates and times are written in, and whether the clock is 12-hour (the switch on the Time step). */
  locale: string;
  hour12: Signal<boolean>;
  reload(): void;
  /** An id unique to this widget. */
  id(name: string): string;
  /** For the empty-list message and the call's length. */
  practiceEmail: ReadonlySignal<string | undefined>;
  minutes: ReadonlySignal<number | undefined>;
}
