// The headers of the pages Duet serves to the public (/book, /embed and its preview): a same-origin policy that
// allows each page's one <style> by its hash (no 'unsafe-inline'), scripts only as files, and no sniffing.
import { createHash } from 'node:crypto';

export interface PagePolicy {
  /** The page's one <style> element's text, allowed by its hash. */
  css: string;
  /** Origins besides 'self' the page loads scripts from and talks to (the Duet server's public origin). */
  also?: string[];
  /** Who may show the page in a frame: a CSP source list; none when absent. */
  frameAncestors?: string;
  /** Which pages it may itself show in a frame (the builder's preview); none when absent. */
  frames?: string;
  /** Search engines list it (the booking page) or not (the tools). */
  indexable?: boolean;
}

export const styleHash = (css: string): string => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

export function pageHeaders(p: PagePolicy): Record<string, string> {
  const also = [...new Set(p.also ?? [])].map((o) => ` ${o}`).join('');
  const csp = [
    "default-src 'none'",
    `script-src 'self'${also}`,
    `style-src 'self' ${styleHash(p.css)}`,
    `connect-src 'self'${also}`,
    "img-src 'self' data:",
    ...(p.frames ? [`frame-src ${p.frames}`] : []),
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${p.frameAncestors ?? "'none'"}`,
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    ...(p.indexable ? {} : { 'X-Robots-Tag': 'noindex' }),
  };
}
