// The links the server's replies carry (the calendar file, the manage page), made safe to put in an href.

/** A link from the server: absolute http(s) as is, a path under the API origin; anything else is dropped. */
export function linkTo(apiBase: string, url: string | undefined): string | undefined {
  if (!url) return undefined;
  if (/^https?:\/\//i.test(url)) return url;
  return url.startsWith('/') && !url.startsWith('//') ? `${apiBase}${url}` : undefined;
}
