// A time zone answer in the first step: the zone in people's words, and "Change" that opens the search. The search
// and its data (zones/ZoneSearch.tsx) load only when someone opens it, and the zone's name comes with the later code
// (zones/zoneName.ts), so neither is part of the first step's bytes.
import { later } from '../laterSteps.ts';
import { useZoneOpener, type ZoneAnswerProps } from './zoneOpener.tsx';
import { placeOf } from './zonePlace.ts';

export function ZoneField(props: ZoneAnswerProps) {
  const { id, label, zone, error } = props;
  const { search, change, failed } = useZoneOpener(props);
  if (search) return search;
  // The zone's clock is named by the later code; until it is here (a reload), the place alone.
  const named = later.value?.zoneLabel;
  return (
    <div class="field zone">
      <span class="label" id={`${id}-label`}>
        {label}
      </span>
      <p class="zone-now" id={`${id}-now`}>
        {zone ? (named ? named(zone) : placeOf(zone)) : 'Not chosen yet'}
      </p>
      {change(zone ? 'Change time zone' : 'Choose a time zone')}
      {failed && (
        <p class="error" role="alert">
          The time zones could not load. Check your connection and try again.
        </p>
      )}
      {error}
    </div>
  );
}
