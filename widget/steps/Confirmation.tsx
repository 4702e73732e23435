// After booking: the time in both zones, the call's two coaches and whom each holds, the calendar file and links,
// who was invited, and what comes after the call.
import type { JSX } from 'preact';
import { sessionEtiquette, WHAT_COMES_AFTER } from '../../core/texts.ts';
import { linkTo } from '../api.ts';
import { formatsFor } from '../slots/timeFormat.ts';
import { bookingChoice } from '../booking/bookingChoice.ts';
import { useStore } from '../store.ts';
import { googleCalendarUrl, outlookUrl } from './calendarLinks.ts';

export function Confirmation(): JSX.Element {
  const s = useStore();
  const { booking, icsUrl, manageUrl } = s.booked.value!;
  const [one, two] = bookingChoice(s).people.value;
  const { email: oneEmail } = s.answers.value.people[0];
  const { email: twoEmail } = s.answers.value.people[1];
  const f = formatsFor(s.locale, s.clock().value);
  const ics = linkTo(s.apiBase, icsUrl);
  const manage = linkTo(s.apiBase, manageUrl);
  const c = s.config.value;
  const title = c ? `${c.call.title} with ${c.practice.name}` : '2:2 Coaching discovery call';
  const details = 'Your invitation email has the video link and the link to move or cancel the call.';
  return (
    <>
      <ul class="when">
        {/* A pair in one zone reads one time, under both names (as on the manage page). */}
        {two.timeZone === one.timeZone ? (
          <li>
            <strong>
              {one.name} and {two.name}:
            </strong>{' '}
            {f.whenLabel(booking, one.timeZone)}
          </li>
        ) : (
          <>
            <li>
              <strong>{one.name}:</strong> {f.whenLabel(booking, one.timeZone)}
            </li>
            <li>
              <strong>{two.name}:</strong> {f.whenLabel(booking, two.timeZone)}
            </li>
          </>
        )}
      </ul>
      {/* Each coach holds the experience of one person; `holds` indexes the two people as the duo entered them. */}
      {booking.coaches?.length === 2 && (
        <p>
          Your coaches: {booking.coaches[0].name} holds {[one, two][booking.coaches[0].holds].name}'s experience; {booking.coaches[1].name}{' '}
          holds {[one, two][booking.coaches[1].holds].name}'s.
        </p>
      )}
      <p>
        We have sent calendar invitations to both of you ({oneEmail.trim().toLowerCase()} and {twoEmail.trim().toLowerCase()}) and to both
        coaches.
      </p>
      {booking.hold ? (
        <p class="hold">
          <strong>
            The time is held for you both until {two.name} confirms their part, at the latest by{' '}
            {f.dayLabel(booking.hold.until, one.timeZone)}, {f.clock(booking.hold.until, one.timeZone)} ({one.name}'s time).
          </strong>{' '}
          Their invitation has their own link to confirm. If they have not confirmed by then, the time is released and we write to you.
        </p>
      ) : (
        <p>
          {two.name}'s invitation asks them to confirm their part through their own link: the agreements, and two questions only the coaches
          read.
        </p>
      )}
      <p class="actions">
        {ics && (
          <a class="button" href={ics}>
            Add to calendar (.ics)
          </a>
        )}
        <a href={googleCalendarUrl(title, booking.start, booking.end, details)} target="_blank" rel="noopener">
          Add to Google Calendar
        </a>
        <a href={outlookUrl(title, booking.start, booking.end, details)} target="_blank" rel="noopener">
          Add to Outlook
        </a>
      </p>
      <p>{manage && <a href={manage}>Change or cancel the call</a>}</p>
      <h3>Before the call</h3>
      <ul>
        {sessionEtiquette(c?.call.cancelNoticeHours ?? 24).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h3>After the call</h3>
      <p>{WHAT_COMES_AFTER}</p>
    </>
  );
}
