// Which zone a TZID names, in this order: an IANA name (tzdata, even when the feed embeds its own
// VTIMEZONE), a Windows name (CLDR's table), the feed's VTIMEZONE, and last the coach's zone, with a warning.
import ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import type { FeedZone } from './feedTime.ts';

export interface ZoneResolver {
  /** The zone of a TZID; none (a floating time) is the coach's zone. */
  zone(tzid: string | undefined): FeedZone;
  readonly coach: FeedZone;
  /** One line per TZID that had to fall back on the coach's zone. */
  readonly warnings: string[];
}

// CLDR's default ("001") IANA zone for each Windows zone name, looked up without regard to case.
const windowsZones = new Map(WINDOWS_TO_IANA_MAP.filter((e) => e.territory === '001').map((e) => [e.windowsName.toLowerCase(), e.iana[0]]));

// Intl builds a formatter to tell whether a zone exists: worth remembering.
const validity = new Map<string, boolean>();
function isIana(name: string): boolean {
  let valid = validity.get(name);
  if (valid === undefined) {
    if (validity.size > 1_000) validity.clear();
    validity.set(name, (valid = IANAZone.isValidZone(name)));
  }
  return valid;
}

/** The IANA zone a TZID names, itself or as a Windows zone name; null when it is neither. */
export function tzdataZone(tzid: string): IANAZone | null {
  const name = tzid.trim().replace(/^"|"$/g, '');
  if (name === '' || name.length > 100) return null;
  // "/Europe/Berlin" and Mozilla's "/mozilla.org/20050126_1/Europe/Berlin" end in an IANA name.
  const parts = name.split('/').filter((p) => p !== '');
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (i > 0 && !candidate.includes('/')) break;
    if (isIana(candidate)) return IANAZone.create(candidate);
  }
  const iana = windowsZones.get(name.toLowerCase());
  return iana && isIana(iana) ? IANAZone.create(iana) : null;
}

/** A resolver for one feed: its VTIMEZONE components and the coach's IANA zone. */
export function zoneResolver(vtimezones: readonly ICAL.Component[], coachZone: string): ZoneResolver {
  const coach: FeedZone = { kind: 'iana', zone: IANAZone.create(coachZone) };
  const embedded = new Map<string, ICAL.Component>();
  for (const component of vtimezones) {
    const id = component.getFirstPropertyValue('tzid');
    if (typeof id === 'string' && !embedded.has(id)) embedded.set(id, component);
  }
  const known = new Map<string, FeedZone>();
  const warnings: string[] = [];
  const resolve = (tzid: string): FeedZone => {
    const iana = tzdataZone(tzid);
    if (iana) return { kind: 'iana', zone: iana };
    const component = embedded.get(tzid);
    if (component) {
      try {
        const tz = new ICAL.Timezone(component);
        tz.utcOffset(ICAL.Time.fromData({ year: 2026, month: 1, day: 1 })); // a definition without rules throws here
        return { kind: 'vtimezone', tz };
      } catch {
        warnings.push(`zone ${JSON.stringify(printable(tzid))} has an unreadable VTIMEZONE: read in the coach's zone`);
        return coach;
      }
    }
    warnings.push(`zone ${JSON.stringify(printable(tzid))} is unknown: read in the coach's zone`);
    return coach;
  };
  return {
    coach,
    warnings,
    zone(tzid) {
      if (tzid === undefined || tzid === '') return coach;
      let zone = known.get(tzid);
      if (!zone) known.set(tzid, (zone = resolve(tzid)));
      return zone;
    },
  };
}

/** A TZID as it may appear in a report: at most 64 characters, no control characters. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ').slice(0, 64);
}
