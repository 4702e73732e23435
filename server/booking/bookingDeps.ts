// What the booking code needs from the running server (config, store, clock, busy feeds), and the slot engine's question built from it.
import type { Config } from '../../core/config.ts';
import type { Interval } from '../../core/interval.ts';
import type { SlotQuery } from '../../core/slots.ts';
import type { Store } from '../store/port.ts';

export interface BookingDeps {
  config: Config;
  store: Store;
  clock: () => number;
  /** Busy intervals per coach id from the coaches' calendar feeds. */
  busy: () => Readonly<Record<string, readonly Interval[]>>;
}

/** The slot engine's question for this config at `now`, over the given live bookings. */
export function slotQuery(deps: BookingDeps, now: number, bookings: readonly Interval[], from?: number, to?: number): SlotQuery {
  return {
    call: deps.config.call, practiceTimeZone: deps.config.practice.timeZone, coaches: deps.config.coaches,
    now, from, to, bookings, busy: deps.busy(),
  };
}
