// What runs behind the one script tag (dist/embed.js, one classic script with the first step inside): finds its
// <script>, starts the API requests at once, reserves the widget's space in a shadow root so that the page neither
// shifts nor shares CSS with the widget, and renders the first step there and then; the later steps are chunks.
import type { WidgetOptions } from '../widget/mount.tsx';
import { mountWidget } from '../widget/lazyMount.tsx';

// The host is the widget's own element: `all: initial !important` shuts out whatever the page's CSS does to it
// (resets such as `* { all: unset !important }`, inherited fonts, letter-spacing, text-transform), since inside the
// shadow root an !important rule beats the page's. Custom properties (`--duet-*`) are not reset: they are the theme.
// The height kept free before the widget renders is the first step's, so the page below never moves (CLS 0);
// a site can change it with `--duet-min-height`.
const HOST_CSS = `:host{all:initial!important;display:block!important;min-height:var(--duet-min-height,50rem)!important}
@media (max-width:30rem){:host{min-height:var(--duet-min-height,56rem)!important}}`;

function currentScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && !current.hasAttribute('data-duet-mounted')) return current;
  // Loaded some other way (injected by a tag manager after the fact): the first tag not mounted yet.
  return document.querySelector<HTMLScriptElement>('script[data-duet]:not([data-duet-mounted])');
}

/** A colour safe to put in a stylesheet: anything the browser reads as a colour, and nothing that could end the rule. */
function colour(value: string | undefined): string | undefined {
  return value && !/[;{}<>\\]/.test(value) && CSS.supports('color', value) ? value : undefined;
}

function locale(value: string | undefined): string | undefined {
  try {
    return value ? Intl.DateTimeFormat.supportedLocalesOf(value)[0] : undefined;
  } catch {
    return undefined; // not a BCP 47 tag
  }
}

/** On the server's /manage page (data-duet-manage) the page's address names the booking and carries its token. */
function manageMode(script: HTMLScriptElement): WidgetOptions['mode'] {
  if (!script.hasAttribute('data-duet-manage')) return undefined;
  const q = new URLSearchParams(location.search);
  return { kind: 'manage', id: q.get('id') ?? '', token: q.get('token') ?? '' };
}

/** The widget's own element: after the script, or inside the `data-duet-target` element (whose own styling the site keeps). */
function hostFor(script: HTMLScriptElement, target?: string): HTMLElement {
  let container: Element | null = null;
  try {
    container = target ? document.querySelector(target) : null;
  } catch {
    /* not a valid selector: mount beside the script instead */
  }
  const host = document.createElement('div');
  host.className = 'duet-widget';
  if (container) container.append(host);
  else script.after(host);
  return host;
}

function mount(script: HTMLScriptElement) {
  script.setAttribute('data-duet-mounted', '');
  const src = script.src || document.baseURI;
  const data = script.dataset;
  const apiBase = (data.duetApi ? new URL(data.duetApi, document.baseURI).href : new URL(src).origin).replace(/\/+$/, '');

  // Both requests start now, before the first render, which does not wait for them (built-in texts stand in):
  // the slots are on their way while the first step is filled in.
  const get = (path: string) => fetch(apiBase + path, { credentials: 'omit', mode: 'cors' });
  const mode = manageMode(script);
  const preload = mode
    ? { booking: get(`/api/bookings/${encodeURIComponent(mode.id)}?token=${encodeURIComponent(mode.token)}`) }
    : { config: get('/api/config'), availability: get('/api/availability') };
  for (const request of Object.values(preload)) request.catch(() => {});

  const host = hostFor(script, data.duetTarget);
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  const accent = colour(data.duetAccent);
  sheet.replaceSync(accent ? `${HOST_CSS}\n:host{--duet-accent:${accent}}` : HOST_CSS);
  root.adoptedStyleSheets = [sheet];

  // Several widgets on one page each keep their own answers across a reload.
  const index = [...document.querySelectorAll('script[data-duet]')].indexOf(script);
  mountWidget(root, {
    apiBase,
    preload,
    mode,
    locale: locale(data.duetLocale),
    instance: index > 0 ? String(index + 1) : undefined,
    // Non-personal answers chosen in advance (the /book page's address): the widget checks each against its options.
    preselect: { relationship: data.duetRelationship, focus: data.duetFocus, sponsor: data.duetSponsor },
  });
}

/** Mounts the tag that is running now. A second tag on the page runs embed.js again: the build's wrapper then calls
 * the first copy's boot instead (one Preact and one set of signals per page, see embed/classicEmbed.ts). */
export function boot() {
  // User Timing: lets a site (and bench/embed.bench.ts) measure from the moment the loader starts running.
  performance.mark?.('duet:start');
  const script = currentScript();
  if (script) mount(script);
}

boot();
