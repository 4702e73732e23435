// The mail when a coach hands a call on: METHOD:CANCEL to the leaving coach, a REQUEST to the new one (with the
// intake), an update with the higher SEQUENCE to the coach who stays and to the two people (never the answers);
// and, when no coach was free, a note to the administrators at once (the duo hears nothing).
import type { Config } from '../../core/config.ts';
import type { CallCoach } from '../../core/holding.ts';
import type { Intake } from '../../core/intake.ts';
import { buildInvite, type InviteParty } from '../mail/calendarInvite.ts';
import { whenRows, whereRows } from '../mail/callBlocks.ts';
import { intakeBlocks, intakeSummary } from '../mail/intakeBlocks.ts';
import type { Block } from '../mail/mailBody.ts';
import { envelope, type BookingVersion } from '../mail/messageEnvelope.ts';
import type { OutgoingMail } from '../mail/outgoingMail.ts';
import { attendeesOf, coachRecipients, recipients, type Recipient } from '../mail/recipients.ts';
import { formatWhen } from '../mail/whenText.ts';
import {
  COACH_CALENDAR_NOTE,
  coachEventText,
  CONFIDENTIAL_HEADING,
  duoEventText,
  duoNames,
  greeting,
  holdingSentence,
} from '../mail/wording.ts';
import type { Viewer } from './viewer.ts';

export interface HandOnMailInput {
  config: Config;
  /** The call as it is now: its new sequence and its new two coaches. */
  booking: BookingVersion;
  intake: Intake;
  leaving: string;
  joining: string;
  now: number;
}

const nameOf = (config: Config, id: string) => config.coaches.find((c) => c.id === id)?.name ?? id;

export function handOnMails(input: HandOnMailInput): OutgoingMail[] {
  const { config, booking, intake, now } = input;
  const title = config.call.title;
  const { coaches, people } = recipients(config, intake, booking.coaches);
  const [leaving] = coachRecipients(config, [{ id: input.leaving, holds: 0 }]);
  const joiningName = nameOf(config, input.joining);
  const leavingName = nameOf(config, input.leaving);
  const organizer: InviteParty = { name: config.practice.name, email: config.practice.email };
  const invite = (method: 'REQUEST' | 'CANCEL', attendees: InviteParty[], text: { summary: string; description: string }) => ({
    method,
    filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
    content: buildInvite({
      uid: booking.uid,
      method,
      sequence: booking.sequence,
      start: booking.start,
      end: booking.end,
      stamp: now,
      ...text,
      location: config.call.location,
      organizer,
      attendees,
    }),
  });
  const attendees = attendeesOf(config, booking.coaches, people);
  const coachIcal = invite('REQUEST', attendees, coachEventText(config, intake, intakeSummary(intake)));
  const duoIcal = invite('REQUEST', attendees, duoEventText(config, holdingSentence(coaches, people)));
  const fields = (to: Recipient, others: Recipient[]): Block => ({
    kind: 'fields',
    rows: [...whenRows(booking.start, booking.end, to, others), ...whereRows(config)],
  });
  const holding = (reader: Recipient): Block[] => {
    const text = holdingSentence(coaches, people, reader);
    return text ? [{ kind: 'para', text }] : [];
  };
  const mails: OutgoingMail[] = [];

  if (leaving) {
    const blocks: Block[] = [
      { kind: 'para', text: greeting(leaving.name) },
      {
        kind: 'para',
        text: `As you asked, ${joiningName} takes your place on the ${title} with ${duoNames(intake)}; the cancellation below takes it out of your calendar.`,
      },
      fields(leaving, []),
    ];
    mails.push({
      ...envelope(config, 'invite', booking, 'CANCEL', leaving, `Handed on: ${title} (${duoNames(intake)})`, blocks),
      icalEvent: invite('CANCEL', [{ name: leaving.name, email: leaving.email }], {
        summary: `${title}: ${duoNames(intake)}`,
        description: `${joiningName} takes your place.`,
      }),
    });
  }
  for (const c of coaches) {
    const joining = coachRecipients(config, [{ id: input.joining, holds: 0 }])[0]?.email === c.email;
    const colleague = coaches.find((o) => o.email !== c.email);
    const lead = joining
      ? `${leavingName} cannot take the ${title} with ${duoNames(intake)}, and the pool chose you to take their place, with ${colleague?.name ?? 'your co-coach'}.`
      : `${leavingName} cannot take the ${title} with ${duoNames(intake)}: ${joiningName} takes their place beside you.`;
    const blocks: Block[] = [
      { kind: 'para', text: greeting(c.name) },
      { kind: 'para', text: lead },
      ...holding(c),
      fields(c, people),
      { kind: 'heading', text: CONFIDENTIAL_HEADING },
      ...intakeBlocks(intake),
      { kind: 'para', text: COACH_CALENDAR_NOTE },
    ];
    mails.push({
      ...envelope(config, 'invite', booking, 'REQUEST', c, `${joining ? 'New call' : 'Updated'}: ${title} (${duoNames(intake)})`, blocks),
      icalEvent: coachIcal,
    });
  }
  for (const p of people) {
    const partner = people.find((o) => o.email !== p.email);
    const blocks: Block[] = [
      { kind: 'para', text: greeting(p.name) },
      {
        kind: 'para',
        text: `${leavingName} can no longer join your ${title} with ${config.practice.name}: ${joiningName} joins instead. The time stays the same.`,
      },
      ...holding(p),
      fields(p, [...(partner ? [partner] : []), ...coaches]),
    ];
    mails.push({
      ...envelope(config, 'invite', booking, 'REQUEST', p, `Updated: ${title} with ${config.practice.name}`, blocks),
      icalEvent: duoIcal,
    });
  }
  return mails;
}

/** To every administrator: a coach cannot take a call and no other coach is free. No intake answers, ever. */
export function noCoachFreeMails(
  config: Config,
  booking: BookingVersion & { coaches: readonly CallCoach[] },
  intake: Intake | null,
  leaving: string,
  admins: readonly Viewer[],
  now: number,
): OutgoingMail[] {
  const title = config.call.title;
  const duo = intake ? duoNames(intake) : 'a duo';
  const staying = booking.coaches.find((c) => c.id !== leaving);
  const url = new URL(`/coach/calls/${booking.id}`, config.practice.baseUrl).href;
  // One Message-ID per attempt: asking again later (and finding no one again) tells the administrators again.
  const attempt = `no-coach-free-${now}`;
  return admins.map((a) => {
    const to: Recipient = { name: a.name, email: a.email, timeZone: config.practice.timeZone };
    const blocks: Block[] = [
      { kind: 'para', text: greeting(a.name) },
      {
        kind: 'para',
        text: `${nameOf(config, leaving)} cannot take the ${title} with ${duo}, and no other coach of the pool is free then.`,
      },
      {
        kind: 'fields',
        rows: [
          ['When', formatWhen(booking.start, booking.end, config.practice.timeZone)],
          ...(staying ? [['Staying', nameOf(config, staying.id)] as [string, string]] : []),
        ],
      },
      {
        kind: 'para',
        text: 'Nothing has changed for the duo, and they have been told nothing. Please decide: ask a coach to free the time, or write to the duo.',
      },
      { kind: 'link', label: "The call on the coaches' page", url },
    ];
    return envelope(config, 'notice', booking, attempt, to, `No coach free: ${title} (${duo})`, blocks);
  });
}
