// The `from`/`to` query of GET /api/availability: defaults, parsing, and the horizon limit, as 422 issues; and the
// canonical form of a valid range, which the availability cache keys on.
import { isRealInstant } from '../../core/instant.ts';
import type { FieldIssue } from '../../core/issues.ts';
import { DAY_MS, HOUR_MS } from '../../core/time.ts';
import { zoneSegments } from '../../core/zoneOffsets.ts';

export type Range = { ok: true; from: number; to: number } | { ok: false; issues: FieldIssue[] };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(value: string | undefined, name: string, issues: FieldIssue[]): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = ISO.test(value) && isRealInstant(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) issues.push({ path: name, message: 'expected an ISO 8601 time such as 2026-12-01T15:00:00Z' });
  return ms;
}

/** The requested range, defaulting to now .. now + horizon; reversed or longer than the horizon is refused. */
export function parseAvailabilityRange(fromText: string | undefined, toText: string | undefined, now: number, horizonDays: number): Range {
  const issues: FieldIssue[] = [];
  const horizon = horizonDays * DAY_MS;
  const from = instant(fromText, 'from', issues) ?? now;
  const to = instant(toText, 'to', issues) ?? from + horizon;
  if (issues.length) return { ok: false, issues };
  if (to <= from) return { ok: false, issues: [{ path: 'to', message: 'must be after from' }] };
  if (to - from > horizon) return { ok: false, issues: [{ path: 'to', message: `the range may span at most ${horizonDays} days` }] };
  return { ok: true, from, to };
}

/** The same question asked canonically: the window slots may start in, or `empty` when none can. */
export type NormalRange = { empty: true } | { empty: false; from: number; to: number };

/**
 * Clamps a valid range to the window slots may start in at `now` (minimum notice .. horizon) and rounds both ends
 * up to the practice's step grid. Slots start only on that grid, so the answer is exactly the same as for the range
 * asked: two questions that differ only by where they cut between two grid points share one answer (and one cache
 * entry), and the same question asked later in the same step does too.
 */
export function normalRange(
  range: { from: number; to: number },
  now: number,
  call: { minNoticeHours: number; horizonDays: number; stepMinutes: number },
  practiceTimeZone: string,
): NormalRange {
  const step = call.stepMinutes * 60_000;
  const from = gridCeil(Math.max(range.from, now + call.minNoticeHours * HOUR_MS), step, practiceTimeZone);
  const to = gridCeil(Math.min(range.to, now + call.horizonDays * 24 * HOUR_MS), step, practiceTimeZone);
  return to > from ? { empty: false, from, to } : { empty: true };
}

/**
 * The first instant ≥ t whose local time in `zone` is on the step grid (as the slot engine reads it). Where the zone's
 * offset changes before that point, t itself is kept: still exact, only not shared with neighbouring questions.
 */
export function gridCeil(t: number, step: number, zone: string): number {
  const [seg] = zoneSegments(zone, t, t + 1);
  const local = t + seg.offset;
  const day = Math.floor(local / DAY_MS) * DAY_MS;
  const k = Math.ceil((local - day) / step) * step;
  const up = (k >= DAY_MS ? day + DAY_MS : day + k) - seg.offset;
  return up === t || zoneSegments(zone, t, up + 1).length === 1 ? up : t;
}
