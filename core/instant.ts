// An ISO 8601 instant as the API accepts it: valibot's isoTimestamp shape, and a time Date.parse reads exactly.
import * as v from 'valibot';

/**
 * True when `text` (in valibot's isoTimestamp shape) names a real instant: its date exists and Date.parse
 * reads it. isoTimestamp lets through what Date.parse cannot read ("+05" offsets, "," fractions) and dates
 * that do not exist, which Date.parse rolls over ("2026-02-30" becomes 2 March).
 */
export function isRealInstant(text: string): boolean {
  if (!Number.isFinite(Date.parse(text))) return false;
  const date = text.slice(0, 10);
  const midnight = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(midnight.getTime()) && midnight.toISOString().slice(0, 10) === date;
}

const MESSAGE = 'expected an ISO 8601 time such as 2026-12-01T15:00:00Z';

// One check, so that a malformed time gets one issue, not two.
export const IsoInstant = v.pipe(
  v.string(),
  v.check((text) => v.ISO_TIMESTAMP_REGEX.test(text) && isRealInstant(text), MESSAGE),
);
