// The searchable list of time zones (loaded with the search, never with the first step): @vvo/tzdb's grouped zones
// with their cities, countries and clock names, searched the way people name a place or a clock.
import zones from '@vvo/tzdb/raw-time-zones.json';
import { ALIASES, PREFERRED } from './zoneAliases.ts';
import { city, modernZone } from './zoneName.ts';

export interface ZoneEntry {
  zone: string;
  city: string;
  country: string;
  /** The clock's name in the data ("Pacific Time"), for search; the display asks Intl. */
  generic: string;
  /** The cities a person may look for: the zone's own, its main cities, and the old names of its group. */
  places: string[];
}

export interface ZoneMatch {
  entry: ZoneEntry;
  score: number;
  /** A city other than the zone's own that matched. */ via?: string;
}

/** Lower case, no accents, words separated by one space: "São Paulo" and "sao-paulo" read alike. */
export const normalise = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();

interface Indexed {
  entry: ZoneEntry;
  places: string[];
  country: string;
  code: string;
  generic: string;
  abbrs: string[];
  id: string;
}

let index: Indexed[] | null = null;
function build(): Indexed[] {
  const list: Indexed[] = zones.map((z) => {
    const zone = modernZone(z.name);
    const places = [
      ...new Set([
        city(zone),
        ...z.mainCities,
        ...z.group.filter((g) => /^(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\//.test(g)).map(city),
      ]),
    ];
    const entry: ZoneEntry = { zone, city: city(zone), country: z.countryName, generic: z.alternativeName, places };
    return {
      entry,
      places: places.map(normalise),
      country: normalise(z.countryName),
      code: z.countryCode.toLowerCase(),
      generic: normalise(z.alternativeName),
      abbrs: [z.abbreviation, (z as { dstAbbreviation?: string }).dstAbbreviation ?? '']
        .filter((a) => /^[A-Z]{2,5}$/.test(a))
        .map((a) => a.toLowerCase()),
      id: normalise(zone),
    };
  });
  list.push({
    entry: { zone: 'UTC', city: 'UTC', country: '', generic: 'Coordinated Universal Time', places: ['UTC'] },
    places: ['utc'],
    country: '',
    code: '',
    generic: 'coordinated universal time',
    abbrs: ['utc'],
    id: 'utc',
  });
  return list;
}

/** 3 for the whole text, 2 for its start, 1 for the start of one of its words. */
function fit(q: string, text: string): number {
  if (!text) return 0;
  if (text === q) return 3;
  if (text.startsWith(q)) return 2;
  return ` ${text}`.includes(` ${q}`) ? 1 : 0;
}

function score(q: string, z: Indexed): ZoneMatch | null {
  let best = 0;
  let via: string | undefined;
  if (ALIASES[q] === z.entry.zone) best = 1000;
  if (z.abbrs.includes(q)) best = Math.max(best, 600);
  // A whole-word match beats a start, which beats a word inside; at each level a city beats a country beats a clock.
  let placeScore = 0;
  z.places.forEach((p, i) => {
    const s = [0, 300, 400, 500][fit(q, p)];
    if (s > placeScore) [placeScore, via] = [s, z.entry.places[i] !== z.entry.city ? z.entry.places[i] : undefined];
  });
  const other = Math.max(
    [0, 280, 380, 490][fit(q, z.country)],
    z.code === q ? 380 : 0,
    [0, 270, 370, 480][fit(q, z.generic)],
    fit(q, z.id) ? 150 : 0,
  );
  if (placeScore < other) via = undefined;
  best = Math.max(best, placeScore, other);
  return best ? { entry: z.entry, score: best, via: best < 600 ? via : undefined } : null;
}

const rank = (zone: string) => {
  const i = PREFERRED.indexOf(zone);
  return i < 0 ? PREFERRED.length : i;
};

/** The best matches for what was typed, best first: "EST" → New York, "India" → Kolkata, "Pacific Time" → Los Angeles. */
export function searchZones(query: string, limit = 8): ZoneMatch[] {
  const q = normalise(query);
  if (!q) return [];
  index ??= build();
  return index
    .map((z) => score(q, z))
    .filter((m): m is ZoneMatch => m !== null)
    .sort((a, b) => b.score - a.score || rank(a.entry.zone) - rank(b.entry.zone) || a.entry.city.localeCompare(b.entry.city))
    .slice(0, limit);
}

/** The entry of one zone (any of its names), for suggestions. */
export function zoneEntry(zone: string): ZoneEntry {
  index ??= build();
  const z = modernZone(zone);
  return (
    index.find((x) => x.entry.zone === z)?.entry ??
    index.find((x) => zones.some((r) => modernZone(r.name) === x.entry.zone && r.group.includes(zone)))?.entry ?? {
      zone: z,
      city: city(z),
      country: '',
      generic: '',
      places: [city(z)],
    }
  );
}
