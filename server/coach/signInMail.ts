// The mail that carries a sign-in link to the coaches' page: to a bare address, the link once, when it stops working.
import { randomBytes } from 'node:crypto';
import type { Config } from '../../core/config.ts';
import { renderHtml, renderText, type Block } from '../mail/mailBody.ts';
import type { OutgoingMail } from '../mail/outgoingMail.ts';
import { formatInstant } from '../mail/whenText.ts';
import type { Viewer } from './viewer.ts';

/** A sign-in link works this long after it was asked for. */
export const LINK_MINUTES = 15;

export function signInMail(config: Config, to: Viewer, url: string, expires: number, timeZone: string): OutgoingMail {
  const subject = `Your sign-in link for ${config.practice.name}'s coaches' page`;
  const blocks: Block[] = [
    { kind: 'para', text: `Hello ${to.name},` },
    {
      kind: 'para',
      text: `Here is the link you asked for. It signs you in once, until ${formatInstant(expires, timeZone)} (${LINK_MINUTES} minutes).`,
    },
    { kind: 'link', label: 'Sign in', url },
    { kind: 'para', text: 'If you did not ask for it, you can ignore this mail: nothing happens unless the link is used.' },
  ];
  const host = new URL(config.practice.baseUrl).hostname || 'duet.local';
  return {
    kind: 'signin',
    bookingId: null,
    sequence: 0,
    to: to.email,
    from: { name: config.practice.name, address: config.practice.email },
    subject,
    text: renderText(blocks),
    html: renderHtml(blocks, subject),
    messageId: `<signin.${randomBytes(12).toString('base64url')}@${host}>`,
  };
}
