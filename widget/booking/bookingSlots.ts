// The booking's open times, in the later code: the request the widget started at once (store.ts), read when this
// code arrives; a chosen time that has gone since is dropped, and times fetched long ago are asked for again.
import type { Signal } from '@preact/signals';
import { get } from '../api.ts';
import type { Answers } from '../answers.ts';
import { slotList, type SlotList } from '../slots/slotList.ts';

const STALE_MS = 120_000;

export interface SlotsSource {
  apiBase: string;
  answers: Signal<Answers>;
  set(path: string, value: unknown): void;
  signal: AbortSignal;
  /** The request already on its way. */
  availability: Promise<Response>;
}

export function bookingSlots({ apiBase, answers, set, signal, availability }: SlotsSource): SlotList {
  const slots = slotList({
    request: () => get(apiBase, '/api/availability', signal),
    // A time that has gone since it was chosen can no longer be booked.
    onLoaded: (list) => {
      if (answers.value.slot && !list.some((s) => s.start === answers.value.slot)) set('slot', '');
    },
  });
  void slots.load(availability);
  return slots;
}

/** On the way to the time step: times fetched long ago may have gone; a request still on its way is not repeated. */
export function refreshSlots(slots: SlotList) {
  const { status, at } = slots.state.value;
  if (status !== 'loading' && Date.now() - at > STALE_MS) void slots.load();
}
