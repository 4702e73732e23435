// A day's times in runs that are night (22:00-07:00) for the same people, so the note is said once per run
// instead of on every time: a pair in Los Angeles and Singapore sees it before choosing, not after.
import type { Slot } from '../../core/api.ts';
import type { TimeFormats } from './timeFormat.ts';
import { city } from '../zones/zoneName.ts';

export interface TimeGroup {
  night: string[];
  slots: Slot[];
}

const isNight = (hour: number) => hour >= 22 || hour < 7;

/** Consecutive times grouped by whom they fall at night for (cities, in the order of `zones`). */
export function nightGroups(slots: readonly Slot[], zones: readonly string[], f: TimeFormats): TimeGroup[] {
  const distinct = [...new Set(zones)];
  const groups: TimeGroup[] = [];
  for (const slot of slots) {
    const night = distinct.filter((z) => isNight(f.hourIn(slot.start, z))).map(city);
    const last = groups[groups.length - 1];
    if (last && last.night.join() === night.join()) last.slots.push(slot);
    else groups.push({ night, slots: [slot] });
  }
  return groups;
}

/** "These times are at night in Singapore (10 PM to 7 AM)." */
export function nightNote(cities: string[], hour12: boolean): string {
  const span = hour12 ? '10 PM to 7 AM' : '22:00 to 07:00';
  const where = cities.length > 1 ? `${cities.slice(0, -1).join(', ')} and ${cities[cities.length - 1]}` : cities[0];
  return `These times are at night in ${where} (${span}).`;
}
