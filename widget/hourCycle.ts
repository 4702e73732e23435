// The clock a locale reads by default: the times' first 12/24-hour choice (the Time step's switch changes it).
// In the later code: it asks Intl for the locale's data, which the first step (it shows no time) must not wait for.
/** Whether the locale reads a 12-hour clock by default (en-US yes, en-GB no). */
export function prefersHour12(locale: string): boolean {
  try {
    return new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hour12 === true;
  } catch {
    return false;
  }
}
