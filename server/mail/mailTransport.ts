// Where outbox mail goes: real SMTP when SMTP_URL is set, otherwise .eml (and .ics) files in a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { OutgoingMail } from './outgoingMail.ts';

export interface MailTransport {
  /** Resolves once the server accepted the message (250 after DATA); rejects with nodemailer's error otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  /** How many messages may be on their way at once (one per pooled connection). */
  readonly lanes: number;
  close(): void;
}

/**
 * Explicit SMTP timeouts in place of nodemailer's 2- and 10-minute defaults: a server that does not answer is given
 * up on this time (and tried again later) instead of holding a connection for minutes.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 } as const;
/** Pooled connections: messages go out side by side, so one slow delivery holds up no other. */
export const SMTP_CONNECTIONS = 4;

/** The nodemailer message: text and HTML bodies, and the invitation as the `text/calendar; method=…` alternative. */
export function toNodemailer(mail: OutgoingMail): Mail.Options {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: { 'Auto-Submitted': 'auto-generated' },
    ...(mail.icalEvent
      ? { icalEvent: { method: mail.icalEvent.method, filename: mail.icalEvent.filename, content: mail.icalEvent.content } }
      : {}),
  };
}

/**
 * Sends through an SMTP server, e.g. `smtp://user:pass@host:587`, over a small pool of connections that are kept
 * open between messages (each carries up to 100 before it is renewed); fails fast so the outbox can retry later.
 */
export function smtpTransport(
  url: string,
  options: { connections?: number; timeouts?: Partial<Record<keyof typeof SMTP_TIMEOUTS, number>> } = {},
): MailTransport {
  const lanes = options.connections ?? SMTP_CONNECTIONS;
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: lanes,
    maxMessages: 100,
    ...SMTP_TIMEOUTS,
    ...options.timeouts,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    lanes,
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      // A server that accepts the message but refuses the one recipient has not delivered it.
      if (info.rejected.length > 0) {
        const refusal = (info.rejectedErrors?.[0] ?? {}) as { responseCode?: number; command?: string };
        throw Object.assign(new Error('recipient rejected'), {
          code: 'EENVELOPE',
          responseCode: refusal.responseCode,
          command: refusal.command ?? 'RCPT TO',
        });
      }
    },
    close: () => transporter.close(),
  };
}

/** Writes each message as `<message-id>.eml`, with its calendar part beside it as `.ics`. */
export function fileTransport(dir: string): MailTransport {
  mkdirSync(dir, { recursive: true });
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    lanes: 4,
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
      writeFileSync(join(dir, `${name}.eml`), info.message as Buffer);
      if (mail.icalEvent) writeFileSync(join(dir, `${name}.ics`), mail.icalEvent.content);
    },
    close: () => transporter.close(),
  };
}
