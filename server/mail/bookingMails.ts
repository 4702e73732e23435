// The mails for one booking: one message per recipient; the coaches' copy carries the intake, the duo's never does.
import { createHash } from 'node:crypto';
import type { Config } from '../../core/config.ts';
import type { CallCoach } from '../../core/holding.ts';
import type { Intake } from '../../core/intake.ts';
import { FOCUS_LABELS, RELATIONSHIP_LABELS, sessionEtiquette, SPONSOR_RELATION_LABELS } from '../../core/texts.ts';
import { buildInvite, type InviteParty } from './calendarInvite.ts';
import { coachRecipients, holdingSentence, type Recipient } from './holdingSentence.ts';

export type { Recipient };
import { renderHtml, renderText, type Block } from './mailBody.ts';
import type { InviteMethod, OutgoingMail } from './outgoingMail.ts';
import { HOUR_MS } from '../../core/time.ts';

/** The booking as its mail needs it; `coaches` are the call's two (and only they are written to). */
export interface MailBooking { id: string; uid: string; start: number; end: number; sequence: number; coaches: readonly CallCoach[] }

export interface BookingMailInput {
  config: Config;
  /** `sequence`: 0 when booked, +1 on every reschedule and on the cancel. */
  booking: MailBooking;
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
  /** DTSTAMP of this version of the event. */
  now: number;
}

const place = (timeZone: string) => (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');

/** An interval as a person reads it in their own zone: "Tuesday, 1 December 2026, 10:00–10:45 New York time (GMT-5)". */
export function formatWhen(start: number, end: number, timeZone: string): string {
  const range = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone,
  }).formatRange(start, end);
  const offset = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(start).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${range} ${place(timeZone)} time (${offset})`;
}

/** One instant in a person's zone: "Monday, 30 November 2026, 10:00 New York time". */
export function formatInstant(ms: number, timeZone: string): string {
  const at = new Intl.DateTimeFormat('en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone,
  }).format(ms);
  return `${at} ${place(timeZone)} time`;
}

/** Fixed per booking, kind, sequence and recipient: a resend after a crash is recognised as the same message. */
export function messageId(bookingId: string, kind: string, sequence: number, recipient: string, host: string): string {
  const who = createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 16);
  return `<${bookingId}.${kind.toLowerCase()}.${sequence}.${who}@${host}>`;
}

const hostOf = (config: Config) => new URL(config.practice.baseUrl).hostname || 'duet.local';

/** The intake as the coaches read it, as mail blocks. */
export function intakeBlocks(intake: Intake): Block[] {
  const p = intake.partnership;
  const relation = p.relationship === 'other' ? `Other: ${p.relationshipOther}` : RELATIONSHIP_LABELS[p.relationship];
  const s = intake.sponsor;
  return [
    { kind: 'fields', rows: [
      ['How they work together', relation],
      ...(p.organization ? [['Organization', p.organization] as [string, string]] : []),
      ...intake.people.map((person, i): [string, string] => [
        `Person ${i === 0 ? 'one' : 'two'}`,
        `${person.name} <${person.email}>${person.role ? `, ${person.role}` : ''} (${person.timeZone})`,
      ]),
      ['Focus', intake.focus.areas.map((a) => (a === 'other' ? `Other: ${intake.focus.other}` : FOCUS_LABELS[a])).join('; ')],
      ['Sponsor', s ? `${s.name} (${SPONSOR_RELATION_LABELS[s.relation]})${s.email ? ` <${s.email}>` : ''}` : 'none'],
    ] },
    { kind: 'para', text: 'What is happening in their partnership now:' },
    { kind: 'quote', text: p.context },
    { kind: 'para', text: 'What they hope will be different:' },
    { kind: 'quote', text: intake.focus.hopes },
  ];
}

/** The intake as plain text: the coaches' event DESCRIPTION. */
export function intakeSummary(intake: Intake): string {
  return renderText(intakeBlocks(intake)).trimEnd();
}

export interface EventText { summary: string; description: string }

/** The duo's event: the call, who holds whom, the link and the session etiquette, never the intake answers. */
export function duoEventText(config: Config, holding?: string): EventText {
  return {
    summary: `${config.call.title} with ${config.practice.name}`,
    description: [
      `Your ${config.call.title} with ${config.practice.name}.`,
      ...(holding ? [holding] : []),
      ...(config.call.location ? [`Join: ${config.call.location}`] : []),
      '', ...sessionEtiquette(config.call.cancelNoticeHours),
    ].join('\n'),
  };
}

/** The coaches' event: the duo's names in the title, the intake in the description. */
export function coachEventText(config: Config, intake: Intake): EventText {
  return {
    summary: `${config.call.title}: ${duoNames(intake)}`,
    description: [
      ...(config.call.location ? [`Join: ${config.call.location}`, ''] : []),
      'Confidential intake (for the two coaches only):', '', intakeSummary(intake),
    ].join('\n'),
  };
}

/** Everyone invited: the call's two coaches, then the two people. */
export function attendeesOf(config: Config, coaches: readonly CallCoach[], people: readonly { name: string; email: string }[]): InviteParty[] {
  return [...coachRecipients(config, coaches), ...people].map(({ name, email }) => ({ name, email }));
}

export const duoNames = (intake: Intake) => `${intake.people[0].name} & ${intake.people[1].name}`;

export function recipients(config: Config, intake: Intake, coaches: readonly CallCoach[]) {
  return {
    coaches: coachRecipients(config, coaches),
    people: intake.people.map((p): Recipient => ({ name: p.name, email: p.email, timeZone: p.timeZone })),
  };
}

/** "When" for `to`, then the others' local times where their zone differs. */
function whenRows(start: number, end: number, to: Recipient, others: Recipient[]): [string, string][] {
  const seen = new Set([to.timeZone]);
  const rows: [string, string][] = [['When (your time)', formatWhen(start, end, to.timeZone)]];
  for (const o of others) {
    if (seen.has(o.timeZone)) continue;
    seen.add(o.timeZone);
    rows.push([`For ${o.name}`, formatWhen(start, end, o.timeZone)]);
  }
  return rows;
}

export function envelope(config: Config, kind: OutgoingMail['kind'], booking: BookingMailInput['booking'], method: string,
  to: Recipient, subject: string, blocks: Block[]): Omit<OutgoingMail, 'icalEvent'> {
  return {
    kind, bookingId: booking.id, sequence: booking.sequence,
    to: to.email,
    from: { name: config.practice.name, address: config.practice.email },
    subject,
    text: renderText(blocks),
    html: renderHtml(blocks, subject),
    messageId: messageId(booking.id, method, booking.sequence, to.email, hostOf(config)),
  };
}

/** One invitation (or update, or cancellation) per coach and per person for a new, moved or cancelled call. */
export function bookingMails(input: BookingMailInput): OutgoingMail[] {
  const { config, booking, intake, method, previous } = input;
  const { coaches, people } = recipients(config, intake, booking.coaches);
  const organizer: InviteParty = { name: config.practice.name, email: config.practice.email };
  const attendees = attendeesOf(config, booking.coaches, people);
  const cancelled = method === 'CANCEL';
  const moved = !cancelled && booking.sequence > 0;
  const title = config.call.title;
  const verb = cancelled ? 'Cancelled' : moved ? 'Moved' : 'Invitation';
  const where: [string, string][] = [
    ['Length', `${config.call.minutes} minutes`],
    ...(config.call.location ? [['Where', config.call.location] as [string, string]] : []),
  ];
  const was = (to: Recipient): Block[] => (previous
    ? [{ kind: 'para', text: `It was planned for ${formatWhen(previous.start, previous.end, to.timeZone)}.` }]
    : []);

  const invite = (text: EventText) => buildInvite({
    uid: booking.uid, method, sequence: booking.sequence, start: booking.start, end: booking.end, stamp: input.now,
    ...text, location: config.call.location, organizer, attendees,
  });
  const ical = (content: string) => ({ method, content, filename: cancelled ? 'cancel.ics' : 'invite.ics' });
  const coachIcal = ical(invite(coachEventText(config, intake)));
  const duoIcal = ical(invite(duoEventText(config, holdingSentence(coaches, people))));
  const holding = (reader: Recipient): Block[] => {
    const text = cancelled ? undefined : holdingSentence(coaches, people, reader);
    return text ? [{ kind: 'para', text }] : [];
  };

  const actor = input.actor === undefined ? undefined : people[input.actor];
  const coachMail = (c: Recipient): OutgoingMail => {
    const colleague = coaches.find((o) => o.email !== c.email);
    const withYou = colleague ? ` with you and ${colleague.name}` : '';
    const lead = actor && (cancelled || moved)
      ? `${actor.name} ${cancelled ? 'cancelled' : 'moved'} the ${title} of ${duoNames(intake)}${withYou}${moved ? ' to a new time' : ''}.`
      : cancelled
        ? `${duoNames(intake)} cancelled their ${title}${withYou}.`
        : moved
          ? `${duoNames(intake)} moved their ${title}${withYou} to a new time.`
          : `${duoNames(intake)} booked a ${title}${withYou}.`;
    const blocks: Block[] = [
      { kind: 'para', text: `Hello ${c.name},` },
      { kind: 'para', text: lead },
      ...holding(c),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, c, people), ...(cancelled ? [] : where)] },
      ...was(c),
      ...(cancelled && input.reason ? [{ kind: 'para', text: actor ? `${actor.name}’s reason:` : 'Their reason:' } as Block, { kind: 'quote', text: input.reason } as Block] : []),
      ...(cancelled ? [] : [
        { kind: 'heading', text: 'Confidential intake (for the two coaches only)' } as Block,
        ...intakeBlocks(intake),
        { kind: 'para', text: 'Accept or decline with your calendar’s buttons; the intake is also in the event’s notes.' } as Block,
      ]),
    ];
    return { ...envelope(config, 'invite', booking, method, c, `${verb}: ${title} (${duoNames(intake)})`, blocks), icalEvent: coachIcal };
  };

  const personMail = (p: Recipient, index: number): OutgoingMail => {
    const partner = people.find((o) => o.email !== p.email);
    const by = actor && (cancelled || moved) ? (input.actor === index ? 'You' : actor.name) : undefined;
    const link = input.manageUrls?.[index];
    const lead = by
      ? `${by} ${cancelled ? 'cancelled' : 'moved'} your ${title} with ${config.practice.name}${moved ? ' to a new time' : ''}.`
      : cancelled
        ? `Your ${title} with ${config.practice.name} has been cancelled.`
        : moved
          ? `Your ${title} with ${config.practice.name} has moved to a new time.`
          : `Your ${title} with ${config.practice.name} is booked.`;
    const invited = `You${partner ? `, ${partner.name}` : ''} and both coaches, ${coaches.map((c) => c.name).join(' and ')}, are invited.`;
    // Person two, on the first invitation: who booked for both, and the ask to confirm their own part.
    const askToConfirm = !cancelled && !moved && index === 1 && link;
    const blocks: Block[] = [
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: cancelled ? lead : `${lead} ${invited}` },
      ...(askToConfirm ? [
        { kind: 'para', text: `${people[0].name} booked this call for both of you. Please confirm your own part through your own link: ` +
          'the four agreements, ticked by you, and two optional questions that only the two coaches will read.' } as Block,
        { kind: 'link', label: 'To confirm your part', url: link } as Block,
      ] : []),
      ...holding(p),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, p, [...(partner ? [partner] : []), ...coaches]), ...(cancelled ? [] : where)] },
      ...was(p),
      ...(cancelled ? [
        { kind: 'link', label: 'To book another time', url: config.practice.baseUrl } as Block,
      ] : [
        ...(link
          ? [{ kind: 'link', label: `To reschedule or cancel (until ${config.call.cancelNoticeHours} hours before the call)`, url: link } as Block]
          : moved ? [{ kind: 'para', text: 'Your own link to reschedule or cancel is in your first invitation.' } as Block] : []),
        { kind: 'heading', text: 'Before the call' } as Block,
        { kind: 'list', items: sessionEtiquette(config.call.cancelNoticeHours) } as Block,
        { kind: 'para', text: 'Accept the invitation to add the call to your calendar. Questions? Just reply to this email.' } as Block,
      ]),
    ];
    return { ...envelope(config, 'invite', booking, method, p, `${verb}: ${title} with ${config.practice.name}`, blocks), icalEvent: duoIcal };
  };

  return [...coaches.map(coachMail), ...people.map(personMail)];
}

export interface ReminderInput {
  config: Config;
  booking: MailBooking;
  intake: Intake;
  /** Whether person two has confirmed their part; said in the coaches' copy (left out when unknown). */
  partnerConfirmed?: boolean;
  now: number;
}

/** The reminder a day before: plain mail (no calendar part, which would count as another update), no answers. */
export function reminderMails({ config, booking, intake, partnerConfirmed, now }: ReminderInput): OutgoingMail[] {
  const { coaches, people } = recipients(config, intake, booking.coaches);
  const holding = (reader: Recipient): Block[] => {
    const text = holdingSentence(coaches, people, reader);
    return text ? [{ kind: 'para', text }] : [];
  };
  const title = config.call.title;
  const where: [string, string][] = [
    ['Length', `${config.call.minutes} minutes`],
    ...(config.call.location ? [['Where', config.call.location] as [string, string]] : []),
  ];
  const lateNotice = booking.start - config.call.cancelNoticeHours * HOUR_MS;
  const coachMail = (c: Recipient): OutgoingMail => envelope(config, 'reminder', booking, 'reminder', c,
    `Reminder: ${title} (${duoNames(intake)})`, [
      { kind: 'para', text: `Hello ${c.name},` },
      { kind: 'para', text: `A reminder of your ${title} with ${duoNames(intake)}.` },
      ...(partnerConfirmed === undefined ? [] : [{ kind: 'para', text: partnerConfirmed
        ? `${people[1].name} has confirmed their part.`
        : `${people[1].name} has not confirmed their part yet.` } as Block]),
      ...holding(c),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, c, people), ...where] },
      { kind: 'para', text: 'Their intake is in the invitation and in the event’s notes in your calendar.' },
    ]);
  const personMail = (p: Recipient): OutgoingMail => {
    const partner = people.find((o) => o.email !== p.email);
    return envelope(config, 'reminder', booking, 'reminder', p, `Reminder: ${title} with ${config.practice.name}`, [
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: `A reminder of your ${title} with ${config.practice.name}${partner ? `, together with ${partner.name}` : ''}.` },
      ...holding(p),
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, p, [...(partner ? [partner] : []), ...coaches]), ...where] },
      { kind: 'heading', text: 'Before the call' },
      { kind: 'list', items: sessionEtiquette(config.call.cancelNoticeHours) },
      { kind: 'para', text: now < lateNotice
        ? `The link to reschedule or cancel is in your invitation email; it works until ${formatInstant(lateNotice, p.timeZone)}. ` +
          'After that, or if something urgent comes up, just reply to this email.'
        : 'It is too late to reschedule online now; if something urgent comes up, just reply to this email.' },
    ]);
  };
  return [...coaches.map(coachMail), ...people.map(personMail)];
}
