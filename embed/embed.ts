// The loader behind the one script tag: finds its <script>, starts the API requests at once,
// and mounts the widget in a shadow root so the page's CSS and the widget's never meet.
import { mountWidget, type WidgetOptions } from '../widget/mount.tsx';
import css from '../widget/styles.css?inline';

interface EmbedOptions { apiBase: string; accent?: string; target?: string }

function currentScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // With `async` the script may run after parsing has moved on: find the tag that has not been mounted yet.
  return document.querySelector<HTMLScriptElement>('script[data-duet]:not([data-duet-mounted])');
}

function optionsOf(script: HTMLScriptElement): EmbedOptions {
  const own = new URL(script.src, document.baseURI).origin;
  return {
    apiBase: (script.dataset.duetApi || own).replace(/\/+$/, ''),
    accent: script.dataset.duetAccent,
    target: script.dataset.duetTarget,
  };
}

/** On the server's /manage page (data-duet-manage) the page's address names the booking and carries its token. */
function manageMode(script: HTMLScriptElement): WidgetOptions['mode'] {
  if (!script.hasAttribute('data-duet-manage')) return undefined;
  const q = new URLSearchParams(location.search);
  return { kind: 'manage', id: q.get('id') ?? '', token: q.get('token') ?? '' };
}

function hostFor(script: HTMLScriptElement, target?: string): HTMLElement {
  const existing = target ? document.querySelector<HTMLElement>(target) : null;
  if (existing) return existing;
  const host = document.createElement('div');
  host.className = 'duet-widget';
  script.insertAdjacentElement('afterend', host);
  return host;
}

function mount(script: HTMLScriptElement) {
  script.setAttribute('data-duet-mounted', '');
  const opts = optionsOf(script);
  // Both requests start before the widget renders: the slots are on their way while the first step is filled in.
  const get = (path: string) => fetch(`${opts.apiBase}${path}`, { credentials: 'omit', mode: 'cors' });
  const mode = manageMode(script);
  const preload = mode
    ? { booking: get(`/api/bookings/${encodeURIComponent(mode.id)}?token=${encodeURIComponent(mode.token)}`) }
    : { config: get('/api/config'), availability: get('/api/availability') };
  for (const request of Object.values(preload)) request.catch(() => {});

  const host = hostFor(script, opts.target);
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(opts.accent && /^#[0-9a-fA-F]{3,8}$/.test(opts.accent) ? `${css}\n:host{--duet-accent:${opts.accent}}` : css);
  root.adoptedStyleSheets = [sheet];
  mountWidget(root, { apiBase: opts.apiBase, preload, mode });
}

const script = currentScript();
if (script) mount(script);
