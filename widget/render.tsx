// Renders the widget into a shadow root (with its stylesheet adopted) or an element; shared by both entry points.
import { render } from 'preact';
import { App } from './App.tsx';
import type { ManageMode } from './manage/manageStore.ts';
import type { WidgetOptions } from './mount.tsx';
import { createStore, StoreContext } from './store.ts';
import css from './styles.css?inline';
import { setLocaleHint } from './locale.ts';

let sheet: CSSStyleSheet | null = null;

/** The widget's look as one constructable stylesheet, shared by every widget on the page (no <style>, so no CSP 'unsafe-inline'). */
function adoptStyles(root: ShadowRoot) {
  if (!('adoptedStyleSheets' in root) || typeof CSSStyleSheet !== 'function') return;
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    // First, so that the loader's sheet (the data-duet-accent colour, the reserved height) keeps the last word.
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [sheet, ...root.adoptedStyleSheets];
  } catch { /* a DOM without constructable stylesheets (jsdom in tests) renders unstyled */ }
}

/** Renders the intake into `host`; returns an unmount function. */
export function renderWidget(host: ShadowRoot | HTMLElement, options: WidgetOptions): () => void {
  if (typeof ShadowRoot !== 'undefined' && host instanceof ShadowRoot) adoptStyles(host);
  setLocaleHint(options.locale);
  if (options.mode?.kind === 'manage') return renderManage(host, options, options.mode);
  const store = createStore({ ...options, apiBase: options.apiBase.replace(/\/+$/, '') });
  render(<StoreContext.Provider value={store}><App /></StoreContext.Provider>, host);
  return () => {
    render(null, host);
    store.dispose();
  };
}

/** Manage mode, loaded on demand: a site's booking widget never downloads it. */
function renderManage(host: ShadowRoot | HTMLElement, options: WidgetOptions, mode: ManageMode): () => void {
  let unmount: (() => void) | undefined;
  let gone = false;
  import('./manage/mountManage.tsx').then((m) => {
    if (!gone) unmount = m.mountManage(host, options.apiBase.replace(/\/+$/, ''), mode, options.preload?.booking);
  });
  return () => {
    gone = true;
    unmount?.();
  };
}
