// Where the widget finds the code after its first step: already linked in (mount.tsx), or loaded on demand (lazyMount.tsx).
import { signal } from '@preact/signals';

export type Later = typeof import('./later.ts');

/** The later steps once they are here; components that read it re-render when they arrive. */
export const later = signal<Later | null>(null);

let loader: (() => Promise<Later>) | null = null;
let pending: Promise<Later> | null = null;

/** Says how to fetch the later code (the embed's entry passes a dynamic import), or hands it over directly. */
export function provideLater(source: Later | (() => Promise<Later>)) {
  if (typeof source === 'function') loader = source;
  else later.value = source;
}

/** The later code: at once if it is here, else loaded (once, however many widgets ask). */
export function loadLater(): Promise<Later> {
  if (later.value) return Promise.resolve(later.value);
  if (!loader) return Promise.reject(new Error('the widget was mounted without its later steps'));
  pending ??= loader().then(
    (m) => (later.value = m),
    (err) => {
      pending = null;
      throw err;
    },
  );
  return pending;
}
