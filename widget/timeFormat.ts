// Slot times in the duo's zones, through Intl only (luxon stays out of the browser bundle).
import type { Slot } from '../core/api.ts';

const cache = new Map<string, Intl.DateTimeFormat>();
// en-GB: day before month and a 24-hour clock read the same way on both sides of the Atlantic.
let locale = 'en-GB';
let hinted = false;

/** The site's locale hint (data-duet-locale), for the whole page: dates and clock read as that locale writes them. */
export function setLocaleHint(hint: string | undefined) {
  if (!hint || hint === locale) return;
  locale = hint;
  hinted = true;
  cache.clear();
}

function format(iso: string, zone: string, options: Intl.DateTimeFormatOptions): string {
  const key = zone + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    const { hourCycle, ...rest } = options;
    cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...(hinted ? rest : options), timeZone: zone })));
  }
  return f.format(new Date(iso));
}

/** "America/New_York" → "New York". */
export const city = (zone: string): string => zone.split('/').pop()!.replace(/_/g, ' ');

export const clock = (iso: string, zone: string): string =>
  format(iso, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const dayKey = (iso: string, zone: string) => format(iso, zone, { year: 'numeric', month: '2-digit', day: '2-digit' });

/** "Tuesday 1 December" */
export const dayLabel = (iso: string, zone: string): string =>
  format(iso, zone, { weekday: 'long', day: 'numeric', month: 'long' });

/** "Tue 1 Dec" */
export const shortDayLabel = (iso: string, zone: string): string =>
  format(iso, zone, { weekday: 'short', day: 'numeric', month: 'short' });

/** One slot as both people read it: "10:00 New York · 15:00 London" (only the first part when the clocks agree). */
export function slotLabel(iso: string, zone: string, other: string): string {
  const own = `${clock(iso, zone)} ${city(zone)}`;
  const theirs = clock(iso, other);
  if (theirs === clock(iso, zone) && dayKey(iso, other) === dayKey(iso, zone)) return own;
  const day = dayKey(iso, other) === dayKey(iso, zone) ? '' : `${format(iso, other, { weekday: 'short' })} `;
  return `${own} · ${day}${theirs} ${city(other)}`;
}

/** "Tuesday, 1 December 2026, 10:00–10:45 New York time" */
export const whenLabel = (slot: Slot, zone: string): string =>
  `${format(slot.start, zone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}, ` +
  `${clock(slot.start, zone)}–${clock(slot.end, zone)} ${city(zone)} time`;

/** Slots grouped by calendar day in `zone`, in order; days without slots do not appear. */
export function byDay(slots: Slot[], zone: string): { key: string; label: string; slots: Slot[] }[] {
  const days: { key: string; label: string; slots: Slot[] }[] = [];
  for (const slot of [...slots].sort((a, b) => a.start.localeCompare(b.start))) {
    const key = dayKey(slot.start, zone);
    if (days[days.length - 1]?.key !== key) days.push({ key, label: dayLabel(slot.start, zone), slots: [] });
    days[days.length - 1].slots.push(slot);
  }
  return days;
}

/** The zones this browser knows, for the searchable list. */
export const knownZones = (): string[] => Intl.supportedValuesOf?.('timeZone') ?? [];

/** The canonical spelling of a zone the user typed ("europe/london" → "Europe/London"), or the input unchanged. */
export function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}
