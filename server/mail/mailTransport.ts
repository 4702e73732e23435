// Where outbox mail goes: real SMTP when SMTP_URL is set, otherwise .eml (and .ics) files in a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { OutgoingMail } from './outgoingMail.ts';

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

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

/** Sends through an SMTP server, e.g. `smtp://user:pass@host:587`; fails fast so the outbox can retry later. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      // A server that accepts the message but refuses the one recipient has not delivered it.
      if (info.rejected.length > 0) throw new Error('recipient rejected');
    },
    close: () => transporter.close(),
  };
}

/** Writes each message as `<message-id>.eml`, with its calendar part beside it as `.ics`. */
export function fileTransport(dir: string): MailTransport {
  mkdirSync(dir, { recursive: true });
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
      writeFileSync(join(dir, `${name}.eml`), info.message as Buffer);
      if (mail.icalEvent) writeFileSync(join(dir, `${name}.ics`), mail.icalEvent.content);
    },
    close: () => transporter.close(),
  };
}
