// GET /book (and /): the practice's own booking page — its name, its opening line and the widget, nothing else —
// for a link in an email, a profile or a printed QR code, with the tags that make a shared link preview well.
// Its address may choose answers that say nothing about a person (?relationship=…&focus=…&sponsor=…).
import { Hono, type Context } from 'hono';
import type { Config } from '../../core/config.ts';
import { WRAPPER_CLASS, WRAPPER_CSS } from '../../core/embedSnippet.ts';
import { preselectionQuery, readPreselection, type Preselection } from '../../core/preselect.ts';
import { escapeHtml } from '../mail/mailBody.ts';
import { pageHeaders } from './pagePolicy.ts';

// The page keeps the widget's space from the first paint (the wrapper's rules), so nothing moves when it renders.
const PAGE_CSS = `
    body { margin: 0; background: #f6f7f9; color: #1f2328; font: 1rem/1.5 system-ui, sans-serif; }
    main { max-width: 44rem; margin: 0 auto; padding: 2rem 1rem 3rem; } /* the widget's own width: the two align */
    h1 { margin: 0 0 .25rem; font-size: 1.75rem; line-height: 1.25; }
    .lead { margin: 0 0 1.5rem; color: #4a5260; font-size: 1.125rem; }
    @media (max-width: 30rem) { main { padding: 1.25rem .75rem 2rem; } h1 { font-size: 1.5rem; } }
    ${WRAPPER_CSS}
  `;

/** The opening line when config.practice.description gives none. */
export const defaultDescription = (config: Config): string =>
  `A free ${config.call.minutes}-minute discovery call with two of our coaches: tell us about the two of you, then choose a time that suits you both.`;

/** The page's title, as a browser tab and a shared link show it. */
export const bookTitle = (config: Config): string => `${config.call.title} — ${config.practice.name}`;

/** The public address of the booking page (its canonical form, without any preselection). */
export const bookUrl = (config: Config): string => new URL('/book', config.practice.baseUrl).href;

/** The loader's data attributes for a preselection (read again, and checked again, by widget/preselect.ts). */
function preselectAttributes(p: Preselection): string {
  let attrs = '';
  if (p.relationship) attrs += ` data-duet-relationship="${p.relationship}"`;
  if (p.focus?.length) attrs += ` data-duet-focus="${p.focus.join(',')}"`;
  if (p.sponsor) attrs += ` data-duet-sponsor="${p.sponsor}"`;
  return attrs;
}

export function bookPageHtml(config: Config, preselection: Preselection = {}): string {
  const name = escapeHtml(config.practice.name);
  const title = escapeHtml(bookTitle(config));
  const callTitle = escapeHtml(config.call.title);
  const description = escapeHtml(config.practice.description ?? defaultDescription(config));
  const url = escapeHtml(bookUrl(config));
  const email = escapeHtml(config.practice.email);
  const image = config.practice.shareImage && escapeHtml(config.practice.shareImage);
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <meta name="description" content="${description}">
  <link rel="canonical" href="${url}">
  <meta property="og:type" content="website">
  <meta property="og:site_name" content="${name}">
  <meta property="og:title" content="${callTitle}">
  <meta property="og:description" content="${description}">
  <meta property="og:url" content="${url}">
${image ? `  <meta property="og:image" content="${image}">\n` : ''}  <meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">
  <meta name="twitter:title" content="${callTitle}">
  <meta name="twitter:description" content="${description}">
${image ? `  <meta name="twitter:image" content="${image}">\n` : ''}  <style>${PAGE_CSS}</style>
</head>
<body>
  <main>
    <h1>${name}</h1>
    <p class="lead">${description}</p>
    <div class="${WRAPPER_CLASS}"><script src="/embed.js" async data-duet${preselectAttributes(preselection)}></script></div>
    <noscript><p>Booking here needs JavaScript. You can also write to <a href="mailto:${email}">${email}</a>.</p></noscript>
  </main>
</body>
</html>
`;
}

export function bookPageRoutes(config: Config) {
  const app = new Hono();
  const headers = pageHeaders({
    css: PAGE_CSS,
    indexable: true,
    // The sites that may embed the widget may also show this page in a frame (a builder that only frames pages).
    frameAncestors: ["'self'", ...new Set(config.practice.allowedOrigins.map((o) => new URL(o).origin))].join(' '),
  });
  const plain = bookPageHtml(config);

  const page = (c: Context) => {
    const query = new URL(c.req.url).search.replace(/^\?/, '');
    if (!query) return c.html(plain, 200, headers);
    const q = new URLSearchParams(query);
    const preselection = readPreselection({ relationship: q.get('relationship'), focus: q.get('focus'), sponsor: q.get('sponsor') });
    const canonical = preselectionQuery(preselection);
    // Anything else in the address (a name, an email, a typo) is dropped, and the address itself is cleaned,
    // so that it stays out of the browser's history, bookmarks and any shared copy of the link.
    if (query !== canonical) {
      return c.redirect(`${c.req.path}${canonical ? `?${canonical}` : ''}`, 303);
    }
    return c.html(bookPageHtml(config, preselection), 200, headers);
  };
  app.get('/book', page);
  app.get('/', page);
  return app;
}
