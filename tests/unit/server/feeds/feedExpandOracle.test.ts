// The fast expansion (raw-text triage, wall-clock iteration, skipping ahead in old series) against
// ical.js's own straightforward expansion of the same generated feed, over ranges that cross DST changes.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { generatedFeed } from '../../../../bench/feed_parse.bench.ts';
import { normalize, type Interval } from '../../../../core/interval.ts';
import { feedBusy } from '../../../../server/feeds/feedExpand.ts';
import { DAY_MS } from '../../../../core/time.ts';

/** Every event through ICAL.Event, its iterator and getOccurrenceDetails, from DTSTART on. */
function oracle(text: string, from: number, to: number, zone: string): Interval[] {
  const calendar = new ICAL.Component(ICAL.parse(text) as never);
  const ms = (t: ICAL.Time) => (t.isDate ? DateTime.fromObject({ year: t.year, month: t.month, day: t.day }, { zone }).toMillis() : t.toUnixTime() * 1000);
  const out: Interval[] = [];
  for (const component of calendar.getAllSubcomponents('vevent')) {
    if (String(component.getFirstPropertyValue('transp')) === 'TRANSPARENT') continue;
    const event = new ICAL.Event(component);
    if (!event.isRecurring()) {
      out.push({ start: ms(event.startDate), end: ms(event.endDate) });
      continue;
    }
    const it = event.iterator();
    for (let occ = it.next(); occ; occ = it.next()) {
      const details = event.getOccurrenceDetails(occ);
      const start = ms(details.startDate);
      if (start >= to) break;
      out.push({ start, end: ms(details.endDate) });
    }
  }
  return normalize(out.filter((i) => i.end > from && i.start < to));
}

describe('the fast expansion agrees with ical.js', () => {
  // The dense feed merges into long blocks; the sparse one keeps single meetings apart.
  const feeds: Record<number, string> = { 2000: generatedFeed(2000), 150: generatedFeed(150) };
  it.each([
    ['March, across the US spring change', '2026-03-02T12:00:00Z', 28, 2000],
    ['March, sparse', '2026-03-02T12:00:00Z', 28, 150],
    ['autumn, across the US fall change', '2025-10-20T00:00:00Z', 31, 2000],
    ['autumn, sparse', '2025-10-20T00:00:00Z', 31, 150],
    ['a single day', '2025-07-14T04:00:00Z', 1, 2000],
  ])('%s (%s, %s days, %s events)', (_name, fromIso, days, count) => {
    const text = feeds[count];
    const from = Date.parse(fromIso);
    const to = from + days * DAY_MS;
    const fast = feedBusy(text, { from, to, timeZone: 'America/New_York' });
    if (!fast.ok) throw new Error(fast.error);
    expect(fast.skipped).toBe(0);
    const expected = oracle(text, from, to, 'America/New_York');
    expect(expected.length).toBeGreaterThan(0);
    expect(fast.busy).toEqual(expected);
  });
});
