// Every word of the invitations, updates, cancellations and reminders, in one place: subjects, opening lines, labels
// and notes, for the coaches and for the two people. bookingMails.ts and reminderMails.ts only put them in order.
import type { Config } from '../../core/config.ts';
import type { Intake } from '../../core/intake.ts';
import { FOCUS_LABELS, RELATIONSHIP_LABELS, sessionEtiquette, SPONSOR_RELATION_LABELS } from '../../core/texts.ts';

/** What happened to the call, as the messages tell it. */
export type CallChange = 'booked' | 'moved' | 'cancelled' | 'released';

/** "Ada Lovelace & Grace Hopper". */
export const duoNames = (intake: Intake): string => `${intake.people[0].name} & ${intake.people[1].name}`;

export const greeting = (name: string): string => `Hello ${name},`;

const SUBJECT_WORD: Record<CallChange, string> = { booked: 'Invitation', moved: 'Moved', cancelled: 'Cancelled', released: 'Released' };

// ——— The coaches' copy ———

export const coachSubject = (change: CallChange, title: string, duo: string): string => `${SUBJECT_WORD[change]}: ${title} (${duo})`;

/** `withYou` names the colleague: " with you and Jonas Weber" (empty when there is none). */
const COACH_LEADS: Record<CallChange, (duo: string, title: string, withYou: string) => string> = {
  booked: (duo, title, withYou) => `${duo} booked a ${title}${withYou}.`,
  moved: (duo, title, withYou) => `${duo} moved their ${title}${withYou} to a new time.`,
  cancelled: (duo, title, withYou) => `${duo} cancelled their ${title}${withYou}.`,
  released: (duo, title, withYou) => `The time held for the ${title} of ${duo}${withYou} has been released.`,
};

export function coachLead(change: CallChange, duo: string, title: string, colleague: string | undefined): string {
  return COACH_LEADS[change](duo, title, colleague ? ` with you and ${colleague}` : '');
}

/** A move or cancel made through one person's own link names them: "Grace Hopper moved the … of Ada & Grace …". */
export function coachActorLead(
  change: 'moved' | 'cancelled',
  actor: string,
  duo: string,
  title: string,
  colleague: string | undefined,
): string {
  const withYou = colleague ? ` with you and ${colleague}` : '';
  return `${actor} ${change} the ${title} of ${duo}${withYou}${change === 'moved' ? ' to a new time' : ''}.`;
}

export const CANCEL_REASON_LABEL = 'Their reason:';
/** The reason's label when the person who cancelled is known. */
export const actorReasonLabel = (actor: string): string => `${actor}’s reason:`;
export const CONFIDENTIAL_HEADING = 'Confidential intake (for the two coaches only)';
export const COACH_CALENDAR_NOTE = 'Accept or decline with your calendar’s buttons; the intake is also in the event’s notes.';

// ——— The two people's copy ———

export const personSubject = (change: CallChange, title: string, practice: string): string =>
  `${SUBJECT_WORD[change]}: ${title} with ${practice}`;

const PERSON_LEADS: Record<CallChange, (title: string, practice: string) => string> = {
  booked: (title, practice) => `Your ${title} with ${practice} is booked.`,
  moved: (title, practice) => `Your ${title} with ${practice} has moved to a new time.`,
  cancelled: (title, practice) => `Your ${title} with ${practice} has been cancelled.`,
  released: (title, practice) => `The time held for your ${title} with ${practice} has been released.`,
};

/** The opening line; a call that still takes place also says who is invited. */
export function personLead(
  change: CallChange,
  title: string,
  practice: string,
  partner: string | undefined,
  coaches: readonly string[],
): string {
  const lead = PERSON_LEADS[change](title, practice);
  if (change === 'cancelled' || change === 'released') return lead;
  return `${lead} You${partner ? `, ${partner}` : ''} and both coaches, ${coaches.join(' and ')}, are invited.`;
}

/** The opening line of a move or cancel made through a link: `by` is "You" for the one who made it, else their name. */
export function personActorLead(
  change: 'moved' | 'cancelled',
  by: string,
  title: string,
  practice: string,
  partner: string | undefined,
  coaches: readonly string[],
): string {
  const lead = `${by} ${change} your ${title} with ${practice}${change === 'moved' ? ' to a new time' : ''}.`;
  if (change === 'cancelled') return lead;
  return `${lead} You${partner ? `, ${partner}` : ''} and both coaches, ${coaches.join(' and ')}, are invited.`;
}

/** Person two's first invitation: who booked for both of them, and the ask to confirm their own part. */
export const confirmAsk = (bookedBy: string): string =>
  `${bookedBy} booked this call for both of you. Please confirm your own part through your own link: ` +
  'the four agreements, ticked by you, and two optional questions that only the two coaches will read.';
export const CONFIRM_LINK_LABEL = 'To confirm your part';
/** A person who did not make the change gets no link in the update (tokens are stored hashed). */
export const OWN_LINK_NOTE = 'Your own link to reschedule or cancel is in your first invitation.';

// ——— A time held for person two's confirmation (call.partnerConfirmation "require") ———

/** "awaiting Grace Hopper's confirmation", in the coaches' invitation. */
export const awaiting = (partner: string): string => `awaiting ${partner}'s confirmation`;

/** The coaches' invitation of a held call; `until` is the release time in the coach's zone. */
export const coachHeldNote = (partner: string, until: string): string =>
  `The time is held for you both, ${awaiting(partner)}. If ${partner} has not confirmed their part by ${until}, ` +
  'the hold is released and you both receive a cancellation.';

/** Person one's invitation of a held call. */
export const bookerHeldNote = (partner: string, until: string): string =>
  `The time is held for you both until ${partner} confirms their part through their own link. If they have not by ` +
  `${until}, the time is released and we let you know, so that you can choose another one together.`;

/** Person two's invitation of a held call. */
export const partnerHeldNote = (until: string): string =>
  `The time is held for you both until you confirm, at the latest by ${until}; after that it is released.`;

/** The coaches' note when person two confirms a held call. */
export const HELD_CALL_STANDS = 'The call now stands: the time is no longer only held, and nothing will be released.';

/** Why a hold was released, in the coaches' copy. */
export const coachReleasedNote = (partner: string): string =>
  `${partner} did not confirm their part in time, so neither of you is held at that time any more.`;

/** The kind note to person one when the hold is released, with the link to book again. */
export const bookerReleasedNote = (partner: string): string =>
  `${partner} has not confirmed their part in time, so we have released the time we were holding for you both. ` +
  `Nothing is lost: when it suits you both, you are welcome to choose a time again, perhaps together with ${partner}.`;

/** Person two's copy of a release. */
export const partnerReleasedNote = (booker: string): string =>
  `Your part was not confirmed in time, so the time is free again. If you would still like the call, you or ${booker} ` +
  'are welcome to book another time.';

// ——— Who holds whom (the coaches' and the people's copies, and the duo's calendar event) ———

interface Named {
  name: string;
  email: string;
}

/**
 * "Each coach holds the experience of one person", said to `reader` (a coach, a person, or no one for the calendar
 * event): "You hold Ada Lovelace's experience; Ben Ito holds Grace Hopper's." The part that concerns the reader comes
 * first (their own person for a coach, their own coach for a person). Undefined unless both coaches are known.
 */
export function holdingSentence(
  coaches: readonly (Named & { holds: 0 | 1 })[],
  people: readonly Named[],
  reader?: Named,
): string | undefined {
  if (coaches.length !== 2 || people.length !== 2) return undefined;
  const concerns = (c: (typeof coaches)[number]) => !!reader && (c.email === reader.email || people[c.holds].email === reader.email);
  const [first, second] = concerns(coaches[1]) && !concerns(coaches[0]) ? [coaches[1], coaches[0]] : [coaches[0], coaches[1]];
  const who = (c: (typeof coaches)[number]) => (reader && c.email === reader.email ? 'You hold' : `${c.name} holds`);
  const whose = (c: (typeof coaches)[number], alone: boolean) => {
    const held = people[c.holds];
    if (reader && held.email === reader.email) return alone ? 'yours' : 'your';
    return `${held.name}'s`;
  };
  return `${who(first)} ${whose(first, false)} experience; ${who(second)} ${whose(second, true)}.`;
}

export const BOOK_AGAIN_LABEL = 'To book another time';
export const manageLinkLabel = (cancelNoticeHours: number): string =>
  `To reschedule or cancel (until ${cancelNoticeHours} hours before the call)`;
export const BEFORE_THE_CALL_HEADING = 'Before the call';
export const PERSON_CALENDAR_NOTE = 'Accept the invitation to add the call to your calendar. Questions? Just reply to this email.';

// ——— Both copies ———

export const WHEN_LABEL = 'When (your time)';
export const forLabel = (name: string): string => `For ${name}`;
export const LENGTH_LABEL = 'Length';
export const lengthText = (minutes: number): string => `${minutes} minutes`;
export const WHERE_LABEL = 'Where';
export const wasPlannedFor = (when: string): string => `It was planned for ${when}.`;

// ——— Person two asked again, a day after booking (call.partnerConfirmation "ask") ———

export const nudgeSubject = (title: string, practice: string): string => `Please confirm your part: ${title} with ${practice}`;
export const nudgeLead = (booker: string, title: string, practice: string): string =>
  `${booker} booked the ${title} with ${practice} for both of you, and we have not yet heard from you. ` +
  'Please confirm your own part through your own link: the four agreements, ticked by you, and two optional ' +
  'questions that only the two coaches will read. The call stands either way.';

// ——— The reminder a day before ———

export const coachReminderSubject = (title: string, duo: string): string => `Reminder: ${title} (${duo})`;
export const coachReminderLead = (title: string, duo: string): string => `A reminder of your ${title} with ${duo}.`;
/** The coaches' reminder says whether person two has confirmed their own part. */
export const partnerConfirmedNote = (partner: string, confirmed: boolean): string =>
  confirmed ? `${partner} has confirmed their part.` : `${partner} has not confirmed their part yet.`;
export const COACH_REMINDER_NOTE = 'Their intake is in the invitation and in the event’s notes in your calendar.';
export const personReminderSubject = (title: string, practice: string): string => `Reminder: ${title} with ${practice}`;
export const personReminderLead = (title: string, practice: string, partner: string | undefined): string =>
  `A reminder of your ${title} with ${practice}${partner ? `, together with ${partner}` : ''}.`;
/** `until` is the last moment to change online, in the reader's zone; undefined once it has passed. */
export function reminderChangeNote(until: string | undefined): string {
  if (until === undefined) return 'It is too late to reschedule online now; if something urgent comes up, just reply to this email.';
  return (
    `The link to reschedule or cancel is in your invitation email; it works until ${until}. ` +
    'After that, or if something urgent comes up, just reply to this email.'
  );
}

// ——— The intake, as the coaches read it ———

export const INTAKE_LABELS = {
  relationship: 'How they work together',
  organization: 'Organization',
  person: (index: number) => `Person ${index === 0 ? 'one' : 'two'}`,
  focus: 'Focus',
  sponsor: 'Sponsor',
  noSponsor: 'none',
  context: 'What is happening in their partnership now:',
  hopes: 'What they hope will be different:',
};

/** A chosen answer in words; "other" with the person's own words. */
export const otherAnswer = (text: string): string => `Other: ${text}`;

export function relationshipText(p: Intake['partnership']): string {
  return p.relationship === 'other' ? otherAnswer(p.relationshipOther) : RELATIONSHIP_LABELS[p.relationship];
}

export function personText(person: Intake['people'][number]): string {
  return `${person.name} <${person.email}>${person.role ? `, ${person.role}` : ''} (${person.timeZone})`;
}

export function focusText(focus: Intake['focus']): string {
  return focus.areas.map((a) => (a === 'other' ? otherAnswer(focus.other) : FOCUS_LABELS[a])).join('; ');
}

export function sponsorText(s: Intake['sponsor']): string {
  if (!s) return INTAKE_LABELS.noSponsor;
  return `${s.name} (${SPONSOR_RELATION_LABELS[s.relation]})${s.email ? ` <${s.email}>` : ''}`;
}

// ——— The calendar event's own title and notes ———

export interface EventText {
  summary: string;
  description: string;
}

/** The duo's event: the call, who holds whom, the link and the session etiquette, never the intake answers. */
export function duoEventText(config: Config, holding?: string): EventText {
  return {
    summary: `${config.call.title} with ${config.practice.name}`,
    description: [
      `Your ${config.call.title} with ${config.practice.name}.`,
      ...(holding ? [holding] : []),
      ...(config.call.location ? [`Join: ${config.call.location}`] : []),
      '',
      ...sessionEtiquette(config.call.cancelNoticeHours),
    ].join('\n'),
  };
}

/** The coaches' event: the duo's names in the title, the intake (`intakeSummary`) in the description. */
export function coachEventText(config: Config, intake: Intake, intakeSummary: string): EventText {
  return {
    summary: `${config.call.title}: ${duoNames(intake)}`,
    description: [
      ...(config.call.location ? [`Join: ${config.call.location}`, ''] : []),
      'Confidential intake (for the two coaches only):',
      '',
      intakeSummary,
    ].join('\n'),
  };
}

// ——— The coaches' note of a message the duo did not receive ———

export const undeliverableSubject = (title: string, person: string): string => `Undeliverable: the ${title} mail to ${person}`;

export const undeliverableLead = (person: string, email: string, title: string, duo: string): string =>
  `The mail server of ${person} (${email}) did not accept our message about the ${title} with ${duo}, ` +
  'so they may not have the invitation or the link to change the call.';

export const UNDELIVERABLE_REPLY_LABEL = 'Their mail server answered';

export const undeliverableAdvice = (person: string, partner: string): string =>
  `Please reach ${person} another way, or through ${partner}. ` +
  'Duet sends no more to that address for this message, and tells you only once for this call.';
