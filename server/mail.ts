// The invitation mails for one booking change: one message per recipient, coaches' and duo's copies differ.
import { createHash } from 'node:crypto';
import type { Config } from '../core/config.ts';
import type { Intake } from '../core/intake.ts';
import { FOCUS_LABELS, RELATIONSHIP_LABELS, SESSION_ETIQUETTE, SPONSOR_RELATION_LABELS } from '../core/texts.ts';
import { buildInvite, type InviteParty } from './invite.ts';

/** A message as stored in the outbox and handed to nodemailer. */
export interface OutgoingMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  messageId: string;
  icalEvent: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

export interface BookingMailInput {
  config: Config;
  booking: { id: string; uid: string; start: number; end: number; sequence: number };
  intake: Intake;
  method: 'REQUEST' | 'CANCEL';
  /** The duo's private link; only known when the duo themselves made the change. */
  manageUrl?: string;
  now: number;
}

/** Formats an instant as a person reads it in their own zone. */
export function formatWhen(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit',
    timeZone, timeZoneName: 'short',
  }).format(ms);
}

/** The Message-ID is fixed per booking, method, sequence and recipient: a resend after a crash is harmless. */
export function messageId(bookingId: string, method: string, sequence: number, recipient: string, host: string): string {
  const who = createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 16);
  return `<${bookingId}.${method.toLowerCase()}.${sequence}.${who}@${host}>`;
}

/** The intake as the coaches read it. */
export function intakeSummary(intake: Intake): string {
  const p = intake.partnership;
  const relation = p.relationship === 'other' ? `Other: ${p.relationshipOther}` : RELATIONSHIP_LABELS[p.relationship];
  const lines = [
    `How they work together: ${relation}`,
    ...(p.organization ? [`Organization: ${p.organization}`] : []),
    '',
    ...intake.people.flatMap((person, i) => [
      `Person ${i === 0 ? 'one' : 'two'}: ${person.name} <${person.email}>${person.role ? `, ${person.role}` : ''} (${person.timeZone})`,
    ]),
    '',
    'What is happening in their partnership now:',
    p.context,
    '',
    `Focus: ${intake.focus.areas.map((a) => (a === 'other' ? `Other: ${intake.focus.other}` : FOCUS_LABELS[a])).join('; ')}`,
    '',
    'What they hope will be different:',
    intake.focus.hopes,
    '',
    intake.sponsor
      ? `Sponsor: ${intake.sponsor.name} (${SPONSOR_RELATION_LABELS[intake.sponsor.relation]})${intake.sponsor.email ? ` <${intake.sponsor.email}>` : ''}`
      : 'Sponsor: none',
  ];
  return lines.join('\n');
}

export interface EventText { summary: string; description: string }

/** The duo's event: the call, the link and the session etiquette, never the intake answers. */
export function duoEventText(config: Config): EventText {
  return {
    summary: `${config.call.title} with ${config.practice.name}`,
    description: [
      `Your ${config.call.title} with ${config.practice.name}.`,
      ...(config.call.location ? [`Join: ${config.call.location}`] : []),
      '', ...SESSION_ETIQUETTE,
    ].join('\n'),
  };
}

/** Everyone invited: the two coaches, then the two people. */
export function attendeesOf(config: Config, people: readonly { name: string; email: string }[]): InviteParty[] {
  return [...config.coaches, ...people].map(({ name, email }) => ({ name, email }));
}

/** One message per coach and per person for a new, moved or cancelled call. */
export function bookingMails(input: BookingMailInput): OutgoingMail[] {
  const { config, booking, intake, method } = input;
  const host = new URL(config.practice.baseUrl).hostname || 'duet.local';
  const organizer: InviteParty = { name: config.practice.name, email: config.practice.email };
  const coaches = config.coaches.map((c) => ({ name: c.name, email: c.email, timeZone: c.timeZone }));
  const people = intake.people.map((p) => ({ name: p.name, email: p.email, timeZone: p.timeZone }));
  const attendees = attendeesOf(config, people);
  const duoNames = `${people[0].name} & ${people[1].name}`;
  const cancelled = method === 'CANCEL';

  const invite = (text: EventText) => buildInvite({
    uid: booking.uid, method, sequence: booking.sequence, start: booking.start, end: booking.end, stamp: input.now,
    ...text, location: config.call.location, organizer, attendees,
  });

  const coachText = intakeSummary(intake);
  const coachInvite = invite({ summary: `${config.call.title}: ${duoNames}`, description: coachText });
  const duoInvite = invite(duoEventText(config));
  const verb = cancelled ? 'Cancelled' : booking.sequence > 0 ? 'Moved' : 'Invitation';

  const mail = (to: { email: string; timeZone: string }, subject: string, body: string[], content: string): OutgoingMail => ({
    to: to.email,
    from: `${config.practice.name} <${config.practice.email}>`,
    subject,
    text: [`When: ${formatWhen(booking.start, to.timeZone)}`, ...body].join('\n'),
    messageId: messageId(booking.id, method, booking.sequence, to.email, host),
    icalEvent: { method, content, filename: cancelled ? 'cancel.ics' : 'invite.ics' },
  });

  return [
    ...coaches.map((c) => mail(c, `${verb}: ${config.call.title} (${duoNames})`, [
      `Length: ${config.call.minutes} minutes`,
      ...(config.call.location ? [`Where: ${config.call.location}`] : []),
      '', 'Confidential intake (for the two coaches only):', '', coachText,
    ], coachInvite)),
    ...people.map((p) => mail(p, `${verb}: ${config.call.title} with ${config.practice.name}`, [
      `Length: ${config.call.minutes} minutes`,
      ...(config.call.location ? [`Where: ${config.call.location}`] : []),
      '',
      cancelled ? 'This call has been cancelled.' : `You, ${people[0].name === p.name ? people[1].name : people[0].name} and both coaches have been invited.`,
      ...(input.manageUrl && !cancelled ? ['', `To reschedule or cancel (until ${config.call.cancelNoticeHours} hours before): ${input.manageUrl}`] : []),
      '', 'Before the call:', ...SESSION_ETIQUETTE.map((s) => `- ${s}`),
    ], duoInvite)),
  ];
}
