// Slot times in the duo's zones, through Intl only (luxon stays out of the browser bundle), in one locale and one
// clock (12- or 24-hour) for both people, so the two columns of times read alike.
import type { Slot } from '../../core/api.ts';
import { city, usableZone } from '../zones/zoneName.ts';

export interface TimeFormats {
  locale: string;
  hour12: boolean;
  /** "9:15 AM" (en-US) or "09:15" (en-GB), or as the switch says. */
  clock(iso: string, zone: string): string;
  /** "Tuesday 1 December" */
  dayLabel(iso: string, zone: string): string;
  /** "Tue" */
  weekday(iso: string, zone: string): string;
  /** "1" */
  dayOfMonth(iso: string, zone: string): string;
  /** "December" */
  month(iso: string, zone: string): string;
  /** "December 2026" */
  monthLabel(iso: string, zone: string): string;
  /** "2026-12-01": the calendar day in `zone`, for grouping. */
  dayKey(iso: string, zone: string): string;
  /** One slot as both people read it: "10:00 New York · 15:00 London" (only the first part when the clocks agree). */
  slotLabel(iso: string, zone: string, other: string): string;
  /** The two parts of slotLabel: ["10:00 New York", "15:00 London"], the second null when the clocks agree. */
  slotParts(iso: string, zone: string, other: string): [string, string | null];
  /** "Tuesday, 1 December 2026, 10:00–10:45 New York time" */
  whenLabel(slot: Slot, zone: string): string;
  /** The hour (0–23) of `iso` on the clock of `zone`. */
  hourIn(iso: string, zone: string): number;
}

const made = new Map<string, TimeFormats>();

/** Formats for one locale and clock, made once for the page; each Intl.DateTimeFormat in them is made once too. */
export function formatsFor(locale: string, hour12: boolean): TimeFormats {
  const key = `${locale}|${hour12}`;
  let f = made.get(key);
  if (!f) made.set(key, (f = timeFormats(locale, hour12)));
  return f;
}

function timeFormats(locale: string, hour12: boolean): TimeFormats {
  const cache = new Map<string, Intl.DateTimeFormat>();
  const format = (iso: string, zone: string, options: Intl.DateTimeFormatOptions, lang = locale): string => {
    const key = `${zone}|${lang}|${JSON.stringify(options)}`;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.DateTimeFormat(lang, { ...options, timeZone: usableZone(zone) })));
    return f.format(new Date(iso));
  };
  // hourCycle, not hour12: en-US with hour12:false writes midnight as 24:15. A 24-hour clock pads (09:15), a 12-hour one not (9:15 AM).
  const clock = (iso: string, zone: string) =>
    format(
      iso,
      zone,
      hour12 ? { hour: 'numeric', minute: '2-digit', hourCycle: 'h12' } : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    );
  // ISO-like parts whatever the locale, for grouping only.
  const dayKey = (iso: string, zone: string) => format(iso, zone, { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA');
  const sameDay = (iso: string, a: string, b: string) => dayKey(iso, a) === dayKey(iso, b);
  const slotParts = (iso: string, zone: string, other: string): [string, string | null] => {
    const own = `${clock(iso, zone)} ${city(zone)}`;
    if (clock(iso, other) === clock(iso, zone) && sameDay(iso, zone, other)) return [own, null];
    const day = sameDay(iso, zone, other) ? '' : `${format(iso, other, { weekday: 'short' })} `;
    return [own, `${day}${clock(iso, other)} ${city(other)}`];
  };

  return {
    locale,
    hour12,
    clock,
    dayKey,
    dayLabel: (iso, zone) => format(iso, zone, { weekday: 'long', day: 'numeric', month: 'long' }),
    weekday: (iso, zone) => format(iso, zone, { weekday: 'short' }),
    dayOfMonth: (iso, zone) => format(iso, zone, { day: 'numeric' }),
    month: (iso, zone) => format(iso, zone, { month: 'long' }),
    monthLabel: (iso, zone) => format(iso, zone, { month: 'long', year: 'numeric' }),
    slotParts,
    slotLabel(iso, zone, other) {
      const [own, theirs] = slotParts(iso, zone, other);
      return theirs ? `${own} · ${theirs}` : own;
    },
    whenLabel: (slot, zone) =>
      `${format(slot.start, zone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}, ` +
      `${clock(slot.start, zone)}–${clock(slot.end, zone)} ${city(zone)} time`,
    hourIn(iso, zone) {
      const h = Number(format(iso, zone, { hour: 'numeric', hourCycle: 'h23' }, 'en-GB'));
      return Number.isFinite(h) ? h : 12;
    },
  };
}

/** Slots grouped by calendar day in `zone`, in order; days without slots do not appear. */
export function byDay(slots: readonly Slot[], zone: string, f: TimeFormats): { key: string; label: string; slots: Slot[] }[] {
  const days: { key: string; label: string; slots: Slot[] }[] = [];
  for (const slot of [...slots].sort((a, b) => a.start.localeCompare(b.start))) {
    const key = f.dayKey(slot.start, zone);
    if (days[days.length - 1]?.key !== key) days.push({ key, label: f.dayLabel(slot.start, zone), slots: [] });
    days[days.length - 1].slots.push(slot);
  }
  return days;
}
