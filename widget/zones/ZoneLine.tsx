// A time zone answer on one line, above the times ("Ada’s time zone: London (GMT) Change"): the same search as the
// first step's zone field (zoneOpener.tsx), in the later code.
import type { ComponentChildren } from 'preact';
import { useZoneOpener, type ZoneAnswerProps } from './zoneOpener.tsx';
import { zoneLabel } from './zoneName.ts';

/** `shown` is what the line shows for the label (the label itself is read by screen readers with "Change"). */
export function ZoneLine(props: ZoneAnswerProps & { shown: ComponentChildren }) {
  const { id, label, zone, shown } = props;
  const { search, change, failed } = useZoneOpener(props);
  if (search) return search;
  return (
    <p class="zone-line">
      <span id={`${id}-label`}>{shown}:</span>{' '}
      <strong id={`${id}-now`}>{zone ? zoneLabel(zone, Date.now(), true) : 'not chosen yet'}</strong>{' '}
      {change(
        <>
          Change<span class="sr"> {label}</span>
        </>,
      )}
      {failed && (
        <span class="error" role="alert">
          {' '}
          The time zones could not load. Try again.
        </span>
      )}
    </p>
  );
}
