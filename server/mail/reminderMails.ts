// The reminder a day before: plain mail to each coach and person (no calendar part, which would count as another
// update), never the answers. The words are in wording.ts.
import type { Config } from '../../core/config.ts';
import type { Intake } from '../../core/intake.ts';
import { changeDeadline } from '../../core/bookingPolicy.ts';
import { sessionEtiquette } from '../../core/texts.ts';
import { whenRows, whereRows } from './callBlocks.ts';
import type { Block } from './mailBody.ts';
import { envelope, type BookingVersion } from './messageEnvelope.ts';
import type { OutgoingMail } from './outgoingMail.ts';
import { recipients, type Recipient } from './recipients.ts';
import { formatInstant } from './whenText.ts';
import {
  BEFORE_THE_CALL_HEADING,
  COACH_REMINDER_NOTE,
  coachReminderLead,
  coachReminderSubject,
  duoNames,
  greeting,
  holdingSentence,
  partnerConfirmedNote,
  personReminderLead,
  personReminderSubject,
  reminderChangeNote,
} from './wording.ts';

export interface ReminderInput {
  config: Config;
  booking: BookingVersion;
  intake: Intake;
  /** Whether person two has confirmed their part; said in the coaches' copy (left out when unknown). */
  partnerConfirmed?: boolean;
  now: number;
}

export function reminderMails({ config, booking, intake, partnerConfirmed, now }: ReminderInput): OutgoingMail[] {
  const { coaches, people } = recipients(config, intake, booking.coaches);
  const holding = (reader: Recipient): Block[] => {
    const text = holdingSentence(coaches, people, reader);
    return text ? [{ kind: 'para', text }] : [];
  };
  const title = config.call.title;
  const practice = config.practice.name;
  const where = whereRows(config);
  const lateNotice = changeDeadline(booking.start, config.call);

  const coachMail = (c: Recipient): OutgoingMail =>
    envelope(config, 'reminder', booking, 'reminder', c, coachReminderSubject(title, duoNames(intake)), [
      { kind: 'para', text: greeting(c.name) },
      { kind: 'para', text: coachReminderLead(title, duoNames(intake)) },
      ...(partnerConfirmed === undefined ? [] : [{ kind: 'para', text: partnerConfirmedNote(people[1].name, partnerConfirmed) } as Block]),
      ...holding(c),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, c, people), ...where] },
      { kind: 'para', text: COACH_REMINDER_NOTE },
    ]);

  const personMail = (p: Recipient): OutgoingMail => {
    const partner = people.find((o) => o.email !== p.email);
    return envelope(config, 'reminder', booking, 'reminder', p, personReminderSubject(title, practice), [
      { kind: 'para', text: greeting(p.name) },
      { kind: 'para', text: personReminderLead(title, practice, partner?.name) },
      ...holding(p),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, p, [...(partner ? [partner] : []), ...coaches]), ...where] },
      { kind: 'heading', text: BEFORE_THE_CALL_HEADING },
      { kind: 'list', items: sessionEtiquette(config.call.cancelNoticeHours) },
      { kind: 'para', text: reminderChangeNote(now < lateNotice ? formatInstant(lateNotice, p.timeZone) : undefined) },
    ]);
  };
  return [...coaches.map(coachMail), ...people.map(personMail)];
}
