// What the booking code needs from the running server (config, store, clock, busy feeds), and the pool engine's question built from it.
import type { Config } from '../../core/config.ts';
import type { Interval } from '../../core/interval.ts';
import type { PoolBooking, PoolQuery } from '../../core/pool.ts';
import type { Store } from '../store/port.ts';
import { newCallQuery } from './callCoaches.ts';

export interface BookingDeps {
  config: Config;
  store: Store;
  clock: () => number;
  /** Busy intervals per coach id from the coaches' calendar feeds. */
  busy: () => Readonly<Record<string, readonly Interval[]>>;
}

/** The pool engine's question for a new call at `now`, over the given live calls (coaches at weight 0 left out). */
export function slotQuery(deps: BookingDeps, now: number, bookings: readonly PoolBooking[], from?: number, to?: number): PoolQuery {
  return newCallQuery(deps.config, deps.busy(), now, bookings, from, to);
}
