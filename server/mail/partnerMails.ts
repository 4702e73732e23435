// The coaches' short note when person two confirms their part: no invitation, their private answers labelled as theirs.
import type { Config } from '../../core/config.ts';
import { PARTNER_QUESTIONS, type PartnerView } from '../../core/confirm.ts';
import type { Intake } from '../../core/intake.ts';
import type { Block } from './mailBody.ts';
import { envelope, type BookingVersion } from './messageEnvelope.ts';
import type { OutgoingMail } from './outgoingMail.ts';
import { recipients } from './recipients.ts';
import { duoNames, greeting } from './wording.ts';

export interface PartnerConfirmedInput { config: Config; booking: BookingVersion; intake: Intake; view: PartnerView }

/** One plain message per coach (no calendar part): person two confirmed, and what they wrote, for the coaches only. */
export function partnerConfirmedMails({ config, booking, intake, view }: PartnerConfirmedInput): OutgoingMail[] {
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
      ...(answers.length
        ? [{ kind: 'heading', text: `Confidential: ${two.name}’s own answers (for the two coaches only; ${people[0].name} does not see them)` } as Block, ...answers]
        : [{ kind: 'para', text: `${two.name} left the two private questions unanswered.` } as Block]),
    ]),
  }));
}
