// Computed availability answers, kept for the current minute, store version and busy-feed snapshot.
import type { AvailabilityResponse } from '../../core/api.ts';
import type { FieldIssue } from '../../core/issues.ts';
import { poolSlots } from '../../core/pool.ts';
import { parseAvailabilityRange } from './availabilityRange.ts';
import { slotQuery, type BookingDeps } from './bookingDeps.ts';
import { liveWindow, MINUTE_MS } from '../../core/time.ts';

const MAX_ENTRIES = 256;

export type AvailabilityAnswer = { ok: true; json: string } | { ok: false; issues: FieldIssue[] };

/**
 * Answers GET /api/availability from a cache that is emptied whenever the store may have changed
 * (any write on this connection or a commit by another), the busy feeds hand out a new snapshot,
 * or the minute turns. "Now" is rounded up to the next minute so a cached answer never offers a time
 * that has slipped inside the notice window; the booking re-check is the final word either way.
 */
export function availabilityCache(deps: BookingDeps) {
  let generation = '';
  let busySnapshot: Busy | undefined;
  const answers = new Map<string, AvailabilityAnswer>();

  return async (fromText: string | undefined, toText: string | undefined): Promise<AvailabilityAnswer> => {
    const now = Math.ceil(deps.clock() / MINUTE_MS) * MINUTE_MS;
    const busy = deps.busy();
    const current = `${await deps.store.version()}|${now}`;
    if (current !== generation || !sameBusy(busy, busySnapshot) || answers.size >= MAX_ENTRIES) {
      answers.clear();
      generation = current;
      busySnapshot = busy;
    }
    const key = `${fromText ?? ''}|${toText ?? ''}`;
    const cached = answers.get(key);
    if (cached) return cached;
    const answer = await compute(deps, now, fromText, toText);
    // A write may have landed while this was computed: then the answer is not kept for the new generation.
    if (generation === current && busySnapshot === busy) answers.set(key, answer);
    return answer;
  };
}

type Busy = ReturnType<BookingDeps['busy']>;

/** The same snapshot: the same object, or a fresh wrapper around the very same per-coach lists. */
function sameBusy(a: Busy, b: Busy | undefined): boolean {
  if (a === b) return true;
  if (!b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

async function compute(
  deps: BookingDeps,
  now: number,
  fromText: string | undefined,
  toText: string | undefined,
): Promise<AvailabilityAnswer> {
  const range = parseAvailabilityRange(fromText, toText, now, deps.config.call.horizonDays);
  if (!range.ok) return range;
  const live = await deps.store.reads.liveBookings(liveWindow(range.from, range.to));
  const slots = poolSlots(slotQuery(deps, now, live, range.from, range.to));
  const body: AvailabilityResponse = {
    slots: slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
  };
  return { ok: true, json: JSON.stringify(body) };
}
