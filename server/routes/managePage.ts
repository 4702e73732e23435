// GET /manage?id=&token=: the page behind the duo's private link. It only shows: the widget in manage mode reads
// the booking with the token and changes it by POST. The token in the address must not travel further.
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { Config } from '../../core/config.ts';
import { escapeHtml } from '../mail/mailBody.ts';

// The page's own few rules. The CSP allows exactly this <style> by its hash, not every inline style: the page
// holds the token, so nothing injected may style (or exfiltrate through CSS) anything on it.
const PAGE_CSS = `
    body { margin: 0; background: #f6f7f9; color: #1f2328; font: 1rem/1.5 system-ui, sans-serif; }
    header, main, footer { max-width: 46rem; margin: 0 auto; padding: 1rem; }
    .brand { margin: 0; font-weight: 700; }
    main { background: #fff; border-radius: .5rem; }
    /* The loader reserves the intake's height; the manage view is shorter. */
    main { --duet-min-height: 22rem; }
    footer { color: #4a5260; font-size: .875rem; }
  `;
const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

/** No referrer (the address holds the token), never indexed, never framed, nothing from other origins. */
export const MANAGE_PAGE_HEADERS: Record<string, string> = {
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    `default-src 'none'; script-src 'self'; style-src 'self' ${PAGE_CSS_HASH}; connect-src 'self'; ` +
    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

export function managePageHtml(config: Config): string {
  const practice = escapeHtml(config.practice.name);
  const email = escapeHtml(config.practice.email);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta name="referrer" content="no-referrer">
  <title>Your discovery call — ${practice}</title>
  <style>${PAGE_CSS}</style>
</head>
<body>
  <header><p class="brand">${practice}</p></header>
  <main>
    <script src="/embed.js" async data-duet data-duet-manage></script>
    <noscript><p>This page needs JavaScript to move or cancel your call. You can also write to ${email}.</p></noscript>
  </main>
  <footer><p>${practice} · <a href="mailto:${email}">${email}</a></p></footer>
</body>
</html>
`;
}

export function managePageRoutes(config: Config) {
  const app = new Hono();
  const page = managePageHtml(config);
  // Opening the link changes nothing (mail scanners open every link): the page is the same for every token.
  app.get('/manage', (c) => c.html(page, 200, MANAGE_PAGE_HEADERS));
  return app;
}
