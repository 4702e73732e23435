// Person two's own messages beyond the invitation: the coaches' short note when they confirm their part (no
// invitation, their private answers labelled as theirs), and the one nudge a day after booking when they have not.
import type { Config } from '../../core/config.ts';
import { PARTNER_QUESTIONS, type PartnerView } from '../../core/confirm.ts';
import type { Intake } from '../../core/intake.ts';
import type { Block } from './mailBody.ts';
import { envelope, type BookingVersion } from './messageEnvelope.ts';
import type { OutgoingMail } from './outgoingMail.ts';
import { recipients } from './recipients.ts';
import { HOUR_MS } from '../../core/time.ts';
import { CONFIRM_LINK_LABEL, duoNames, greeting, HELD_CALL_STANDS, nudgeLead, nudgeSubject } from './wording.ts';

export interface PartnerConfirmedInput {
  config: Config;
  booking: BookingVersion;
  intake: Intake;
  view: PartnerView;
  /** The time was held for their confirmation ("require"): it now stands. */
  held?: boolean;
}

/** One plain message per coach (no calendar part): person two confirmed, and what they wrote, for the coaches only. */
export function partnerConfirmedMails({ config, booking, intake, view, held }: PartnerConfirmedInput): OutgoingMail[] {
  const { coaches, people } = recipients(config, intake, booking.coaches);
  const two = people[1];
  const answers: Block[] = [
    ...(view.now ? [{ kind: 'para', text: PARTNER_QUESTIONS.now } as Block, { kind: 'quote', text: view.now } as Block] : []),
    ...(view.hopes ? [{ kind: 'para', text: PARTNER_QUESTIONS.hopes } as Block, { kind: 'quote', text: view.hopes } as Block] : []),
  ];
  return coaches.map((c) => ({
    ...envelope(config, 'note', booking, 'confirmed', c, `Confirmed by ${two.name}: ${config.call.title} (${duoNames(intake)})`, [
      { kind: 'para', text: greeting(c.name) },
      { kind: 'para', text: `${two.name} confirmed their part of the ${config.call.title} and ticked the four agreements themselves.` },
      ...(held ? [{ kind: 'para', text: HELD_CALL_STANDS } as Block] : []),
      ...(answers.length
        ? [
            {
              kind: 'heading',
              text: `Confidential: ${two.name}’s own answers (for the two coaches only; ${people[0].name} does not see them)`,
            } as Block,
            ...answers,
          ]
        : [{ kind: 'para', text: `${two.name} left the two private questions unanswered.` } as Block]),
    ]),
  }));
}

/** With call.partnerConfirmation "ask", person two is asked once more this long after booking, unless they confirmed. */
export const NUDGE_AFTER_MS = 24 * HOUR_MS;

export interface NudgeInput {
  config: Config;
  booking: BookingVersion;
  intake: Intake;
  link: string;
}

/**
 * The one nudge to person two, built when booking (their link is known only then: tokens are stored hashed) and
 * kept with the booking until it is due. It names no time, which a move may have changed.
 */
export function partnerNudgeMail({ config, booking, intake, link }: NudgeInput): OutgoingMail {
  const { people } = recipients(config, intake, booking.coaches);
  return {
    ...envelope(config, 'nudge', booking, 'nudge', people[1], nudgeSubject(config.call.title, config.practice.name), [
      { kind: 'para', text: greeting(people[1].name) },
      { kind: 'para', text: nudgeLead(people[0].name, config.call.title, config.practice.name) },
      { kind: 'link', label: CONFIRM_LINK_LABEL, url: link },
    ]),
  };
}
