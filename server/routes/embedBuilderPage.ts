// GET /embed: the builder for a site editor (accent, locale, target; the real widget as it will look; the line, the
// wrapper and the CSP lines to copy; may my site book?). GET /embed/preview: exactly that snippet on a bare page,
// framed by the builder. Both are whole without JavaScript (the choices travel in the address); the builder's
// script (/embed-builder.js, embed/builder/) makes them live under the same strict policy: no inline script.
import { Hono, type Context } from 'hono';
import type { OriginCheck } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import {
  cspDirectives,
  cspHeader,
  DEFAULT_ACCENT,
  embedLine,
  originVerdict,
  previewPath,
  readEmbedChoice,
  serverOrigin,
  siteOrigin,
  WRAPPER_CSS,
  wrapperHtml,
  type EmbedChoice,
} from '../../core/embedSnippet.ts';
import type { OriginPolicy } from '../http/originPolicy.ts';
import { escapeHtml as e } from '../mail/mailBody.ts';
import { BUILDER_CSS, PREVIEW_CSS } from './embedBuilderStyles.ts';
import { pageHeaders } from './pagePolicy.ts';

/** Locales offered for dates and times, each shown with how it writes a quarter past nine in the morning. */
const LOCALES: [string, string][] = [
  ['en-US', 'English (United States)'],
  ['en-GB', 'English (United Kingdom)'],
  ['en-CA', 'English (Canada)'],
  ['en-AU', 'English (Australia)'],
  ['de-DE', 'Deutsch (Deutschland)'],
  ['fr-FR', 'Français (France)'],
  ['es-ES', 'Español (España)'],
  ['pt-BR', 'Português (Brasil)'],
  ['nl-NL', 'Nederlands'],
  ['it-IT', 'Italiano'],
];
const quarterPastNine = (locale: string) =>
  new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 5, 9, 15));

const query = (c: Context) =>
  readEmbedChoice({ accent: c.req.query('accent'), locale: c.req.query('locale'), target: c.req.query('target') });

function localeOptions(chosen?: string): string {
  const list = chosen && !LOCALES.some(([tag]) => tag === chosen) ? [...LOCALES, [chosen, chosen] as [string, string]] : LOCALES;
  const option = (tag: string, label: string) =>
    `<option value="${e(tag)}"${tag === (chosen ?? '') ? ' selected' : ''}>${e(label)}</option>`;
  return [option('', "Not set: the widget's default"), ...list.map(([tag, name]) => option(tag, `${name}: ${quarterPastNine(tag)}`))].join(
    '\n          ',
  );
}

const copyButton = (of: string, label: string) =>
  `<p class="copy"><button type="button" class="secondary" data-copy="${of}" hidden>${label}</button> <span class="copied" role="status"></span></p>`;

function siteAnswer(check: OriginCheck | { error: string } | null): string {
  if (!check) return '';
  if ('error' in check) return `<p class="no">${e(check.error)}</p>`;
  const verdict = originVerdict(check);
  if (check.allowed) return `<p class="ok">${e(verdict.says)}</p>`;
  return `<p class="no">${e(verdict.says)}</p>\n        <p>${e(verdict.then ?? '')}</p>\n        <pre><code id="out-origin">${e(check.line)}</code></pre>\n        ${copyButton('out-origin', 'Copy the config line')}`;
}

export function embedBuilderHtml(config: Config, choice: EmbedChoice, site: string, check: OriginCheck | { error: string } | null): string {
  const server = serverOrigin(config.practice.baseUrl);
  const hidden = (['accent', 'locale', 'target'] as const)
    .map((k) => (choice[k] ? `<input type="hidden" name="${k}" value="${e(choice[k]!)}">` : ''))
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Put the booking form on your site — ${e(config.practice.name)}</title>
  <style>${BUILDER_CSS}</style>
  <script type="module" src="/embed-builder.js"></script>
</head>
<body>
  <main id="builder" data-server="${e(server)}">
    <h1>Put the booking form on your site</h1>
    <p>Choose how the form looks, see it as your visitors will, and copy what your site needs. If your site builder
      will not run scripts, link to your booking page instead: <a href="/book">${e(new URL('/book', config.practice.baseUrl).href)}</a>.</p>

    <form id="choices" method="get" action="/embed">
      <fieldset>
        <legend>How it looks</legend>
        <div class="field">
          <label for="accent">Accent colour</label>
          <input type="color" id="accent" name="accent" value="${e(choice.accent ?? DEFAULT_ACCENT)}" aria-describedby="accent-hint">
          <p class="hint" id="accent-hint">Buttons, focus rings and the chosen time.</p>
        </div>
        <div class="field">
          <label for="locale">Dates and times</label>
          <select id="locale" name="locale" aria-describedby="locale-hint">
          ${localeOptions(choice.locale)}
          </select>
          <p class="hint" id="locale-hint">How days and times are written; the form's words stay in English.</p>
        </div>
        <div class="field">
          <label for="target">Place it inside the element with this id (optional)</label>
          <input type="text" id="target" name="target" value="${e(choice.target ?? '')}" spellcheck="false" autocomplete="off" aria-describedby="target-hint target-error">
          <p class="hint" id="target-hint">Empty: the form appears where the line is. With an id such as <code>booking</code>, it goes into that element.</p>
          <p class="error" id="target-error" role="alert"></p>
        </div>
        <p class="apply"><button type="submit">Show</button></p>
      </fieldset>
    </form>

    <section class="preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">How it will look</h2>
      <p>This is the real form: a call booked here is a real booking.</p>
      <fieldset class="widths">
        <legend>Preview width</legend>
        <label><input type="radio" name="width" id="width-wide" value="wide" checked> Wide</label>
        <label><input type="radio" name="width" id="width-phone" value="phone"> Phone (390 pixels)</label>
      </fieldset>
      <div class="frame"><iframe id="preview" title="Preview of the booking form" src="${e(previewPath(choice))}"></iframe></div>
    </section>

    <section aria-labelledby="paste-heading">
      <h2 id="paste-heading">What to paste</h2>
      <h3>The one line</h3>
      <p>Where the form should appear (with a target id: anywhere after that element).</p>
      <pre><code id="out-line">${e(embedLine(server, choice))}</code></pre>
      ${copyButton('out-line', 'Copy the line')}
      <h3>The space it keeps</h3>
      <p>The form keeps its space as soon as the line runs. To keep it from the very first paint, so that nothing
        below it moves (a form near the top of a page), paste this instead of the line:</p>
      <pre><code id="out-wrapper">${e(wrapperHtml(server, choice))}</code></pre>
      ${copyButton('out-wrapper', 'Copy the HTML')}
      <p>and add these rules to your site's stylesheet:</p>
      <pre><code id="out-css">${e(WRAPPER_CSS)}</code></pre>
      ${copyButton('out-css', 'Copy the CSS')}
      <h3>Content-Security-Policy</h3>
      <p>If your site sends a Content-Security-Policy, add this server to two of its directives (nothing else, not even style-src):</p>
      <pre><code id="out-csp">${e(cspDirectives(server))}</code></pre>
      ${copyButton('out-csp', 'Copy the directives')}
      <p>A site without a policy yet that loads everything else from itself can send this one:</p>
      <pre><code id="out-csp-header">${e(cspHeader(server))}</code></pre>
      ${copyButton('out-csp-header', 'Copy the policy')}
    </section>

    <section aria-labelledby="site-heading">
      <h2 id="site-heading">May your site book?</h2>
      <form id="site-form" method="get" action="/embed">
        ${hidden}
        <div class="field">
          <label for="site">Your site's address</label>
          <input type="text" id="site" name="site" value="${e(site)}" inputmode="url" autocomplete="url" spellcheck="false" placeholder="https://www.example.org" aria-describedby="site-hint">
          <p class="hint" id="site-hint">The address of a page where the form will be, such as https://www.example.org/coaching.</p>
        </div>
        <p><button type="submit">Check</button></p>
      </form>
      <div id="site-answer" aria-live="polite">${siteAnswer(check)}</div>
    </section>
  </main>
</body>
</html>
`;
}

export function previewHtml(config: Config, choice: EmbedChoice): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Preview of the booking form</title>
  <style>${PREVIEW_CSS}</style>
</head>
<body>
  <main>
    ${wrapperHtml(serverOrigin(config.practice.baseUrl), choice)}
  </main>
</body>
</html>
`;
}

/** The same answer as GET /api/origin-check, for the page rendered without JavaScript. */
function check(policy: OriginPolicy, site: string): OriginCheck | { error: string } | null {
  if (!site.trim()) return null;
  const origin = siteOrigin(site);
  if (!origin) return { error: 'That is not a web address: write it as https://www.example.org.' };
  return policy.check(origin);
}

export function embedBuilderRoutes(config: Config, policy: OriginPolicy) {
  const app = new Hono();
  const server = serverOrigin(config.practice.baseUrl);
  const builderHeaders = pageHeaders({ css: BUILDER_CSS, frames: `'self' ${server}` });
  const previewHeaders = pageHeaders({ css: PREVIEW_CSS, also: [server], frameAncestors: "'self'" });
  app.get('/embed', (c) => {
    const site = (c.req.query('site') ?? '').slice(0, 2048);
    return c.html(embedBuilderHtml(config, query(c), site, check(policy, site)), 200, builderHeaders);
  });
  app.get('/embed/preview', (c) => c.html(previewHtml(config, query(c)), 200, previewHeaders));
  return app;
}
