// A lazily loaded part's own styles (the time picker's, the zone search's), adopted by the shadow root it renders
// in when it first renders: the first step's stylesheet stays small, and no <style> is needed (strict CSP).
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';

const sheets = new Map<string, CSSStyleSheet | null>();

function sheetOf(css: string): CSSStyleSheet | null {
  if (!sheets.has(css)) {
    let sheet: CSSStyleSheet | null = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = null; // a DOM without constructable stylesheets (jsdom in tests) renders unstyled
    }
    sheets.set(css, sheet);
  }
  return sheets.get(css)!;
}

/** Adopts `css` into the shadow root around `ref` (before paint), after the sheets already there. */
export function useSheet(ref: RefObject<Element | null>, css: string) {
  useLayoutEffect(() => {
    const root = ref.current?.getRootNode();
    if (typeof ShadowRoot === 'undefined' || !(root instanceof ShadowRoot)) return;
    const sheet = sheetOf(css);
    if (!sheet || root.adoptedStyleSheets.includes(sheet)) return;
    // After the widget's own sheet, before the loader's, which keeps the last word (data-duet-accent, the reserved height).
    const list = [...root.adoptedStyleSheets];
    list.splice(Math.min(1, list.length), 0, sheet);
    root.adoptedStyleSheets = list;
  }, []);
}
