// The invitations for one booking, new, moved or cancelled: one message per coach and per person, each with its
// calendar part; the coaches' copy carries the intake, the duo's never does. The words are in wording.ts.
import type { Config } from '../../core/config.ts';
import type { Intake } from '../../core/intake.ts';
import { sessionEtiquette } from '../../core/texts.ts';
import { buildInvite, type InviteParty } from './calendarInvite.ts';
import { wasBlocks, whenRows, whereRows } from './callBlocks.ts';
import { intakeBlocks, intakeSummary } from './intakeBlocks.ts';
import type { Block } from './mailBody.ts';
import { envelope, type BookingVersion } from './messageEnvelope.ts';
import type { InviteMethod, OutgoingMail } from './outgoingMail.ts';
import { attendeesOf, recipients, type Recipient } from './recipients.ts';
import {
  BEFORE_THE_CALL_HEADING,
  BOOK_AGAIN_LABEL,
  CANCEL_REASON_LABEL,
  COACH_CALENDAR_NOTE,
  coachEventText,
  coachLead,
  coachSubject,
  CONFIDENTIAL_HEADING,
  duoEventText,
  duoNames,
  greeting,
  holdingSentence,
  manageLinkLabel,
  PERSON_CALENDAR_NOTE,
  personLead,
  personSubject,
  type CallChange,
  type EventText,
} from './wording.ts';

export interface BookingMailInput {
  config: Config;
  /** `sequence`: 0 when booked, +1 on every reschedule and on the cancel; `coaches`: the call's two. */
  booking: BookingVersion;
  intake: Intake;
  method: InviteMethod;
  /** The duo's private link; only known when the duo themselves made the change (the token is stored hashed). */
  manageUrl?: string;
  /** On a reschedule: the time the call had before, said in every copy. */
  previous?: { start: number; end: number };
  /** On a cancel: the duo's own words, shown to the coaches only. */
  reason?: string;
  /** DTSTAMP of this version of the event. */
  now: number;
}

/** A CANCEL is a cancellation; a REQUEST after the first version is a move. */
function callChange(method: InviteMethod, sequence: number): CallChange {
  if (method === 'CANCEL') return 'cancelled';
  return sequence > 0 ? 'moved' : 'booked';
}

/** One invitation (or update, or cancellation) per coach and per person for a new, moved or cancelled call. */
export function bookingMails(input: BookingMailInput): OutgoingMail[] {
  const { config, booking, intake, method, previous } = input;
  const { coaches, people } = recipients(config, intake, booking.coaches);
  const organizer: InviteParty = { name: config.practice.name, email: config.practice.email };
  const attendees = attendeesOf(config, booking.coaches, people);
  const change = callChange(method, booking.sequence);
  const cancelled = change === 'cancelled';
  const title = config.call.title;
  const practice = config.practice.name;
  const where = cancelled ? [] : whereRows(config);

  const invite = (text: EventText) =>
    buildInvite({
      uid: booking.uid,
      method,
      sequence: booking.sequence,
      start: booking.start,
      end: booking.end,
      stamp: input.now,
      ...text,
      location: config.call.location,
      organizer,
      attendees,
    });
  const ical = (content: string) => ({ method, content, filename: cancelled ? 'cancel.ics' : 'invite.ics' });
  const coachIcal = ical(invite(coachEventText(config, intake, intakeSummary(intake))));
  const duoIcal = ical(invite(duoEventText(config, holdingSentence(coaches, people))));
  // Who holds whom, said to each reader; a cancelled call needs no such line.
  const holding = (reader: Recipient): Block[] => {
    const text = cancelled ? undefined : holdingSentence(coaches, people, reader);
    return text ? [{ kind: 'para', text }] : [];
  };

  const coachMail = (c: Recipient): OutgoingMail => {
    const colleague = coaches.find((o) => o.email !== c.email);
    const reason: Block[] =
      cancelled && input.reason
        ? [
            { kind: 'para', text: CANCEL_REASON_LABEL },
            { kind: 'quote', text: input.reason },
          ]
        : [];
    const intakePart: Block[] = cancelled
      ? []
      : [{ kind: 'heading', text: CONFIDENTIAL_HEADING }, ...intakeBlocks(intake), { kind: 'para', text: COACH_CALENDAR_NOTE }];
    const blocks: Block[] = [
      { kind: 'para', text: greeting(c.name) },
      { kind: 'para', text: coachLead(change, duoNames(intake), title, colleague?.name) },
      ...holding(c),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, c, people), ...where] },
      ...wasBlocks(previous, c),
      ...reason,
      ...intakePart,
    ];
    return {
      ...envelope(config, 'invite', booking, method, c, coachSubject(change, title, duoNames(intake)), blocks),
      icalEvent: coachIcal,
    };
  };

  const personMail = (p: Recipient): OutgoingMail => {
    const partner = people.find((o) => o.email !== p.email);
    const manageLink: Block[] = input.manageUrl
      ? [{ kind: 'link', label: manageLinkLabel(config.call.cancelNoticeHours), url: input.manageUrl }]
      : [];
    const closing: Block[] = cancelled
      ? [{ kind: 'link', label: BOOK_AGAIN_LABEL, url: config.practice.website }]
      : [
          ...manageLink,
          { kind: 'heading', text: BEFORE_THE_CALL_HEADING },
          { kind: 'list', items: sessionEtiquette(config.call.cancelNoticeHours) },
          { kind: 'para', text: PERSON_CALENDAR_NOTE },
        ];
    const blocks: Block[] = [
      { kind: 'para', text: greeting(p.name) },
      {
        kind: 'para',
        text: personLead(
          change,
          title,
          practice,
          partner?.name,
          coaches.map((c) => c.name),
        ),
      },
      ...holding(p),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, p, [...(partner ? [partner] : []), ...coaches]), ...where] },
      ...wasBlocks(previous, p),
      ...closing,
    ];
    return { ...envelope(config, 'invite', booking, method, p, personSubject(change, title, practice), blocks), icalEvent: duoIcal };
  };

  return [...coaches.map(coachMail), ...people.map(personMail)];
}
