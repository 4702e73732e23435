// The mails for one booking: one message per recipient; the coaches' copy carries the intake, the duo's never does.
import { createHash } from 'node:crypto';
import type { Config } from '../../core/config.ts';
import type { Intake } from '../../core/intake.ts';
import { FOCUS_LABELS, RELATIONSHIP_LABELS, sessionEtiquette, SPONSOR_RELATION_LABELS } from '../../core/texts.ts';
import { buildInvite, type InviteParty } from './calendarInvite.ts';
import { renderHtml, renderText, type Block } from './mailBody.ts';
import type { InviteMethod, OutgoingMail } from './outgoingMail.ts';
import { HOUR_MS } from '../../core/time.ts';

export interface BookingMailInput {
  config: Config;
  /** `sequence`: 0 when booked, +1 on every reschedule and on the cancel. */
  booking: { id: string; uid: string; start: number; end: number; sequence: number };
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

/** The duo's event: the call, the link and the session etiquette, never the intake answers. */
export function duoEventText(config: Config): EventText {
  return {
    summary: `${config.call.title} with ${config.practice.name}`,
    description: [
      `Your ${config.call.title} with ${config.practice.name}.`,
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

/** Everyone invited: the two coaches, then the two people. */
export function attendeesOf(config: Config, people: readonly { name: string; email: string }[]): InviteParty[] {
  return [...config.coaches, ...people].map(({ name, email }) => ({ name, email }));
}

const duoNames = (intake: Intake) => `${intake.people[0].name} & ${intake.people[1].name}`;

interface Recipient { name: string; email: string; timeZone: string }

function recipients(config: Config, intake: Intake) {
  return {
    coaches: config.coaches.map((c): Recipient => ({ name: c.name, email: c.email, timeZone: c.timeZone })),
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

function envelope(config: Config, kind: OutgoingMail['kind'], booking: BookingMailInput['booking'], method: string,
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
  const { coaches, people } = recipients(config, intake);
  const organizer: InviteParty = { name: config.practice.name, email: config.practice.email };
  const attendees = attendeesOf(config, people);
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
  const duoIcal = ical(invite(duoEventText(config)));

  const coachMail = (c: Recipient): OutgoingMail => {
    const colleague = coaches.find((o) => o.email !== c.email);
    const lead = cancelled
      ? `${duoNames(intake)} cancelled their ${title}${colleague ? ` with you and ${colleague.name}` : ''}.`
      : moved
        ? `${duoNames(intake)} moved their ${title}${colleague ? ` with you and ${colleague.name}` : ''} to a new time.`
        : `${duoNames(intake)} booked a ${title}${colleague ? ` with you and ${colleague.name}` : ''}.`;
    const blocks: Block[] = [
      { kind: 'para', text: `Hello ${c.name},` },
      { kind: 'para', text: lead },
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, c, people), ...(cancelled ? [] : where)] },
      ...was(c),
      ...(cancelled && input.reason ? [{ kind: 'para', text: 'Their reason:' } as Block, { kind: 'quote', text: input.reason } as Block] : []),
      ...(cancelled ? [] : [
        { kind: 'heading', text: 'Confidential intake (for the two coaches only)' } as Block,
        ...intakeBlocks(intake),
        { kind: 'para', text: 'Accept or decline with your calendar’s buttons; the intake is also in the event’s notes.' } as Block,
      ]),
    ];
    return { ...envelope(config, 'invite', booking, method, c, `${verb}: ${title} (${duoNames(intake)})`, blocks), icalEvent: coachIcal };
  };

  const personMail = (p: Recipient): OutgoingMail => {
    const partner = people.find((o) => o.email !== p.email);
    const lead = cancelled
      ? `Your ${title} with ${config.practice.name} has been cancelled.`
      : moved
        ? `Your ${title} with ${config.practice.name} has moved to a new time.`
        : `Your ${title} with ${config.practice.name} is booked.`;
    const invited = `You${partner ? `, ${partner.name}` : ''} and both coaches, ${coaches.map((c) => c.name).join(' and ')}, are invited.`;
    const blocks: Block[] = [
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: cancelled ? lead : `${lead} ${invited}` },
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, p, [...(partner ? [partner] : []), ...coaches]), ...(cancelled ? [] : where)] },
      ...was(p),
      ...(cancelled ? [
        { kind: 'link', label: 'To book another time', url: config.practice.baseUrl } as Block,
      ] : [
        ...(input.manageUrl ? [{ kind: 'link', label: `To reschedule or cancel (until ${config.call.cancelNoticeHours} hours before the call)`, url: input.manageUrl } as Block] : []),
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
  booking: { id: string; uid: string; start: number; end: number; sequence: number };
  intake: Intake;
  now: number;
}

/** The reminder a day before: plain mail (no calendar part, which would count as another update), no answers. */
export function reminderMails({ config, booking, intake, now }: ReminderInput): OutgoingMail[] {
  const { coaches, people } = recipients(config, intake);
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
      { kind: 'fields', rows: [...whenRows(booking.start, booking.end, c, people), ...where] },
      { kind: 'para', text: 'Their intake is in the invitation and in the event’s notes in your calendar.' },
    ]);
  const personMail = (p: Recipient): OutgoingMail => {
    const partner = people.find((o) => o.email !== p.email);
    return envelope(config, 'reminder', booking, 'reminder', p, `Reminder: ${title} with ${config.practice.name}`, [
      { kind: 'para', text: `Hello ${p.name},` },
      { kind: 'para', text: `A reminder of your ${title} with ${config.practice.name}${partner ? `, together with ${partner.name}` : ''}.` },
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
