// A time zone answer: the zone shown at once in people's words, and "Change" that opens the search. The search and
// its data (zones/ZoneSearch.tsx) load only when someone opens it, so they are never part of the first step's bytes.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { zoneLabel } from './zoneName.ts';
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

interface Props {
  id: string;
  label: string;
  zone: string;
  /** The other person's zone, offered first in the search. */
  other?: string;
  onChange(zone: string): void;
  error?: preact.ComponentChildren;
  describedBy?: string;
  invalid?: boolean;
  /** Open the search at once (person two chose "somewhere else" and has no zone yet). */
  startOpen?: boolean;
  /** One line ("Ada: London (GMT) Change"), as above the times; `compactLabel` is what it shows for the label. */
  compact?: boolean;
  compactLabel?: preact.ComponentChildren;
}

export function ZoneField({ id, label, zone, other, onChange, error, describedBy, invalid, startOpen, compact, compactLabel }: Props) {
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

  if (state === 'open' && Search) {
    return (
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
    );
  }
  const now = zone ? zoneLabel(zone, Date.now(), compact) : compact ? 'not chosen yet' : 'Not chosen yet';
  const change = (
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
      {state === 'loading' ? (
        'Loading the time zones…'
      ) : compact ? (
        <>
          Change<span class="sr"> {label}</span>
        </>
      ) : zone ? (
        'Change time zone'
      ) : (
        'Choose a time zone'
      )}
    </button>
  );
  if (compact) {
    return (
      <p class="zone-line">
        <span id={`${id}-label`}>{compactLabel ?? label}:</span> <strong id={`${id}-now`}>{now}</strong> {change}
        {state === 'failed' && (
          <span class="error" role="alert">
            {' '}
            The time zones could not load. Try again.
          </span>
        )}
      </p>
    );
  }
  return (
    <div class="field zone">
      <span class="label" id={`${id}-label`}>
        {label}
      </span>
      <p class="zone-now" id={`${id}-now`}>
        {now}
      </p>
      {change}
      {state === 'failed' && (
        <p class="error" role="alert">
          The time zones could not load. Check your connection and try again.
        </p>
      )}
      {error}
    </div>
  );
}
