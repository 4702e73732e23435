// A call's time as a person reads it in their own zone, in the mails: "Tuesday, 1 December 2026, 10:00–10:45 New York time (GMT-5)".

const place = (timeZone: string) => (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');

/** An interval in `timeZone`, with the zone's place name and its offset at the start. */
export function formatWhen(start: number, end: number, timeZone: string): string {
  const range = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).formatRange(start, end);
  const offset =
    new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'shortOffset' }).formatToParts(start).find((p) => p.type === 'timeZoneName')
      ?.value ?? timeZone;
  return `${range} ${place(timeZone)} time (${offset})`;
}

/** One instant in a person's zone: "Monday, 30 November 2026, 10:00 New York time". */
export function formatInstant(ms: number, timeZone: string): string {
  const at = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(ms);
  return `${at} ${place(timeZone)} time`;
}
