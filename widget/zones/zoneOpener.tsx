// Opening a zone answer's search and closing it again, for the zone field (the first step) and the zone line above
// the times: "Change" fetches the search (zones/ZoneSearch.tsx, once for the page), the keyboard goes into it when a
// click opened it, and back to "Change" when it closes.
import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ZoneSearchProps } from './ZoneSearch.tsx';

let search: Promise<ComponentType<ZoneSearchProps>> | null = null;
/** The search component, fetched once for every field on the page. */
export function loadZoneSearch(): Promise<ComponentType<ZoneSearchProps>> {
  search ??= import('./ZoneSearch.tsx').then(
    (m) => m.ZoneSearch,
    (err) => {
      search = null;
      throw err;
    },
  );
  return search;
}

export interface ZoneAnswerProps {
  id: string;
  label: string;
  zone: string;
  /** The other person's zone, offered first in the search. */
  other?: string;
  onChange(zone: string): void;
  error?: ComponentChildren;
  describedBy?: string;
  invalid?: boolean;
  /** Open the search at once (person two chose "somewhere else" and has no zone yet). */
  startOpen?: boolean;
}

/** `search` is the open search (or null); `change(text)` is the button that opens it, `text` its words when idle. */
export function useZoneOpener({ id, label, zone, other, onChange, error, describedBy, invalid, startOpen }: ZoneAnswerProps) {
  const [Search, setSearch] = useState<ComponentType<ZoneSearchProps> | null>(null);
  const [state, setState] = useState<'closed' | 'loading' | 'open' | 'failed'>(startOpen ? 'loading' : 'closed');
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  // Opened by "Change": the keyboard goes into the search. Opened by itself: it stays where the person is.
  const byClick = useRef(false);

  const open = () => {
    setState('loading');
    loadZoneSearch().then(
      (c) => {
        setSearch(() => c);
        setState('open');
      },
      () => setState('failed'),
    );
  };
  useEffect(() => {
    if (startOpen) open();
  }, []);
  // Before paint: the search's input has just gone, and the keyboard must not land on the page in between.
  useLayoutEffect(() => {
    if (state === 'closed' && returnFocus.current) {
      returnFocus.current = false;
      button.current?.focus();
    }
  }, [state]);
  const close = (chosen?: string) => {
    if (chosen) onChange(chosen);
    returnFocus.current = true;
    setState('closed');
  };

  return {
    failed: state === 'failed',
    search:
      state === 'open' && Search ? (
        <Search
          id={id}
          label={label}
          zone={zone}
          other={other}
          onClose={close}
          describedBy={describedBy}
          invalid={invalid}
          error={error}
          focus={byClick.current}
        />
      ) : null,
    change: (text: ComponentChildren) => (
      <button
        type="button"
        class="link"
        id={id}
        ref={button}
        onClick={() => {
          byClick.current = true;
          open();
        }}
        disabled={state === 'loading'}
        aria-describedby={[`${id}-label ${id}-now`, describedBy].filter(Boolean).join(' ')}
        aria-invalid={invalid ? 'true' : undefined}
      >
        {state === 'loading' ? 'Loading the time zones…' : text}
      </button>
    ),
  };
}
