// A time zone as people name it: its city in today's spelling (Kolkata, Kyiv) and the name Intl gives its clock.
// Small on purpose: the first step shows the browser's zone with this; the search data loads only when opened.

// Old IANA names that browsers still report, and the names the cities go by now.
const MODERN: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'America/Godthab': 'America/Nuuk',
  'Asia/Dacca': 'Asia/Dhaka',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Asia/Ulan_Bator': 'Asia/Ulaanbaatar',
  'Asia/Thimbu': 'Asia/Thimphu',
  'Asia/Macao': 'Asia/Macau',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'Etc/UTC': 'UTC',
  'Etc/GMT': 'UTC',
  GMT: 'UTC',
  'Etc/Universal': 'UTC',
  'Etc/Zulu': 'UTC',
};
const LEGACY = Object.fromEntries(Object.entries(MODERN).map(([old, now]) => [now, old]));

/** "Asia/Calcutta" → "Asia/Kolkata"; any other zone as it is. */
export const modernZone = (zone: string): string => MODERN[zone] ?? zone;

/** A zone this browser formats with: the modern name, or its old one in a browser that knows only that. */
export function usableZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return LEGACY[zone] ?? 'UTC';
  }
}

/** The browser's own zone, in its modern name. */
export const browserZone = (): string => modernZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');

/** "America/New_York" → "New York"; "UTC" stays. */
export const city = (zone: string): string => modernZone(zone).split('/').pop()!.replace(/_/g, ' ');

const names = new Map<string, string>();
/** The zone's clock as Intl names it in English: "Pacific Time", "India Standard Time", "Coordinated Universal Time". */
export function clockName(zone: string, at = Date.now()): string {
  const key = zone;
  let name = names.get(key);
  if (name === undefined) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: usableZone(zone), timeZoneName: 'longGeneric' }).formatToParts(at);
      name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    } catch {
      name = '';
    }
    // A name that only repeats the offset ("GMT+03:00") or the city says nothing more.
    if (/^GMT|^UTC$/.test(name) && zone !== 'UTC') name = '';
    names.set(key, name);
  }
  return name;
}

/** "GMT-8", "GMT+5:30", "GMT" at instant `at`. */
export function offsetName(zone: string, at = Date.now()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: usableZone(zone), timeZoneName: 'shortOffset' }).formatToParts(at);
    return (parts.find((p) => p.type === 'timeZoneName')?.value ?? '').replace(/^GMT\+0$/, 'GMT').replace('-', '−');
  } catch {
    return '';
  }
}

/** "Los Angeles (Pacific Time, GMT−8)": what the zone field shows; short, "Los Angeles (GMT−8)", above the times. */
export function zoneLabel(zone: string, at = Date.now(), short = false): string {
  const name = short ? '' : clockName(zone, at);
  const place = city(zone);
  const extra = [name && name !== place ? name : '', offsetName(zone, at)].filter(Boolean).join(', ');
  return extra ? `${place} (${extra})` : place;
}
