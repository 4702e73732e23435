// One message's envelope: sender, recipient, subject, the body rendered as text and HTML, and a Message-ID fixed per version.
import { createHash } from 'node:crypto';
import type { Config } from '../../core/config.ts';
import type { CallCoach } from '../../core/holding.ts';
import { renderHtml, renderText, type Block } from './mailBody.ts';
import type { OutgoingMail } from './outgoingMail.ts';
import type { Recipient } from './recipients.ts';

/** The part of a booking every message names; `coaches` are the call's two, and only they are written to. */
export interface BookingVersion {
  id: string;
  uid: string;
  start: number;
  end: number;
  sequence: number;
  coaches: readonly CallCoach[];
}

/** Fixed per booking, kind, sequence and recipient: a resend after a crash is recognised as the same message. */
export function messageId(bookingId: string, kind: string, sequence: number, recipient: string, host: string): string {
  const who = createHash('sha256').update(recipient.toLowerCase()).digest('hex').slice(0, 16);
  return `<${bookingId}.${kind.toLowerCase()}.${sequence}.${who}@${host}>`;
}

const hostOf = (config: Config) => new URL(config.practice.baseUrl).hostname || 'duet.local';

/** `method` names the Message-ID's kind: REQUEST, CANCEL or reminder. */
export function envelope(
  config: Config,
  kind: OutgoingMail['kind'],
  booking: BookingVersion,
  method: string,
  to: Recipient,
  subject: string,
  blocks: Block[],
): Omit<OutgoingMail, 'icalEvent'> {
  return {
    kind,
    bookingId: booking.id,
    sequence: booking.sequence,
    to: to.email,
    from: { name: config.practice.name, address: config.practice.email },
    subject,
    text: renderText(blocks),
    html: renderHtml(blocks, subject),
    messageId: messageId(booking.id, method, booking.sequence, to.email, hostOf(config)),
  };
}
