// What people type that the zone data does not settle: abbreviations that several zones share ("EST" is also
// Panama's and Jamaica's), common names of a country's clock, and the order to offer a country's zones in.

/** A typed name (normalised) → the zone most people mean by it. */
export const ALIASES: Record<string, string> = {
  est: 'America/New_York', edt: 'America/New_York', et: 'America/New_York', eastern: 'America/New_York',
  'eastern time': 'America/New_York', 'eastern standard time': 'America/New_York',
  cst: 'America/Chicago', cdt: 'America/Chicago', ct: 'America/Chicago', central: 'America/Chicago',
  'central time': 'America/Chicago', 'central standard time': 'America/Chicago',
  mst: 'America/Denver', mdt: 'America/Denver', mt: 'America/Denver', mountain: 'America/Denver',
  'mountain time': 'America/Denver',
  pst: 'America/Los_Angeles', pdt: 'America/Los_Angeles', pt: 'America/Los_Angeles', pacific: 'America/Los_Angeles',
  'pacific time': 'America/Los_Angeles', 'pacific standard time': 'America/Los_Angeles',
  akst: 'America/Anchorage', hst: 'Pacific/Honolulu',
  gmt: 'Europe/London', bst: 'Europe/London', uk: 'Europe/London', britain: 'Europe/London',
  'great britain': 'Europe/London', england: 'Europe/London', scotland: 'Europe/London', wales: 'Europe/London',
  cet: 'Europe/Berlin', cest: 'Europe/Berlin', 'central european time': 'Europe/Berlin',
  ist: 'Asia/Kolkata', india: 'Asia/Kolkata', 'india standard time': 'Asia/Kolkata', bombay: 'Asia/Kolkata', calcutta: 'Asia/Kolkata',
  jst: 'Asia/Tokyo', kst: 'Asia/Seoul', sgt: 'Asia/Singapore', hkt: 'Asia/Hong_Kong',
  aest: 'Australia/Sydney', aedt: 'Australia/Sydney', awst: 'Australia/Perth', acst: 'Australia/Adelaide',
  nzst: 'Pacific/Auckland', nzdt: 'Pacific/Auckland', kiev: 'Europe/Kyiv',
  usa: 'America/New_York', us: 'America/New_York', america: 'America/New_York',
  utc: 'UTC', zulu: 'UTC', 'coordinated universal time': 'UTC',
};

/** Among zones that match equally well, these come first, most-populous clocks first. */
export const PREFERRED = [
  'America/New_York', 'America/Los_Angeles', 'America/Chicago', 'America/Denver', 'America/Phoenix',
  'America/Toronto', 'America/Vancouver', 'America/Mexico_City', 'America/Sao_Paulo', 'Europe/London', 'Europe/Berlin',
  'Europe/Paris', 'Europe/Madrid', 'Europe/Moscow', 'Asia/Kolkata', 'Asia/Shanghai', 'Asia/Tokyo', 'Asia/Jakarta',
  'Asia/Singapore', 'Australia/Sydney', 'Australia/Melbourne', 'Australia/Perth', 'Pacific/Auckland', 'UTC',
];
