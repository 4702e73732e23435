// After booking: the time in both zones, the call's two coaches and whom each holds, the calendar file, who was invited.
import { sessionEtiquette } from '../../core/texts.ts';
import { linkTo } from '../api.ts';
import { whenLabel } from '../timeFormat.ts';
import { useStore } from '../store.ts';

export function Confirmation() {
  const s = useStore();
  const { booking, icsUrl, manageUrl } = s.booked.value!;
  const [one, two] = s.answers.value.people;
  const ics = linkTo(s.apiBase, icsUrl);
  const manage = linkTo(s.apiBase, manageUrl);
  return (
    <>
      <ul class="when">
        {/* A pair in one zone reads one time, under both names (as on the manage page). */}
        {two.timeZone === one.timeZone
          ? <li><strong>{one.name} and {two.name}:</strong> {whenLabel(booking, one.timeZone)}</li>
          : <>
            <li><strong>{one.name}:</strong> {whenLabel(booking, one.timeZone)}</li>
            <li><strong>{two.name}:</strong> {whenLabel(booking, two.timeZone)}</li>
          </>}
      </ul>
      {/* Each coach holds the experience of one person; `holds` indexes the two people as the duo entered them. */}
      {booking.coaches?.length === 2 && (
        <p>
          Your coaches: {booking.coaches[0].name} holds {[one, two][booking.coaches[0].holds].name}'s experience;{' '}
          {booking.coaches[1].name} holds {[one, two][booking.coaches[1].holds].name}'s.
        </p>
      )}
      <p>
        We have sent calendar invitations to both of you ({one.email} and {two.email}) and to both coaches.
      </p>
      <p class="actions">
        {ics && <a class="button" href={ics}>Add to calendar</a>}
        {manage && <a href={manage}>Change or cancel the call</a>}
      </p>
      <h3>Before the call</h3>
      <ul>{sessionEtiquette(s.config.value?.call.cancelNoticeHours ?? 24).map((line) => <li key={line}>{line}</li>)}</ul>
    </>
  );
}
