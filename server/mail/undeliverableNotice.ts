// The note to both coaches when a message to one of the duo could not be delivered: they can reach that person
// another way. One per booking and person, whichever of that person's messages failed (its Message-ID says so).
import type { Config } from '../../core/config.ts';
import type { BookingRow } from '../store/port.ts';
import { formatWhen, messageId } from './bookingMails.ts';
import { renderHtml, renderText, type Block } from './mailBody.ts';
import type { OutgoingMail } from './outgoingMail.ts';

/**
 * The notices for a message to `recipient` that ended failed with `code` (an SMTP reply code such as "EENVELOPE 550",
 * never the server's text): none when the recipient is not one of the two people (a coach), or the booking's
 * answers are gone.
 */
export function undeliverableNotices(config: Config, booking: BookingRow, recipient: string, code: string): OutgoingMail[] {
  const people = booking.intake?.people;
  const index = people?.findIndex((p) => p.email === recipient.toLowerCase()) ?? -1;
  if (!people || index < 0) return [];
  const person = people[index];
  const host = new URL(config.practice.baseUrl).hostname || 'duet.local';
  const title = config.call.title;
  const subject = `Undeliverable: the ${title} mail to ${person.name}`;
  return config.coaches.map((coach): OutgoingMail => {
    const blocks: Block[] = [
      { kind: 'para', text: `Hello ${coach.name},` },
      { kind: 'para', text: `The mail server of ${person.name} (${person.email}) did not accept our message about the ${title} ` +
        `with ${people[0].name} & ${people[1].name}, so they may not have the invitation or the link to change the call.` },
      { kind: 'fields', rows: [
        ['When (your time)', formatWhen(booking.start, booking.end, coach.timeZone)],
        ['Their mail server answered', code],
      ] },
      { kind: 'para', text: `Please reach ${person.name} another way${index === 0 ? `, or through ${people[1].name}` : `, or through ${people[0].name}`}. ` +
        'Duet sends no more to that address for this message, and tells you only once for this call.' },
    ];
    return {
      kind: 'notice', bookingId: booking.id, sequence: booking.sequence,
      to: coach.email,
      from: { name: config.practice.name, address: config.practice.email },
      subject, text: renderText(blocks), html: renderHtml(blocks, subject),
      // Fixed per booking, person and coach (not per sequence): a second failure for that person finds it queued.
      messageId: messageId(booking.id, `undeliverable${index}`, 0, coach.email, host),
    };
  });
}
