// The embed's mount: the first step and the shell, linked into embed.js; the later steps are a chunk fetched when idle.
import type { WidgetOptions } from './mount.tsx';
import { loadLater, provideLater } from './laterSteps.ts';
import { adoptLaterStyles, renderWidget } from './render.tsx';

// The one split point of the intake (vite.config.ts): everything later.ts reaches and the first step does not.
// Its style rules are adopted before `later` is set, so no later step ever shows unstyled.
provideLater(() =>
  import('./later.ts').then((m) => {
    adoptLaterStyles(m.LATER_STYLES);
    return m;
  }),
);

/** When the page has a moment after the first frame: the first step is usable before this fetch starts. */
function whenIdle(then: () => void) {
  requestAnimationFrame(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(then, { timeout: 2000 });
    else setTimeout(then, 0); // Safari has no requestIdleCallback
  });
}

/** Same contract as mount.tsx's mountWidget; the later steps are fetched once the first one is on screen. */
export function mountWidget(host: ShadowRoot | HTMLElement, options: WidgetOptions): () => void {
  const unmount = renderWidget(host, options);
  // A failure here is not shown: "Next" asks again and says so if it fails too (store.ts, withLater).
  whenIdle(() => loadLater().catch(() => {}));
  return unmount;
}
