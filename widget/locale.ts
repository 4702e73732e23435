// The locale dates and times are written in: the site's data-duet-locale if it gave one, else the visitor's own.
let hint: string | undefined;

/** The site's locale hint (data-duet-locale), for the whole page. */
export function setLocaleHint(value: string | undefined) {
  hint = value || undefined;
}

function supported(tag: string | undefined): string | undefined {
  try {
    return tag ? Intl.DateTimeFormat.supportedLocalesOf(tag)[0] : undefined;
  } catch {
    return undefined; // not a BCP 47 tag
  }
}

/** data-duet-locale, else navigator.language ("en-US" reads 9:15 AM, "en-GB" 09:15), else en-GB. */
export const widgetLocale = (): string =>
  supported(hint) ?? supported(typeof navigator === 'undefined' ? undefined : navigator.language) ?? 'en-GB';
