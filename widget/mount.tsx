// The widget's entry point for the embed loader: render the intake into a shadow root (or element).
import { render } from 'preact';
import { App } from './App.tsx';
import { createStore, StoreContext } from './store.ts';

export interface WidgetOptions {
  apiBase: string; // origin of the Duet server, e.g. "http://localhost:8787"; API paths are `${apiBase}/api/...`
  /** Requests the loader already started, so the widget doesn't wait for them: use them if present, else fetch. */
  preload?: { config?: Promise<Response>; availability?: Promise<Response> };
}

/** Renders the intake into `host` (a ShadowRoot or element); returns an unmount function. */
export function mountWidget(host: ShadowRoot | HTMLElement, options: WidgetOptions): () => void {
  const store = createStore({ ...options, apiBase: options.apiBase.replace(/\/+$/, '') });
  render(<StoreContext.Provider value={store}><App /></StoreContext.Provider>, host);
  return () => {
    render(null, host);
    store.dispose();
  };
}
