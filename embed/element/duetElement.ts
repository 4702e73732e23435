// dist/duet-element.js: the <duet-booking> element, for site builders that take a custom element rather than a
// script tag (Wix's Custom Element). Each element puts the one line inside itself, its attributes as the line's
// options (accent, locale, relationship, focus, sponsor), so the widget mounts right there. It runs whether the
// builder loads it as a classic script, a module or by import(): no imports, no exports, no import.meta.

// The Duet server's public origin, written in by the server as it serves the file (server/routes/duetElement.ts).
declare const __DUET_SERVER__: string;

// In a function: loaded as a classic script, top-level names would become the host page's globals.
(() => {
  const OPTIONS = ['accent', 'locale', 'relationship', 'focus', 'sponsor'];

  class DuetBooking extends HTMLElement {
    connectedCallback() {
      // Moved within the page (a builder re-rendering its layout): it keeps the widget it already has.
      if (this.querySelector('script[data-duet]')) return;
      const script = document.createElement('script');
      script.src = `${__DUET_SERVER__}/embed.js`;
      script.async = true;
      script.setAttribute('data-duet', '');
      for (const name of OPTIONS) {
        const value = this.getAttribute(name);
        if (value) script.setAttribute(`data-duet-${name}`, value);
      }
      this.append(script);
    }
  }

  if (!customElements.get('duet-booking')) customElements.define('duet-booking', DuetBooking);
})();
