// The mail sender draining a backlog: 700 messages (175 bookings) through the real outbox worker and its pooled
// SMTP transport, to a loopback smtp-server that takes each message after 12 ms, from a real SQLite file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import * as v from 'valibot';
import { ConfigSchema } from '../core/config.ts';
import { BookingRequestSchema } from '../core/intake.ts';
import { DAY_MS } from '../core/time.ts';
import { silentLogger } from '../server/logger.ts';
import { bookingMails } from '../server/mail/bookingMails.ts';
import { smtpTransport } from '../server/mail/mailTransport.ts';
import { startOutbox } from '../server/mail/outboxWorker.ts';
import { openSqliteStore } from '../server/store/sqlite/sqliteStore.ts';

const BOOKINGS = 175;
const ACCEPT_MS = 12;
const root = fileURLToPath(new URL('..', import.meta.url));
const config = v.parse(ConfigSchema, JSON.parse(readFileSync(join(root, 'examples/duet.config.json'), 'utf8')));
const intake = v.parse(BookingRequestSchema, {
  slot: { start: '2026-12-01T15:00:00Z' },
  intake: {
    partnership: { relationship: 'co-founders', organization: 'Acme', context: 'Growing fast.' },
    people: [
      { name: 'Ada Lovelace', email: 'ada@example.com', timeZone: 'America/New_York' },
      { name: 'Grace Hopper', email: 'grace@example.com', timeZone: 'Europe/London' },
    ],
    focus: { areas: ['trust'], hopes: 'Decide together.' },
    agreements: { notice: true, presence: true, confidentiality: true, commitment: true },
  },
}).intake;

let accepted = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.resume();
    stream.on('end', () =>
      setTimeout(() => {
        accepted++;
        callback();
      }, ACCEPT_MS),
    );
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
const url = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

const dir = mkdtempSync(join(tmpdir(), 'duet-bench-outbox-'));
const store = openSqliteStore(join(dir, 'duet.sqlite'));
const now = Date.now();
for (let i = 0; i < BOOKINGS; i++) {
  const id = `bench_${i}`;
  const start = now + 2 * DAY_MS + i * 3_600_000;
  const booking = {
    id,
    uid: `${id}@localhost`,
    start,
    end: start + 45 * 60_000,
    sequence: 0,
    coaches: config.coaches.slice(0, 2).map((c, i) => ({ id: c.id, holds: i as 0 | 1 })),
  };
  const mails = bookingMails({ config, booking, intake, method: 'REQUEST', now });
  await store.runPlan(now, () => ({
    result: undefined,
    writes: { newBooking: { ...booking, tokenHash: 'h', partnerTokenHash: 'h2', intake, pairReason: 'bench' }, mails },
  }));
}
const messages = (await store.outbox.backlog(now)).pending;

const transport = smtpTransport(url);
const worker = startOutbox(store, transport, () => Date.now(), silentLogger, { intervalMs: 3_600_000 });
const started = performance.now();
let sent = 0;
while (sent < messages) {
  const n = await worker.flush();
  if (n === 0) break;
  sent += n;
}
const seconds = (performance.now() - started) / 1000;
await worker.stop();
transport.close();
await store.close();
smtp.close();
rmSync(dir, { recursive: true, force: true });

process.stdout.write(JSON.stringify({ bench: 'outbox_drain', messages, seconds: Math.round(seconds * 100) / 100, accepted }) + '\n');
if (seconds > 30 || sent !== messages || accepted !== messages) process.exitCode = 1;
