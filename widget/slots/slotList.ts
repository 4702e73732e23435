// The open times as a signal, loaded by both the booking and the manage page: one request at a time counts,
// and a time that has gone since it was chosen is dropped by the caller's `onLoaded`.
import { batch, signal, type Signal } from '@preact/signals';
import type { Slot } from '../../core/api.ts';
import { reply } from '../api.ts';

export interface SlotsState {
  status: 'loading' | 'error' | 'ready';
  slots: Slot[];
  at: number;
}

export interface SlotList {
  state: Signal<SlotsState>;
  /** Loads (or takes a request already started); an answer other than 200 with slots goes to `refused`. */
  load(pre?: Promise<Response>): Promise<void>;
  stop(): void;
}

export function slotList(opts: {
  request: () => Promise<Response>;
  onLoaded?: (slots: Slot[]) => void;
  /** A refusal the caller handles (manage: the call can no longer change); true when it did. */
  refused?: (status: number, data: unknown) => Promise<boolean> | boolean;
}): SlotList {
  const state = signal<SlotsState>({ status: 'loading', slots: [], at: 0 });
  let latest = 0;
  let alive = true;
  return {
    state,
    async load(pre) {
      const mine = ++latest;
      if (state.value.status !== 'ready') state.value = { status: 'loading', slots: [], at: 0 };
      try {
        const r = await reply<{ slots?: Slot[] }>(pre ?? opts.request());
        if (!alive || mine !== latest) return;
        const list = (r.data as { slots?: Slot[] } | null)?.slots;
        if (r.status === 200 && Array.isArray(list)) {
          batch(() => {
            state.value = { status: 'ready', slots: list, at: Date.now() };
            opts.onLoaded?.(list);
          });
        } else if (!(await opts.refused?.(r.status, r.data))) throw new Error(String(r.status));
      } catch {
        if (alive && mine === latest) state.value = { status: 'error', slots: [], at: 0 };
      }
    },
    stop() {
      alive = false;
    },
  };
}
