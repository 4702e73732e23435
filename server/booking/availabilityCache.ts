// Availability answers: the whole window's slots computed once per store version, feed snapshot and step, and any
// range answered as a slice of them; the finished answers sit in a bounded LRU, each serialised and gzipped once.
import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import type { FieldIssue } from '../../core/issues.ts';
import { gridCeil, normalRange, parseAvailabilityRange } from './availabilityRange.ts';
import { poolSlots } from '../../core/pool.ts';
import { slotQuery, type BookingDeps } from './bookingDeps.ts';
import { DAY_MS, HOUR_MS, liveWindow } from '../../core/time.ts';

/** An answer as it goes on the wire: the JSON, and its gzip when it is worth compressing. */
export interface AvailabilityBody {
  json: string;
  gzip?: Buffer;
}

export type AvailabilityAnswer = { ok: true; body: AvailabilityBody } | { ok: false; issues: FieldIssue[] };

/** Smaller answers go out as they are (hono's compress middleware draws the line at the same place). */
const GZIP_FROM_BYTES = 1024;

export interface CacheLimits {
  /** Most answers kept (default 2,000). */
  maxEntries?: number;
  /** Most bytes kept, JSON and gzip together (default 32 MB). */
  maxBytes?: number;
}

/** Every slot from the minimum notice to the horizon, as computed at one moment. */
interface Window {
  store: string;
  busy: Busy;
  /** "Now" plus the minimum notice when it was computed: a clock that steps back before it needs a new window. */
  start: number;
  /** The horizon rounded up to the step grid: the window holds until "now + horizon" passes it. */
  end: number;
  starts: number[];
  /** Each slot already as JSON, so that an answer is a join, not a serialisation. */
  parts: string[];
}

/**
 * Answers GET /api/availability. Slots start only on the step grid and a slot's existence does not depend on the
 * range asked, so the answer for any range is exactly the slice of the window's slots that start in it (clamped to
 * notice and horizon). Answers are keyed on that slice: every range that covers the same slots, whatever its
 * ends, shares one entry, and random ranges fall on at most one entry per pair of slots. Entries are dropped
 * least recently used first, and all at once when the store may have changed (a write on this connection or a
 * commit by another), the feeds hand out a new snapshot, or the horizon reaches the next grid point.
 */
export function availabilityCache(deps: BookingDeps, limits: CacheLimits = {}) {
  const answers = new LRUCache<string, AvailabilityBody>({
    max: limits.maxEntries ?? 2_000,
    maxSize: limits.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (b) => b.json.length + (b.gzip?.length ?? 0),
  });
  const { call, practice } = deps.config;
  let window: Window | undefined;
  /** The window being computed, shared by the requests that arrive meanwhile. */
  let coming: { w: Omit<Window, 'starts' | 'parts'>; ready: Promise<Window> } | undefined;
  let computed = 0;

  const fits = (w: Omit<Window, 'starts' | 'parts'>, store: string, busy: Busy, end: number, from: number) =>
    w.store === store && w.end === end && w.start <= from && sameBusy(busy, w.busy);

  async function currentWindow(now: number): Promise<Window> {
    const store = await deps.store.version();
    const busy = deps.busy();
    const end = gridCeil(now + call.horizonDays * DAY_MS, call.stepMinutes * 60_000, practice.timeZone);
    const from = now + call.minNoticeHours * HOUR_MS;
    if (window && fits(window, store, busy, end, from)) return window;
    if (coming && fits(coming.w, store, busy, end, from)) return coming.ready;
    const w = { store, busy, end, start: from };
    const ready = (async (): Promise<Window> => {
      const live = await deps.store.reads.liveBookings(liveWindow(from, end));
      const slots = poolSlots(slotQuery(deps, now, live, from, end));
      return {
        ...w,
        starts: slots.map((s) => s.start),
        parts: slots.map((s) => JSON.stringify({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString() })),
      };
    })();
    coming = { w, ready };
    try {
      const made = await ready;
      // Kept unless a newer window was started meanwhile; its answers start afresh.
      if (coming?.ready === ready) {
        answers.clear();
        window = made;
        coming = undefined;
      }
      return made;
    } catch (e) {
      if (coming?.ready === ready) coming = undefined;
      throw e;
    }
  }

  const answer = async (fromText: string | undefined, toText: string | undefined): Promise<AvailabilityAnswer> => {
    const now = deps.clock();
    const range = parseAvailabilityRange(fromText, toText, now, call.horizonDays);
    if (!range.ok) return range;
    const w = await currentWindow(now);
    const normal = normalRange(range, now, call, practice.timeZone);
    // A window computed a little earlier may still hold slots that have since slipped inside the notice: the
    // clamped range starts after them.
    const [i, j] = normal.empty ? [0, 0] : [firstAtOrAfter(w.starts, normal.from), firstAtOrAfter(w.starts, normal.to)];
    const key = j > i ? `${i}|${j}` : 'empty';
    let body = w === window ? answers.get(key) : undefined;
    if (!body) {
      const json = `{"slots":[${w.parts.slice(i, Math.max(i, j)).join(',')}]}`;
      // Level 1: a third of the default's time on the request path, for answers about a fifth larger (still ~10× smaller).
      body = Buffer.byteLength(json) >= GZIP_FROM_BYTES ? { json, gzip: gzipSync(json, { level: 1 }) } : { json };
      computed++;
      // Slice indices mean something only in their own window.
      if (w === window) answers.set(key, body);
    }
    return { ok: true, body };
  };
  /** How many answers were put together rather than served from the cache (for tests). */
  answer.computed = () => computed;
  answer.size = () => answers.size;
  return answer;
}

type Busy = ReturnType<BookingDeps['busy']>;

/** The same snapshot: the same object, or a fresh wrapper around the very same per-coach lists. */
function sameBusy(a: Busy, b: Busy): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The index of the first element ≥ t in the sorted `list` (its length when there is none). */
function firstAtOrAfter(list: readonly number[], t: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
