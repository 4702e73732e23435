// Renders the widget into a shadow root (with its stylesheet adopted) or an element; shared by both entry points.
import { render } from 'preact';
import { App } from './App.tsx';
import type { ManageMode } from './manage/manageStore.ts';
import { loadLater } from './laterSteps.ts';
import type { WidgetOptions } from './mount.tsx';
import { createStore, StoreContext } from './store.ts';
import css from './styles.css?inline';
import { setLocaleHint } from './locale.ts';

let sheet: CSSStyleSheet | null = null;
let laterSheet: CSSStyleSheet | null = null;
const roots = new Set<ShadowRoot>();

/** The widget's look as constructable stylesheets, shared by every widget on the page (no <style>, so no CSP 'unsafe-inline'). */
function adoptStyles(root: ShadowRoot) {
  if (!('adoptedStyleSheets' in root) || typeof CSSStyleSheet !== 'function') return;
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    roots.add(root);
    // Before the loader's sheet, so that it (the data-duet-accent colour, the reserved height) keeps the last word.
    const own = [sheet, ...(laterSheet ? [laterSheet] : [])];
    root.adoptedStyleSheets = [...own, ...root.adoptedStyleSheets.filter((s) => !own.includes(s))];
  } catch {
    /* a DOM without constructable stylesheets (jsdom in tests) renders unstyled */
  }
}

/** The later steps' rules (widget/laterStyles.ts), adopted by every widget's root before those steps render. */
export function adoptLaterStyles(rules: string) {
  if (!rules || laterSheet || typeof CSSStyleSheet !== 'function') return;
  try {
    const next = new CSSStyleSheet();
    next.replaceSync(rules);
    laterSheet = next;
  } catch {
    return;
  }
  for (const root of roots) adoptStyles(root);
}

/** Renders the intake into `host`; returns an unmount function. */
export function renderWidget(host: ShadowRoot | HTMLElement, options: WidgetOptions): () => void {
  if (typeof ShadowRoot !== 'undefined' && host instanceof ShadowRoot) adoptStyles(host);
  setLocaleHint(options.locale);
  if (options.mode?.kind === 'manage') return renderManage(host, options, options.mode);
  const store = createStore({ ...options, apiBase: options.apiBase.replace(/\/+$/, '') });
  // A visitor who reloads on a later step needs the later code now, not once the page is idle (lazyMount.tsx).
  if (store.step.value !== 0 || store.booked.value) loadLater().catch(() => {});
  render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>,
    host,
  );
  return () => {
    if (typeof ShadowRoot !== 'undefined' && host instanceof ShadowRoot) roots.delete(host);
    render(null, host);
    store.dispose();
  };
}

/** Manage mode, loaded on demand: a site's booking widget never downloads it. */
function renderManage(host: ShadowRoot | HTMLElement, options: WidgetOptions, mode: ManageMode): () => void {
  let unmount: (() => void) | undefined;
  let gone = false;
  import('./manageEntry.ts').then((m) => {
    adoptLaterStyles(m.LATER_STYLES);
    if (!gone) unmount = m.mountManage(host, options.apiBase.replace(/\/+$/, ''), mode, options.preload?.booking);
  });
  return () => {
    gone = true;
    unmount?.();
  };
}
