// Where outbox mail goes: real SMTP when SMTP_URL is set, otherwise .eml (and .ics) files in a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { OutgoingMail } from './mail.ts';

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId,
    icalEvent: { method: mail.icalEvent.method, filename: mail.icalEvent.filename, content: mail.icalEvent.content },
  };
}

/** Sends through an SMTP server, e.g. `smtp://user:pass@host:587`. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail(toNodemailer(mail));
    },
    close: () => transporter.close(),
  };
}

/** Writes each message as `<message-id>.eml`, with its calendar part beside it as `.ics`. */
export function fileTransport(dir: string): MailTransport {
  mkdirSync(dir, { recursive: true });
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
  return {
    async send(mail) {
      const info = await transporter.sendMail(toNodemailer(mail));
      const name = mail.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
      writeFileSync(join(dir, `${name}.eml`), info.message as Buffer);
      writeFileSync(join(dir, `${name}.ics`), mail.icalEvent.content);
    },
    close: () => transporter.close(),
  };
}
