// Renders manage mode into the widget's host; loaded on its own so the booking widget does not carry it.
import { render } from 'preact';
import { ManageApp } from './ManageApp.tsx';
import { createManageStore, type ManageMode } from './manageStore.ts';

export function mountManage(host: ShadowRoot | HTMLElement, apiBase: string, mode: ManageMode, preload?: Promise<Response>): () => void {
  const store = createManageStore(apiBase, mode, preload);
  render(<ManageApp m={store} />, host);
  return () => {
    render(null, host);
    store.dispose();
  };
}
