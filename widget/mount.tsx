// The widget's entry point with every step linked in: render the intake into a shadow root (or element).
// The embed uses lazyMount.tsx instead, which loads the steps after the first one on demand.
import * as later from './later.ts';
import { provideLater } from './laterSteps.ts';
import type { RawPreselection } from '../core/preselect.ts';
import type { ManageMode } from './manage/manageStore.ts';
import { renderWidget } from './render.tsx';

export interface WidgetOptions {
  apiBase: string; // origin of the Duet server, e.g. "http://localhost:8787"; API paths are `${apiBase}/api/...`
  /** Requests the loader already started, so the widget doesn't wait for them: use them if present, else fetch. */
  preload?: { config?: Promise<Response>; availability?: Promise<Response>; booking?: Promise<Response> };
  /** Manage mode (the /manage page): one booked call to move or cancel instead of the intake. */
  mode?: ManageMode;
  /** BCP 47 locale for dates and times (the embed's data-duet-locale, as written); one Intl does not know, or none, means the
   * visitor's own (navigator.language). */
  locale?: string;
  /** Tells apart several widgets on one page, so each keeps its own answers across a reload. */
  instance?: string;
  /** Choices made in advance (data-duet-relationship, -focus, -sponsor): never a name, email or free text. */
  preselect?: RawPreselection;
}

provideLater(later);

/** Renders the intake into `host` (a ShadowRoot or element); returns an unmount function. */
export function mountWidget(host: ShadowRoot | HTMLElement, options: WidgetOptions): () => void {
  return renderWidget(host, options);
}
