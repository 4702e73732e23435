// A real SMTP server on loopback (smtp-server) that keeps and parses what it receives, and can refuse on demand.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  rcpt: string[];
  raw: string;
  mail: ParsedMail;
}

export interface LoopbackSmtp {
  port: number;
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** Listens on `port` (0: any free one); `refuse()` returning true answers a message with 451 instead of taking it. */
export async function startSmtp(opts: { port?: number; received?: Received[]; refuse?: () => boolean } = {}): Promise<LoopbackSmtp> {
  const received = opts.received ?? [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (opts.refuse?.()) {
          callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((mail) => {
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw: raw.toString('utf8'), mail });
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The `text/calendar` alternative of a received message and the iTIP method on its Content-Type. */
export function calendarPart(mail: ParsedMail): { method: string; content: string } | undefined {
  const part = mail.attachments.find((a) => /^text\/calendar/i.test(a.contentType));
  if (!part) return undefined;
  const type = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  return { method: type?.params?.method ?? '', content: part.content.toString('utf8') };
}
