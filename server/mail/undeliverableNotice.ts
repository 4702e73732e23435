// The note to both coaches when a message to one of the duo could not be delivered: they can reach that person
// another way. One per booking and person, whichever of that person's messages failed (its Message-ID says so).
import type { Config } from '../../core/config.ts';
import type { BookingRow } from '../store/port.ts';
import type { Block } from './mailBody.ts';
import { envelope } from './messageEnvelope.ts';
import { coachRecipients } from './recipients.ts';
import type { OutgoingMail } from './outgoingMail.ts';
import { formatWhen } from './whenText.ts';
import {
  duoNames,
  greeting,
  UNDELIVERABLE_REPLY_LABEL,
  undeliverableAdvice,
  undeliverableLead,
  undeliverableSubject,
  WHEN_LABEL,
} from './wording.ts';

/**
 * The notices for a message to `recipient` that ended failed with `code` (an SMTP reply code such as "EENVELOPE 550",
 * never the server's text): none when the recipient is not one of the two people (a coach), or the booking's
 * answers are gone.
 */
export function undeliverableNotices(config: Config, booking: BookingRow, recipient: string, code: string): OutgoingMail[] {
  const intake = booking.intake;
  const index = intake?.people.findIndex((p) => p.email === recipient.toLowerCase()) ?? -1;
  if (!intake || index < 0) return [];
  const person = intake.people[index];
  const partner = intake.people[1 - index];
  const title = config.call.title;
  const subject = undeliverableSubject(title, person.name);
  // Sequence 0 in the Message-ID whatever the booking's version: a later failure for this person finds it queued.
  const version = { id: booking.id, uid: booking.uid, start: booking.start, end: booking.end, sequence: 0, coaches: booking.coaches };
  // The call's own two coaches, not every coach of the pool.
  return coachRecipients(config, booking.coaches).map((coach): OutgoingMail => {
    const blocks: Block[] = [
      { kind: 'para', text: greeting(coach.name) },
      { kind: 'para', text: undeliverableLead(person.name, person.email, title, duoNames(intake)) },
      {
        kind: 'fields',
        rows: [
          [WHEN_LABEL, formatWhen(booking.start, booking.end, coach.timeZone)],
          [UNDELIVERABLE_REPLY_LABEL, code],
        ],
      },
      { kind: 'para', text: undeliverableAdvice(person.name, partner.name) },
    ];
    return envelope(config, 'notice', version, `undeliverable${index}`, coach, subject, blocks);
  });
}
