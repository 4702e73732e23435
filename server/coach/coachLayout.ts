// The frame of every /coach page: one <style> allowed by its hash, no script at all, never cached, never framed, a
// referrer for this server only (a sign-in link's address holds its token; "no-referrer" would also make the
// browser send `Origin: null` with the pages' own forms, which the Origin check refuses), and the sign-out button.
import type { Config } from '../../core/config.ts';
import { escapeHtml } from '../mail/mailBody.ts';
import { styleHash } from '../routes/pagePolicy.ts';
import type { Viewer } from './viewer.ts';

const CSS = `
    body { margin: 0; background: #f6f7f9; color: #1f2328; font: 1rem/1.5 system-ui, sans-serif; }
    header, main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
    header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between; }
    .brand { margin: 0; font-weight: 700; }
    main { background: #fff; border-radius: .5rem; margin-bottom: 2rem; }
    h1 { font-size: 1.6rem; line-height: 1.25; margin: .25rem 0 1rem; }
    h2 { font-size: 1.25rem; margin: 1.75rem 0 .5rem; }
    h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
    a { color: #0b57d0; }
    .muted { color: #4a5260; }
    .call { border: 1px solid #d0d7de; border-radius: .5rem; padding: .75rem 1rem; margin: 0 0 .75rem; }
    .call.cancelled { background: #f6f7f9; }
    .flag { display: inline-block; padding: 0 .4rem; border-radius: .25rem; background: #fff4d6; color: #5c3c00; font-size: .875rem; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .5rem 0; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    blockquote { margin: .25rem 0 .75rem; padding: .25rem .75rem; border-left: 3px solid #8c959f; white-space: pre-wrap; }
    table { border-collapse: collapse; margin: .5rem 0; }
    th, td { text-align: left; padding: .25rem .75rem .25rem 0; border-bottom: 1px solid #d0d7de; }
    label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
    fieldset { border: 1px solid #d0d7de; border-radius: .5rem; margin: 1rem 0; padding: .5rem 1rem 1rem; }
    .choice label { display: inline; font-weight: 400; margin: 0 0 0 .25rem; }
    h1[tabindex="-1"]:focus { outline: none; }
    .choice { margin: .35rem 0; }
    input[type=email] { font: inherit; padding: .45rem .5rem; width: min(100%, 24rem); border: 1px solid #6e7781; border-radius: .25rem; }
    button { font: inherit; padding: .45rem 1rem; border-radius: .25rem; border: 1px solid #0b57d0; background: #0b57d0; color: #fff; cursor: pointer; margin-top: .75rem; }
    button.quiet { background: #fff; color: #0b57d0; margin: 0; }
    :focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
    .error { color: #a40e26; font-weight: 600; }
  `;

/** The headers of every /coach page: nothing runs, nothing loads from elsewhere, nothing is kept. */
export const COACH_PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    `default-src 'none'; style-src ${styleHash(CSS)}; img-src 'self'; base-uri 'none'; ` + "form-action 'self'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
  'X-Robots-Tag': 'noindex, nofollow',
};

export interface PageInput {
  title: string;
  /** The page's own HTML (already escaped), below its <h1>. */
  body: string;
  viewer?: Viewer;
}

/** A whole page; the heading takes focus when it opens, so that a screen reader starts there. */
export function coachPage(config: Config, p: PageInput): string {
  const practice = escapeHtml(config.practice.name);
  const signOut = p.viewer
    ? `<form method="post" action="/coach/signout"><span class="muted">Signed in as ${escapeHtml(p.viewer.name)}</span> ` +
      '<button type="submit" class="quiet">Sign out</button></form>'
    : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta name="referrer" content="same-origin">
  <title>${escapeHtml(p.title)} — ${practice}</title>
  <style>${CSS}</style>
</head>
<body>
  <header><p class="brand"><a href="/coach">${practice} · coaches</a></p>${signOut}</header>
  <main>
    <h1 tabindex="-1" autofocus>${escapeHtml(p.title)}</h1>
${p.body}
  </main>
</body>
</html>
`;
}
