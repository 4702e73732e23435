// Zone offsets for the slot engine. Reading an offset through Intl costs microseconds, so each UTC day's offsets
// (and any change within it) are looked up once per zone and memoised: they are tzdb facts, not state.
import { IANAZone } from 'luxon';
import { DAY_MS, MINUTE_MS } from './time.ts';

/** A stretch of time over which a zone's UTC offset (in ms) stays the same. */
export interface OffsetSegment {
  start: number;
  end: number;
  offset: number;
}

interface DayOffsets {
  offset: number;
  changes: { at: number; offset: number }[];
}

const zoneDays = new Map<string, Map<number, DayOffsets>>();
const MAX_CACHED_DAYS = 50_000;

function rawOffset(zone: IANAZone, t: number): number {
  return zone.offset(t) * MINUTE_MS;
}

// Offsets over the UTC day `d`: at its start, and every change inside it (found by bisection to the
// second). A zone that changes twice within one day and returns to the same offset is not seen.
function dayOffsets(zoneName: string, d: number): DayOffsets {
  let days = zoneDays.get(zoneName);
  if (!days) zoneDays.set(zoneName, (days = new Map()));
  let info = days.get(d);
  if (info) return info;
  if (days.size > MAX_CACHED_DAYS) days.clear();
  const zone = IANAZone.create(zoneName);
  if (!zone.isValid) throw new RangeError(`unknown time zone ${JSON.stringify(zoneName)}`);
  const start = d * DAY_MS;
  const end = start + DAY_MS;
  info = { offset: rawOffset(zone, start), changes: [] };
  const last = rawOffset(zone, end);
  let from = start;
  let current = info.offset;
  while (current !== last) {
    let lo = from / 1000; // offset(lo) === current
    let hi = end / 1000; // offset(hi) !== current
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (rawOffset(zone, mid * 1000) === current) lo = mid;
      else hi = mid;
    }
    from = hi * 1000;
    current = rawOffset(zone, from);
    info.changes.push({ at: from, offset: current });
  }
  days.set(d, info);
  return info;
}

/** The zone's offset segments covering exactly [from, to), in order. */
export function zoneSegments(zone: string, from: number, to: number): OffsetSegment[] {
  const out: OffsetSegment[] = [];
  const push = (start: number, end: number, offset: number) => {
    start = Math.max(start, from);
    end = Math.min(end, to);
    if (start >= end) return;
    const prev = out[out.length - 1];
    if (prev && prev.offset === offset && prev.end === start) prev.end = end;
    else out.push({ start, end, offset });
  };
  for (let d = Math.floor(from / DAY_MS); d * DAY_MS < to; d++) {
    const info = dayOffsets(zone, d);
    let at = d * DAY_MS;
    let offset = info.offset;
    for (const change of info.changes) {
      push(at, change.at, offset);
      at = change.at;
      offset = change.offset;
    }
    push(at, d * DAY_MS + DAY_MS, offset);
  }
  return out;
}

/** The segment of `segments` that holds `t` (or the nearest one). */
export function segmentAt(segments: readonly OffsetSegment[], t: number): OffsetSegment {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid].start <= t) lo = mid;
    else hi = mid - 1;
  }
  return segments[lo];
}

/** The local date of `t` in `zone`, as days since 1970-01-01. */
export function localDay(zone: string, t: number): number {
  const [seg] = zoneSegments(zone, t, t + 1);
  return Math.floor((t + seg.offset) / DAY_MS);
}
