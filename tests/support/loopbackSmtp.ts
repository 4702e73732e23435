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

export interface SmtpBehaviour {
  port?: number;
  received?: Received[];
  /** True: answer the message with 451 instead of taking it. */
  refuse?: () => boolean;
  /** The reply code (such as 550) with which to refuse a recipient at RCPT TO; undefined takes it. */
  refuseRecipient?: (address: string) => number | undefined;
  /** The reply code (such as 554) with which to refuse a message after DATA; undefined takes it. */
  refuseData?: (rcpt: string[]) => number | undefined;
  /** Awaited before the server answers a message it takes: a slow server, or one held until a test lets it go. */
  beforeReply?: (rcpt: string[]) => Promise<void> | void;
}

/** Listens on `port` (0: any free one) and behaves as `opts` says: refusing, slow, or taking everything. */
export async function startSmtp(opts: SmtpBehaviour = {}): Promise<LoopbackSmtp> {
  const received = opts.received ?? [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = opts.refuseRecipient?.(address.address);
      if (code === undefined) callback();
      else callback(Object.assign(new Error('no such user here'), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const rcpt = session.envelope.rcptTo.map((r) => r.address);
        if (opts.refuse?.()) {
          callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
          return;
        }
        const refusal = opts.refuseData?.(rcpt);
        if (refusal !== undefined) {
          callback(Object.assign(new Error('message refused'), { responseCode: refusal }));
          return;
        }
        await opts.beforeReply?.(rcpt);
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
  // Once listening, a client's connection cut under it (a sender killed or timed out) is that client's affair.
  server.removeAllListeners('error');
  server.on('error', () => {});
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
