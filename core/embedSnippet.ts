// What a site editor pastes, written from their choices: the one line, the wrapper that keeps the widget's space,
// the Content-Security-Policy lines, and the config line that lets their site book. Shared by the /embed page
// (server-rendered) and its script (live), so the page, the preview and the copied text never disagree.

export interface EmbedChoice {
  /** `#rrggbb`, lower case; absent for the default accent. */
  accent?: string;
  /** A BCP 47 tag such as `en-US`; absent for the widget's default. */
  locale?: string;
  /** The id of the element the widget goes into; absent: right after the line. */
  target?: string;
}

export type RawEmbedChoice = Partial<Record<keyof EmbedChoice, string | null | undefined>>;

/** The loader's accent when data-duet-accent is absent (embed/embed.ts via widget/styles.css). */
export const DEFAULT_ACCENT = '#1d4ed8';

/**
 * The space the loader keeps for the widget before it renders (embed/embed.ts, HOST_CSS): the wrapper keeps the
 * same from the first paint, before the async script has run. tests/e2e/embedBuilder.test.ts holds the two equal.
 */
export const RESERVED_SPACE = { minHeight: '50rem', narrowMinHeight: '56rem', narrowUpTo: '30rem' } as const;

export const WRAPPER_CLASS = 'duet-booking';

const ACCENT = /^#[0-9a-f]{6}$/i;
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i;
const ELEMENT_ID = /^[a-z][a-z0-9_-]{0,63}$/i;

/** Keeps each choice only when it is well formed (anything else falls back to the default, as the loader does). */
export function readEmbedChoice(raw: RawEmbedChoice): EmbedChoice {
  const out: EmbedChoice = {};
  const accent = raw.accent?.trim().toLowerCase();
  if (accent && ACCENT.test(accent) && accent !== DEFAULT_ACCENT) out.accent = accent;
  const locale = raw.locale?.trim();
  if (locale && LOCALE.test(locale)) out.locale = locale;
  const target = raw.target?.trim().replace(/^#/, '');
  if (target && ELEMENT_ID.test(target)) out.target = target;
  return out;
}

/** Why a typed element id cannot be used, or '' when it can (or is empty). */
export function targetProblem(value: string): string {
  const id = value.trim().replace(/^#/, '');
  return !id || ELEMENT_ID.test(id) ? '' : 'Use letters, digits, dashes and underscores, starting with a letter, such as booking.';
}

/** The Duet server's origin, from its public address (practice.baseUrl). */
export const serverOrigin = (baseUrl: string): string => new URL(baseUrl).origin;

/** The one line: `<script src="…/embed.js" async data-duet …>` with only the options that differ from the defaults. */
export function embedLine(server: string, choice: EmbedChoice): string {
  let attrs = ' async data-duet';
  if (choice.accent) attrs += ` data-duet-accent="${choice.accent}"`;
  if (choice.locale) attrs += ` data-duet-locale="${choice.locale}"`;
  if (choice.target) attrs += ` data-duet-target="#${choice.target}"`;
  return `<script src="${server}/embed.js"${attrs}></script>`;
}

/** The line inside an element that keeps the widget's space; with a target, that element, and the line after it. */
export function wrapperHtml(server: string, choice: EmbedChoice): string {
  const line = embedLine(server, choice);
  return choice.target
    ? `<div id="${choice.target}" class="${WRAPPER_CLASS}"></div>\n${line}`
    : `<div class="${WRAPPER_CLASS}">${line}</div>`;
}

/** The builder's preview of a choice (GET /embed/preview, server/routes/embedBuilderPage.ts). */
export function previewPath(choice: EmbedChoice): string {
  const q = new URLSearchParams();
  if (choice.accent) q.set('accent', choice.accent);
  if (choice.locale) q.set('locale', choice.locale);
  if (choice.target) q.set('target', choice.target);
  const s = q.toString();
  return `/embed/preview${s ? `?${s}` : ''}`;
}

/** The wrapper's rules, for the site's own stylesheet (a strict CSP allows no style attribute). */
export const WRAPPER_CSS =
  `.${WRAPPER_CLASS} { min-height: ${RESERVED_SPACE.minHeight}; }\n` +
  `@media (max-width: ${RESERVED_SPACE.narrowUpTo}) { .${WRAPPER_CLASS} { min-height: ${RESERVED_SPACE.narrowMinHeight}; } }`;

/** The two directives a site's Content-Security-Policy needs (nothing for style-src). */
export const cspDirectives = (server: string): string => `script-src 'self' ${server}\nconnect-src 'self' ${server}`;

/** A whole policy for a site that has none yet and loads everything else from itself. */
export const cspHeader = (server: string): string =>
  `Content-Security-Policy: default-src 'self'; script-src 'self' ${server}; style-src 'self'; connect-src 'self' ${server}`;

/**
 * The origin of a site's address as a person types it (`www.example.org/about` is `https://www.example.org`),
 * or null when it is not a web address.
 */
export function siteOrigin(address: string): string | null {
  let text = address.trim();
  if (!text || /\s/.test(text)) return null;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text) || /^[^/]+:\d+(\/|$)/.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || url.username || url.password) return null;
  return url.origin;
}

/** The `allowedOrigins` line of the config with `origin` added, exactly as it goes into `practice`. */
export function allowedOriginsLine(current: readonly string[], origin: string): string {
  const list = current.includes(origin) ? current : [...current, origin];
  return `"allowedOrigins": [${list.map((o) => JSON.stringify(o)).join(', ')}]`;
}

/** What the builder says about an origin check: one sentence, and for a refusal what to do with the line. */
export function originVerdict(check: { origin: string; allowed: boolean; because?: 'listed' | 'own' }): { says: string; then?: string } {
  if (check.allowed && check.because === 'own') return { says: `${check.origin} is this Duet server's own address: it may always book.` };
  if (check.allowed) return { says: `${check.origin} may book: it is in practice.allowedOrigins.` };
  return {
    says: `${check.origin} may not book yet: a booking from there would be refused.`,
    then: 'In the config file, replace the allowedOrigins line in "practice" with this one, then restart Duet:',
  };
}
