// The widget's entry point for the embed loader: render the intake into a shadow root (or element).
import { render } from 'preact';
import { App } from './App.tsx';
import type { ManageMode } from './manage/manageStore.ts';
import { createStore, StoreContext } from './store.ts';

export interface WidgetOptions {
  apiBase: string; // origin of the Duet server, e.g. "http://localhost:8787"; API paths are `${apiBase}/api/...`
  /** Requests the loader already started, so the widget doesn't wait for them: use them if present, else fetch. */
  preload?: { config?: Promise<Response>; availability?: Promise<Response>; booking?: Promise<Response> };
  /** Manage mode (the /manage page): one booked call to move or cancel instead of the intake. */
  mode?: ManageMode;
}

/** Renders the intake into `host` (a ShadowRoot or element); returns an unmount function. */
export function mountWidget(host: ShadowRoot | HTMLElement, options: WidgetOptions): () => void {
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
