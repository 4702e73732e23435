// Invitations over a real SMTP server on loopback: what each person receives, and an outage that delays but loses nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import * as v from 'valibot';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import { BookingRequestSchema } from '../../core/intake.ts';
import { silentLogger } from '../../server/logger.ts';
import { bookingMails } from '../../server/mail/bookingMails.ts';
import { startOutbox } from '../../server/mail/outboxWorker.ts';
import { queueDueReminders } from '../../server/mail/reminders.ts';
import type { Store } from '../../server/store/port.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { writeBooking, writeChange } from '../support/storeWrites.ts';
import { smtpTransport } from '../../server/mail/mailTransport.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { calendarPart, startSmtp, type LoopbackSmtp, type Received } from '../support/loopbackSmtp.ts';
import { waitFor } from '../support/waitFor.ts';
import { HOUR_MS } from '../../core/time.ts';

const COACHES = ['maya@example.org', 'jonas@example.org'];
const DUO = ['ada@example.com', 'grace@example.com'];
const ANSWERS = ['We disagree on hiring.', 'Decide together, faster.', 'Acme'];

const only = (received: Received[], email: string) => {
  const got = received.filter((r) => r.rcpt.includes(email));
  expect(got, `messages to ${email}`).toHaveLength(1);
  return got[0];
};

function event(r: Received) {
  const part = calendarPart(r.mail)!;
  const cal = new ICAL.Component(ICAL.parse(part.content) as never);
  const ev = cal.getFirstSubcomponent('vevent')!;
  return {
    partMethod: part.method,
    method: cal.getFirstPropertyValue('method'),
    uid: ev.getFirstPropertyValue('uid'),
    sequence: ev.getFirstPropertyValue('sequence'),
    start: String(ev.getFirstPropertyValue('dtstart')),
    description: String(ev.getFirstPropertyValue('description')),
    attendees: ev.getAllProperties('attendee').map((a) =>
      String(a.getFirstValue())
        .toLowerCase()
        .replace(/^mailto:/, ''),
    ),
    organizer: String(ev.getFirstPropertyValue('organizer')).toLowerCase(),
  };
}

/** "10:00" for `ms` in `timeZone`, worked out independently of the mail code. */
const clock = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(ms);

describe('a booking through the real server and a real SMTP server', () => {
  let smtp: LoopbackSmtp;
  let server: RunningServer;
  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({ config: testConfig(), env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  it('sends one invitation to each of the four, each readable in their own zone, the answers to the coaches only', async () => {
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bookingBody(slots[0].start)),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as BookingCreated;
    const start = Date.parse(created.booking.start);

    await waitFor(() => (smtp.received.length >= 4 ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.map((r) => r.rcpt.join()).sort()).toEqual([...DUO, ...COACHES].sort());

    const uids = new Set<unknown>();
    for (const email of [...COACHES, ...DUO]) {
      const r = only(smtp.received, email);
      expect(r.mail.from?.value[0]).toEqual({ name: 'WBT Coaching', address: 'coaching@example.org' });
      expect(r.mail.messageId).toMatch(new RegExp(`^<${created.booking.id}\\.request\\.0\\.[0-9a-f]{16}@localhost>$`));
      expect(r.mail.html).toBeTruthy();
      const ev = event(r);
      expect(ev).toMatchObject({ partMethod: 'REQUEST', method: 'REQUEST', sequence: 0, organizer: 'mailto:coaching@example.org' });
      expect(ev.start).toBe(created.booking.start.replace(/\.000Z$/, 'Z'));
      expect(ev.attendees).toEqual([...COACHES, ...DUO]);
      uids.add(ev.uid);
    }
    expect(uids.size).toBe(1);

    for (const email of COACHES) {
      const r = only(smtp.received, email);
      for (const a of ANSWERS) {
        expect(r.mail.text).toContain(a);
        expect(event(r).description).toContain(a);
      }
      expect(r.mail.text).not.toContain('/manage?');
    }
    for (const email of DUO) {
      const r = only(smtp.received, email);
      for (const a of ANSWERS) expect(`${r.mail.subject}${r.mail.text}${r.mail.html}${calendarPart(r.mail)!.content}`).not.toContain(a);
      // Each person's own link: person one's is the 201's; person two's is another token for the same booking.
      if (email === DUO[0]) expect(r.mail.text).toContain(created.manageUrl);
      else {
        expect(r.mail.text).not.toContain(created.manageUrl);
        expect(r.mail.text).toMatch(new RegExp(`/manage\\?id=${created.booking.id}&token=[\\w-]{43}`));
      }
      expect(r.mail.text).toContain('Turn off notifications during the call.');
    }
    const zones: Record<string, [string, string]> = {
      'maya@example.org': ['America/New_York', 'New York'],
      'jonas@example.org': ['Europe/Berlin', 'Berlin'],
      'ada@example.com': ['America/New_York', 'New York'],
      'grace@example.com': ['Europe/London', 'London'],
    };
    for (const [email, [zone, place]] of Object.entries(zones)) {
      const when = /^When \(your time\): (.*)$/m.exec(only(smtp.received, email).mail.text ?? '')?.[1];
      expect(when).toContain(`${clock(start, zone)}–${clock(start + 45 * 60_000, zone)} ${place} time`);
    }
  });
});

describe('the outbox worker against a real SMTP server and a real SQLite file', () => {
  const config = testConfig();
  const intake = v.parse(BookingRequestSchema, bookingBody('2026-12-01T15:00:00Z')).intake;
  let dir: string;
  let store: Store;
  let now: number;
  const cleanup: (() => Promise<void> | void)[] = [];

  const book = (id: string, start: number) =>
    writeBooking(store, config, intake, id, start, now, { manageUrl: `http://localhost:8787/manage?id=${id}&token=t` });

  function worker(url: string) {
    const transport = smtpTransport(url);
    const w = startOutbox(store, transport, () => now, silentLogger, { intervalMs: 3_600_000 });
    cleanup.push(() => {
      w.stop();
      transport.close();
    });
    return w;
  }

  const rows = async () =>
    (await store.outbox.ofBooking(booked)).map((r) => ({ status: r.status, attempts: r.attempts, last_error: r.lastError }));
  let booked = '';

  function setUp() {
    dir = mkdtempSync(join(tmpdir(), 'duet-mail-'));
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

  it('holds invitations while the SMTP server is down and delivers each exactly once when it is back', async () => {
    setUp();
    const down = await startSmtp();
    const port = down.port;
    await down.close();
    const received: Received[] = [];
    const w = worker(`smtp://127.0.0.1:${port}`);
    booked = (await book('bk_outage', now + 7 * 24 * HOUR_MS)).id;

    expect(await w.flush()).toBe(0);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual(Array(4).fill(['pending', 1]));
    for (const r of await rows()) expect(r.last_error).not.toMatch(/@/);

    now += 10_000; // inside the 30 s backoff: nothing is tried again
    expect(await w.flush()).toBe(0);
    expect((await rows()).map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
    now += 5 * 60_000; // still down: the next try waits twice as long
    expect(await w.flush()).toBe(0);
    expect((await rows()).map((r) => r.attempts)).toEqual([2, 2, 2, 2]);
    expect(await store.outbox.backlog(now)).toEqual({ pending: 4, failed: 0, oldestPendingAgeMs: 5 * 60_000 + 10_000 });

    const up = await startSmtp({ port, received });
    cleanup.push(() => up.close());
    now += 60_000;
    expect(await w.flush()).toBe(4);
    for (let i = 0; i < 3; i++) {
      now += 2 * HOUR_MS;
      expect(await w.flush()).toBe(0);
    }
    expect(received.map((r) => r.rcpt.join()).sort()).toEqual([...DUO, ...COACHES].sort());
    expect(new Set(received.map((r) => r.mail.messageId)).size).toBe(4);
    expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(await store.outbox.backlog(now)).toEqual({ pending: 0, failed: 0, oldestPendingAgeMs: 0 });
  });

  it('retries the messages a server refused with 451 and never resends the ones it took', async () => {
    setUp();
    let refusals = 2;
    const smtp = await startSmtp({ refuse: () => refusals-- > 0 });
    cleanup.push(() => smtp.close());
    const w = worker(smtp.url);
    booked = (await book('bk_refused', now + 7 * 24 * HOUR_MS)).id;

    expect(await w.flush()).toBe(2);
    expect((await rows()).map((r) => r.status).sort()).toEqual(['pending', 'pending', 'sent', 'sent']);
    expect((await rows()).filter((r) => r.status === 'pending').map((r) => r.last_error)).toEqual(['EMESSAGE 451', 'EMESSAGE 451']);
    now += 30_000;
    expect(await w.flush()).toBe(2);
    now += 2 * HOUR_MS;
    expect(await w.flush()).toBe(0);
    expect(smtp.received.map((r) => r.rcpt.join()).sort()).toEqual([...DUO, ...COACHES].sort());
  });

  it('sends only the newest version to a person whose older invitation was still waiting', async () => {
    setUp();
    const down = await startSmtp();
    const port = down.port;
    await down.close();
    const w = worker(`smtp://127.0.0.1:${port}`);
    const b = await book('bk_moved', now + 7 * 24 * HOUR_MS);
    booked = b.id;
    expect(await w.flush()).toBe(0);

    // What the manage flow does on a reschedule: the booking and its new mail in one transaction.
    const moved = { ...b, start: b.start + 24 * HOUR_MS, end: b.end + 24 * HOUR_MS, sequence: 1 };
    await writeChange(store, b.id, now, () => ({
      status: 'confirmed',
      start: moved.start,
      end: moved.end,
      mails: bookingMails({ config, booking: moved, intake, method: 'REQUEST', previous: b, now }),
    }));

    const received: Received[] = [];
    const up = await startSmtp({ port, received });
    cleanup.push(() => up.close());
    now += HOUR_MS;
    expect(await w.flush()).toBe(4);
    expect(received.map((r) => event(r).sequence)).toEqual([1, 1, 1, 1]);
    expect(received.map((r) => r.mail.subject)).toEqual([
      'Moved: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)',
      'Moved: 2:2 Coaching discovery call (Ada Lovelace & Grace Hopper)',
      'Moved: 2:2 Coaching discovery call with WBT Coaching',
      'Moved: 2:2 Coaching discovery call with WBT Coaching',
    ]);
    expect((await rows()).map((r) => r.status)).toEqual(['void', 'void', 'void', 'void', 'sent', 'sent', 'sent', 'sent']);
  });
});

describe('the reminder a day before', () => {
  const config = testConfig();
  const intake = v.parse(BookingRequestSchema, bookingBody('2026-12-01T15:00:00Z')).intake;

  it('reaches each of the four once, 24 hours before a live call; cancelled and moved calls send no stale one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-remind-'));
    const store = openSqliteStore(join(dir, 'duet.sqlite'));
    const smtp = await startSmtp();
    const transport = smtpTransport(smtp.url);
    let now = Date.parse('2026-11-24T10:00:00Z');
    const w = startOutbox(store, transport, () => now, silentLogger, { intervalMs: 3_600_000 });
    try {
      const book = (id: string, start: number) => writeBooking(store, config, intake, id, start, now);
      await book('bk_live', now + 30 * HOUR_MS);
      await book('bk_cancelled', now + 30 * HOUR_MS + HOUR_MS);
      await book('bk_moved', now + 30 * HOUR_MS + 2 * HOUR_MS);
      expect(await w.flush()).toBe(12);
      smtp.received.length = 0;

      expect(await queueDueReminders(config, store, now)).toBe(0); // 30 h ahead: too early
      await writeChange(store, 'bk_cancelled', now, (b) => ({ status: 'cancelled', start: b.start, end: b.end }));

      now += 6 * HOUR_MS + 30 * 60_000; // bk_live starts in 23.5 h, bk_moved in 25.5 h
      expect(await queueDueReminders(config, store, now)).toBe(1);
      expect(await queueDueReminders(config, store, now)).toBe(0);
      now += 2 * HOUR_MS; // bk_moved is now due too
      expect(await queueDueReminders(config, store, now)).toBe(1);
      // bk_moved moves to a week later before its reminder went out.
      await writeChange(store, 'bk_moved', now, (b) => ({
        status: 'confirmed',
        start: b.start + 7 * 24 * HOUR_MS,
        end: b.end + 7 * 24 * HOUR_MS,
      }));
      expect(await w.flush()).toBe(4);

      expect(smtp.received.map((r) => r.rcpt.join()).sort()).toEqual([...DUO, ...COACHES].sort());
      for (const r of smtp.received) {
        expect(r.mail.subject).toMatch(/^Reminder: /);
        expect(r.mail.messageId).toMatch(/^<bk_live\.reminder\.0\./);
        expect(calendarPart(r.mail)).toBeUndefined();
        for (const a of ANSWERS) expect(r.mail.text).not.toContain(a);
      }
      expect((await store.outbox.ofBooking('bk_moved')).filter((r) => r.status === 'void')).toHaveLength(4);

      // The moved call is reminded of its new time when that comes within a day.
      now += 7 * 24 * HOUR_MS;
      expect(await queueDueReminders(config, store, now)).toBe(1);
      expect(await w.flush()).toBe(4);
      expect(smtp.received.slice(4).map((r) => r.mail.messageId?.split('.').slice(0, 3).join('.'))).toEqual(
        Array(4).fill('<bk_moved.reminder.1'),
      );
    } finally {
      w.stop();
      transport.close();
      await smtp.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
