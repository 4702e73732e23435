// The mail sender against real SMTP servers on loopback that refuse, stall or never answer, with an injected clock:
// a refusal fails at once and the coaches hear of it once, a temporary failure is retried for three days, and one
// slow message holds up no other.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { BookingRequestSchema } from '../../core/intake.ts';
import { DAY_MS, HOUR_MS } from '../../core/time.ts';
import { silentLogger } from '../../server/logger.ts';
import { smtpTransport, type MailTransport } from '../../server/mail/mailTransport.ts';
import { startOutbox, type OutboxWorker } from '../../server/mail/outboxWorker.ts';
import { undeliverableNotices } from '../../server/mail/undeliverableNotice.ts';
import type { OutboxEntry, Store } from '../../server/store/port.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { writeBooking, writeChange } from '../support/storeWrites.ts';
import { waitFor } from '../support/waitFor.ts';
import { startSmtp, type SmtpBehaviour } from '../support/loopbackSmtp.ts';

const config = testConfig();
const intake = v.parse(BookingRequestSchema, bookingBody('2026-12-01T15:00:00Z')).intake;
const COACHES = ['maya@example.org', 'jonas@example.org'];
const START = Date.parse('2026-12-01T15:00:00Z');

let dir: string;
let store: Store;
let now: number;
const cleanup: (() => Promise<void> | void)[] = [];

function setUp() {
  dir = mkdtempSync(join(tmpdir(), 'duet-outbox-'));
  store = openSqliteStore(join(dir, 'duet.sqlite'));
  now = Date.parse('2026-11-24T10:00:00Z');
  cleanup.push(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
}
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function smtp(behaviour: SmtpBehaviour) {
  const server = await startSmtp(behaviour);
  cleanup.push(() => server.close());
  return server;
}

function worker(transport: MailTransport): OutboxWorker {
  const w = startOutbox(store, transport, () => now, silentLogger, {
    intervalMs: 3_600_000,
    notices: (booking, recipient, code) => undeliverableNotices(config, booking, recipient, code),
  });
  cleanup.push(async () => {
    await w.stop();
    transport.close();
  });
  return w;
}

const rowsOf = async (id: string) =>
  (await store.outbox.ofBooking(id)).map((r: OutboxEntry) => ({
    to: r.recipient,
    kind: r.message.kind,
    status: r.status,
    attempts: r.attempts,
    error: r.lastError,
  }));

describe('a permanent refusal', () => {
  it('fails a message refused with 550 at RCPT at once, with its reason, and tells both coaches once', async () => {
    setUp();
    const server = await smtp({ refuseRecipient: (a) => (a === 'ada@example.com' ? 550 : undefined) });
    const w = worker(smtpTransport(server.url));
    await writeBooking(store, config, intake, 'bk_refused', START, now);

    // Three invitations and the two notices, all in the one pass.
    expect(await w.flush()).toBe(5);
    expect((await rowsOf('bk_refused')).filter((r) => r.to === 'ada@example.com')).toEqual([
      { to: 'ada@example.com', kind: 'invite', status: 'failed', attempts: 1, error: 'EENVELOPE 550' },
    ]);
    const notices = server.received.filter((r) => r.mail.subject?.startsWith('Undeliverable'));
    expect(notices.map((r) => r.rcpt.join()).sort()).toEqual([...COACHES].sort());
    for (const n of notices) {
      expect(n.mail.subject).toBe('Undeliverable: the 2:2 Coaching discovery call mail to Ada Lovelace');
      expect(n.mail.text).toContain('The mail server of Ada Lovelace (ada@example.com) did not accept our message');
      expect(n.mail.text).toContain('EENVELOPE 550');
      expect(n.mail.text).toContain('Please reach Ada Lovelace another way, or through Grace Hopper.');
    }
    expect(await store.outbox.backlog(now)).toEqual({ pending: 0, failed: 1, oldestPendingAgeMs: 0 });

    // The call is moved: Ada's update is refused too, and the coaches are not told a second time.
    now += HOUR_MS;
    await writeChange(store, 'bk_refused', now, (b) => ({ status: 'confirmed', start: b.start + DAY_MS, end: b.end + DAY_MS }));
    const { bookingMails } = await import('../../server/mail/bookingMails.ts');
    await store.runPlan(now, () => ({
      result: undefined,
      writes: {
        mails: bookingMails({
          config,
          booking: {
            id: 'bk_refused',
            uid: 'bk_refused@localhost',
            start: START + DAY_MS,
            end: START + DAY_MS + 45 * 60_000,
            sequence: 1,
            coaches: config.coaches.slice(0, 2).map((c, i) => ({ id: c.id, holds: i as 0 | 1 })),
          },
          intake,
          method: 'REQUEST',
          now,
        }),
      },
    }));
    expect(await w.flush()).toBe(3);
    expect(server.received.filter((r) => r.mail.subject?.startsWith('Undeliverable'))).toHaveLength(2);
    expect((await rowsOf('bk_refused')).filter((r) => r.status === 'failed').map((r) => r.to)).toEqual([
      'ada@example.com',
      'ada@example.com',
    ]);
    // Ten days on, nothing waits: the bad address does not keep a monitor alarmed.
    now += 10 * DAY_MS;
    expect(await store.outbox.backlog(now)).toEqual({ pending: 0, failed: 2, oldestPendingAgeMs: 0 });
  });

  it('fails a message refused with 554 after DATA at once, and a refused coach address tells nobody', async () => {
    setUp();
    const server = await smtp({
      refuseData: (rcpt) => (rcpt.includes('grace@example.com') || rcpt.includes('jonas@example.org') ? 554 : undefined),
    });
    const w = worker(smtpTransport(server.url));
    await writeBooking(store, config, intake, 'bk_data', START, now);
    // Maya's and Ada's invitations, and the notice to Maya.
    expect(await w.flush()).toBe(3);
    const rows = await rowsOf('bk_data');
    expect(rows.filter((r) => r.kind === 'invite' && r.status === 'failed').map((r) => [r.to, r.error])).toEqual([
      ['jonas@example.org', 'EMESSAGE 554'],
      ['grace@example.com', 'EMESSAGE 554'],
    ]);
    // Grace's refusal is told to Maya; the notice to Jonas is refused like everything to him, and goes no further.
    expect(rows.filter((r) => r.kind === 'notice').map((r) => [r.to, r.status])).toEqual([
      ['maya@example.org', 'sent'],
      ['jonas@example.org', 'failed'],
    ]);
    expect(server.received.filter((r) => r.mail.subject?.startsWith('Undeliverable')).map((r) => r.rcpt.join())).toEqual([
      'maya@example.org',
    ]);
  });
});

describe('a temporary failure', () => {
  it('is tried again with backoff for three days, then the message fails and the coaches are told', async () => {
    setUp();
    const server = await smtp({ refuseData: (rcpt) => (rcpt.includes('grace@example.com') ? 451 : undefined) });
    const w = worker(smtpTransport(server.url));
    await writeBooking(store, config, intake, 'bk_later', START, now);
    const created = now;
    expect(await w.flush()).toBe(3);
    const grace = async () => (await rowsOf('bk_later')).find((r) => r.to === 'grace@example.com')!;
    expect(await grace()).toMatchObject({ status: 'pending', attempts: 1, error: 'EMESSAGE 451' });

    // Backoff: due again after 30 s, then 1, 2, 4 … minutes, then every hour.
    now += 29_000;
    expect(await w.flush()).toBe(0);
    expect((await grace()).attempts).toBe(1);
    now = created + 30_000;
    await w.flush();
    expect((await grace()).attempts).toBe(2);
    while (now < created + 3 * DAY_MS - HOUR_MS) {
      now += HOUR_MS;
      await w.flush();
    }
    expect(await grace()).toMatchObject({ status: 'pending', error: 'EMESSAGE 451' });
    expect((await store.outbox.backlog(now)).oldestPendingAgeMs).toBe(now - created);
    // The first try three days or more after it was queued is the last.
    now = created + 3 * DAY_MS + HOUR_MS;
    expect(await w.flush()).toBe(2); // the two notices
    expect(await grace()).toMatchObject({ status: 'failed', error: 'EMESSAGE 451' });
    expect(
      server.received
        .filter((r) => r.mail.subject === 'Undeliverable: the 2:2 Coaching discovery call mail to Grace Hopper')
        .map((r) => r.rcpt.join())
        .sort(),
    ).toEqual([...COACHES].sort());
    expect(await store.outbox.backlog(now)).toEqual({ pending: 0, failed: 1, oldestPendingAgeMs: 0 });
  });
});

describe('delivering briskly', () => {
  it('delivers every other message while one waits on a slow answer', async () => {
    setUp();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let holding = true;
    const server = await smtp({
      beforeReply: async (rcpt) => {
        if (holding && rcpt.includes('maya@example.org')) {
          holding = false;
          await held;
        }
      },
    });
    const w = worker(smtpTransport(server.url));
    await writeBooking(store, config, intake, 'bk_one', START, now);
    await writeBooking(
      store,
      config,
      {
        ...intake,
        people: [
          { ...intake.people[0], email: 'ada.2@example.com' },
          { ...intake.people[1], email: 'grace.2@example.com' },
        ],
      },
      'bk_two',
      START + DAY_MS,
      now,
    );
    const flushed = w.flush();
    // The seven others arrive while Maya's first message is still held by her server.
    await waitFor(() => (server.received.length === 7 ? true : undefined));
    expect(server.received.filter((r) => r.rcpt.includes('maya@example.org'))).toHaveLength(1);
    release();
    expect(await flushed).toBe(8);
    expect(server.received).toHaveLength(8);
  });

  it('gives up on a server that never greets after the greeting timeout, and tries the message again later', async () => {
    setUp();
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => {
      sockets.push(s);
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    cleanup.push(
      () =>
        new Promise<void>((r) => {
          for (const s of sockets) s.destroy();
          silent.close(() => r());
        }),
    );
    const port = (silent.address() as AddressInfo).port;
    const w = worker(
      smtpTransport(`smtp://127.0.0.1:${port}`, { timeouts: { connectionTimeout: 300, greetingTimeout: 300, socketTimeout: 300 } }),
    );
    await writeBooking(store, config, intake, 'bk_silent', START, now);
    expect(await w.flush()).toBe(0);
    const rows = await rowsOf('bk_silent');
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(Array(4).fill(['pending', 1]));
    expect(new Set(rows.map((r) => r.error))).toEqual(new Set(['ETIMEDOUT']));
  });
});
