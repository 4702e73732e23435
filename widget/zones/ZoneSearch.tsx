// The time-zone search (loaded when a person opens it): a combobox over the zone list, by city, country, clock
// name or abbreviation, each match with its current offset. Arrow keys move, Enter chooses, Escape goes back.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSheet } from '../styles/useSheet.ts';
import css from './zoneSearch.css?inline';
import { searchZones, zoneEntry, type ZoneMatch } from './zoneIndex.ts';
import { browserZone, clockName, offsetName } from './zoneName.ts';

export interface ZoneSearchProps {
  id: string;
  label: string;
  /** The zone now chosen ('' for none). */
  zone: string;
  other?: string;
  /** With the chosen zone, or nothing when the person went back without choosing. */
  onClose(zone?: string): void;
  describedBy?: string;
  invalid?: boolean;
  error?: ComponentChildren;
  /** Moves the keyboard into the search (false when it opened by itself). */
  focus?: boolean;
}

/** Before anything is typed: the zones the two are most likely in. */
function suggestions(zone: string, other?: string): ZoneMatch[] {
  const zones = [...new Set([zone, other, browserZone()].filter((z): z is string => !!z))];
  return zones.map((z) => ({ entry: zoneEntry(z), score: 0 }));
}

function Option({ m, id, active, onPick }: { m: ZoneMatch; id: string; active: boolean; onPick(): void }) {
  const { entry } = m;
  const place = [m.via ? `${m.via} (${entry.city})` : entry.city, entry.country].filter(Boolean).join(', ');
  const clock = [clockName(entry.zone) || entry.generic, offsetName(entry.zone)].filter(Boolean).join(' · ');
  return (
    // Chosen on mousedown, before the input's blur would close the list.
    <li
      role="option"
      id={id}
      aria-selected={active}
      class={active ? 'active' : undefined}
      onMouseDown={(e) => {
        e.preventDefault();
        onPick();
      }}
    >
      <span class="zone-place">{place}</span> <span class="zone-clock">{clock}</span>
    </li>
  );
}

export function ZoneSearch({ id, label, zone, other, onClose, describedBy, invalid, error, focus = true }: ZoneSearchProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  useSheet(root, css);
  const matches = useMemo(() => (query.trim() ? searchZones(query) : suggestions(zone, other)), [query, zone, other]);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  useEffect(() => {
    if (focus) input.current?.focus();
  }, []);
  useEffect(() => setActive(0), [query]);

  const pick = (i: number) => {
    if (matches[i]) onClose(matches[i].entry.zone);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (matches.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === 'Enter') {
      e.preventDefault(); // the form's Next stays for the button
      pick(active);
    } else if (e.key === 'Escape' && zone) {
      e.preventDefault();
      onClose();
    }
  };
  const count = query.trim()
    ? matches.length
      ? `${matches.length === 1 ? '1 time zone' : `${matches.length} time zones`} found. Use the arrow keys and Enter to choose.`
      : 'No time zone found. Try a city or a country.'
    : '';

  return (
    <div class="field zone-search" ref={root}>
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        Type a city, a country or a time zone, for example London, India or Pacific Time.
      </p>
      <input
        id={id}
        ref={input}
        type="text"
        role="combobox"
        autoComplete="off"
        spellcheck={false}
        value={query}
        aria-expanded={matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={matches.length ? optionId(active) : undefined}
        aria-describedby={[`${id}-hint`, describedBy].filter(Boolean).join(' ')}
        aria-invalid={invalid ? 'true' : undefined}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      {error}
      <ul id={listId} role="listbox" aria-label={`${label}: matches`} class="zone-list" hidden={!matches.length}>
        {matches.map((m, i) => (
          <Option key={m.entry.zone} m={m} id={optionId(i)} active={i === active} onPick={() => pick(i)} />
        ))}
      </ul>
      <p class="hint" role="status">
        {count}
      </p>
      {zone && (
        <button type="button" class="link" onClick={() => onClose()}>
          Keep {zoneEntry(zone).city}
        </button>
      )}
    </div>
  );
}
