// The loader behind the one script tag: finds its <script>, starts the API requests at once,
// and mounts the widget in a shadow root so the page's CSS and the widget's never meet.
import { mountWidget } from '../widget/mount.tsx';
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
  const preload = { config: get('/api/config'), availability: get('/api/availability') };
  preload.config.catch(() => {});
  preload.availability.catch(() => {});

  const host = hostFor(script, opts.target);
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(opts.accent && /^#[0-9a-fA-F]{3,8}$/.test(opts.accent) ? `${css}\n:host{--duet-accent:${opts.accent}}` : css);
  root.adoptedStyleSheets = [sheet];
  mountWidget(root, { apiBase: opts.apiBase, preload });
}

const script = currentScript();
if (script) mount(script);
