// The embed's entry chunk: the first step and the shell only; the later steps arrive as their own chunk right after.
import type { WidgetOptions } from './mount.tsx';
import { loadLater, provideLater } from './laterSteps.ts';
import { renderWidget } from './render.tsx';

provideLater(() => import('./later.ts'));

/** Same contract as mount.tsx's mountWidget; the later steps are fetched once the first one is on screen. */
export function mountWidget(host: ShadowRoot | HTMLElement, options: WidgetOptions): () => void {
  const unmount = renderWidget(host, options);
  // After the first paint, so this fetch never competes with what the first step needs.
  requestAnimationFrame(() => setTimeout(() => loadLater().catch(() => {}), 0));
  return unmount;
}
