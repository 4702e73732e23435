// The invitations for one booking, new, moved, cancelled or released (person two did not confirm in time): one message per coach and per person, each with its
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
import { formatInstant } from './whenText.ts';
import {
  actorReasonLabel,
  awaiting,
  BEFORE_THE_CALL_HEADING,
  bookerHeldNote,
  bookerReleasedNote,
  coachHeldNote,
  coachReleasedNote,
  partnerHeldNote,
  partnerReleasedNote,
  BOOK_AGAIN_LABEL,
  CANCEL_REASON_LABEL,
  COACH_CALENDAR_NOTE,
  coachActorLead,
  coachEventText,
  coachLead,
  coachSubject,
  CONFIDENTIAL_HEADING,
  CONFIRM_LINK_LABEL,
  confirmAsk,
  duoEventText,
  duoNames,
  greeting,
  holdingSentence,
  manageLinkLabel,
  OWN_LINK_NOTE,
  PERSON_CALENDAR_NOTE,
  personActorLead,
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
  /**
   * Each person's own private link, by person index; only known for the person who made the change (tokens are
   * stored hashed), so a person without one here is pointed to the link in their first invitation.
   */
  manageUrls?: readonly (string | undefined)[];
  /** Who made the change through their own link (0 = person one): named in every copy ("Grace Hopper moved the call"). */
  actor?: 0 | 1;
  /** On a reschedule: the time the call had before, said in every copy. */
  previous?: { start: number; end: number };
  /** On a cancel: the duo's own words, shown to the coaches only. */
  reason?: string;
  /**
   * A call held for person two's confirmation (call.partnerConfirmation "require"): when the hold is released if
   * they have not confirmed by then. Said in the coaches' copies ("awaiting Grace Hopper's confirmation") and each person's.
   */
  held?: { until: number };
  /** A CANCEL because person two did not confirm in time: the hold released, said kindly, with the link to book again. */
  released?: boolean;
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
  const change = input.released ? 'released' : callChange(method, booking.sequence);
  const cancelled = change === 'cancelled' || change === 'released';
  const held = cancelled ? undefined : input.held;
  const para = (text: string): Block[] => [{ kind: 'para', text }];
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

  const actor = input.actor === undefined ? undefined : people[input.actor];
  const byLink = actor && (change === 'moved' || change === 'cancelled') ? change : undefined;
  const [one, two] = people;
  const coachMail = (c: Recipient): OutgoingMail => {
    const colleague = coaches.find((o) => o.email !== c.email);
    const reason: Block[] =
      cancelled && input.reason
        ? [
            { kind: 'para', text: actor ? actorReasonLabel(actor.name) : CANCEL_REASON_LABEL },
            { kind: 'quote', text: input.reason },
          ]
        : [];
    const lead =
      actor && byLink
        ? coachActorLead(byLink, actor.name, duoNames(intake), title, colleague?.name)
        : coachLead(change, duoNames(intake), title, colleague?.name);
    const holdNote = held
      ? para(coachHeldNote(two.name, formatInstant(held.until, c.timeZone)))
      : change === 'released'
        ? para(coachReleasedNote(two.name))
        : [];
    const subject =
      held && change === 'booked'
        ? `Held, ${awaiting(two.name)}: ${title} (${duoNames(intake)})`
        : coachSubject(change, title, duoNames(intake));
    const intakePart: Block[] = cancelled
      ? []
      : [{ kind: 'heading', text: CONFIDENTIAL_HEADING }, ...intakeBlocks(intake), { kind: 'para', text: COACH_CALENDAR_NOTE }];
    const blocks: Block[] = [
      { kind: 'para', text: greeting(c.name) },
      { kind: 'para', text: lead },
      ...holdNote,
      ...holding(c),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, c, people), ...where] },
      ...wasBlocks(previous, c),
      ...reason,
      ...intakePart,
    ];
    return { ...envelope(config, 'invite', booking, method, c, subject, blocks), icalEvent: coachIcal };
  };

  const personMail = (p: Recipient, index: number): OutgoingMail => {
    const partner = people.find((o) => o.email !== p.email);
    const link = input.manageUrls?.[index];
    const manageLink: Block[] = link
      ? [{ kind: 'link', label: manageLinkLabel(config.call.cancelNoticeHours), url: link }]
      : change === 'moved'
        ? [{ kind: 'para', text: OWN_LINK_NOTE }]
        : [];
    // Person two, on the first invitation: who booked for both, and the ask to confirm their own part.
    const askToConfirm: Block[] =
      change === 'booked' && index === 1 && link
        ? [
            { kind: 'para', text: confirmAsk(people[0].name) },
            { kind: 'link', label: CONFIRM_LINK_LABEL, url: link },
          ]
        : [];
    const coachNames = coaches.map((c) => c.name);
    const lead =
      actor && byLink
        ? personActorLead(byLink, input.actor === index ? 'You' : actor.name, title, practice, partner?.name, coachNames)
        : personLead(change, title, practice, partner?.name, coachNames);
    const until = held && formatInstant(held.until, p.timeZone);
    const holdNote = until
      ? para(index === 0 ? bookerHeldNote(two.name, until) : partnerHeldNote(until))
      : change === 'released'
        ? para(index === 0 ? bookerReleasedNote(two.name) : partnerReleasedNote(one.name))
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
      { kind: 'para', text: lead },
      ...askToConfirm,
      ...holdNote,
      ...holding(p),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, p, [...(partner ? [partner] : []), ...coaches]), ...where] },
      ...wasBlocks(previous, p),
      ...closing,
    ];
    return { ...envelope(config, 'invite', booking, method, p, personSubject(change, title, practice), blocks), icalEvent: duoIcal };
  };

  return [...coaches.map(coachMail), ...people.map(personMail)];
}
