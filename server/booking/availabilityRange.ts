// The `from`/`to` query of GET /api/availability: defaults, parsing, and the horizon limit, as 422 issues.
import { isRealInstant } from '../../core/instant.ts';
import type { FieldIssue } from '../../core/issues.ts';
import { DAY_MS } from '../../core/time.ts';

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
