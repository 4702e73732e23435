// What only the PostgreSQL store meets, on a real throwaway cluster: the database refusing a coach held twice, another
// session holding the bookings' turn, connections cut by the server, jobs one instance at a time, and erased data
// gone from the tables' files.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as v from 'valibot';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BookingRequestSchema, type Intake } from '../../core/intake.ts';
import { MINUTE_MS } from '../../core/time.ts';
import type { OutgoingMail } from '../../server/mail/outgoingMail.ts';
import type { NewBooking, Store } from '../../server/store/port.ts';
import { LOCK_NAMESPACE, LOCKS } from '../../server/store/postgres/advisoryLocks.ts';
import { openPostgresStore, type PostgresStore } from '../../server/store/postgres/postgresStore.ts';
import { bookingBody, duo, testConfig } from '../support/fixtures.ts';
import { stampAt, TEST_STAMP_KEY } from '../support/stamp.ts';
import { createApp } from '../../server/serverApp.ts';
import type { AvailabilityResponse } from '../../core/api.ts';
import { startMigratedCluster, type PostgresCluster } from '../support/postgresCluster.ts';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const HOLDS = { bufferMs: 10 * MINUTE_MS };
const NOW = Date.parse('2026-11-02T12:00:00Z');
const START = Date.parse('2026-11-10T14:00:00Z');

let cluster: PostgresCluster;
let migrated: string;
beforeAll(async () => {
  ({ cluster, migrated } = await startMigratedCluster(HOLDS));
});
afterAll(async () => {
  await cluster?.stop();
});

const opened: Store[] = [];
const clients: pg.Client[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const c of clients.splice(0)) await c.end();
});

/** A fresh database and `n` stores on it, as `n` instances would open it. */
async function instances(n: number): Promise<{ url: string; stores: PostgresStore[] }> {
  const url = await cluster.createDatabase(migrated);
  const stores = await Promise.all(Array.from({ length: n }, () => openPostgresStore(url, HOLDS)));
  opened.push(...stores);
  return { url, stores };
}

/** A plain connection of our own to `url` (another program on the same database). */
async function connect(url: string) {
  const client = new pg.Client({ connectionString: url, application_name: 'duet-test' });
  await client.connect();
  clients.push(client);
  return client;
}

function intakeFor(email: string, context: string): Intake {
  const body = bookingBody('2026-11-10T14:00:00Z');
  body.intake.people[0].email = email;
  body.intake.partnership.context = context;
  return v.parse(BookingRequestSchema, body).intake;
}

// Each test booking holds the test config's two coaches, Maya holding person one.
const newBooking = (id: string, start: number, intake = intakeFor('ada@example.com', 'We disagree on hiring.')): NewBooking => ({
  id,
  uid: `${id}@duet.test`,
  start,
  end: start + 45 * MINUTE_MS,
  tokenHash: `hash-${id}`,
  partnerTokenHash: `partner-${id}`,
  intake,
  coaches: [
    { id: 'maya', holds: 0 },
    { id: 'jonas', holds: 1 },
  ],
  pairReason: '{}',
});

const mail = (bookingId: string, to: string): OutgoingMail => ({
  kind: 'invite',
  bookingId,
  sequence: 0,
  to,
  from: { name: 'WBT Coaching', address: 'coaching@example.org' },
  subject: 'invite',
  text: `Hello ${to}`,
  html: `<p>Hello ${to}</p>`,
  messageId: `<${bookingId}.${to}@duet.test>`,
});

/** Books `b` without looking at what is booked (as a plan whose own check missed something would). */
const bookBlind = (store: Store, b: NewBooking, extra: { idempotency?: boolean } = {}) =>
  store.runPlan(NOW, () => ({
    result: b.id,
    writes: {
      newBooking: b,
      mails: [mail(b.id, b.intake.people[0].email)],
      idempotency: extra.idempotency ? { keyHash: `key-${b.id}`, bodyHash: 'body', status: 201, response: 'sealed' } : undefined,
    },
  }));

/** Every file of the database (tables, TOAST, indexes), after a checkpoint has written the buffers out. */
async function filesHold(url: string, text: string): Promise<boolean> {
  const admin = await connect(url);
  await admin.query('CHECKPOINT');
  const { rows } = await admin.query(`SELECT oid FROM pg_database WHERE datname = current_database()`);
  const dir = join(cluster.dataDir, 'base', String(rows[0].oid));
  const needle = Buffer.from(text);
  return readdirSync(dir).some((f) => readFileSync(join(dir, f)).includes(needle));
}

describe('the database refuses a coach held twice', () => {
  it('a booking overlapping a live one (buffers included) is SlotTaken, and none of its writes land', async () => {
    const {
      stores: [store],
    } = await instances(1);
    await bookBlind(store, newBooking('first', START));
    const version = await store.version();
    // 45 minutes from 14:00 ends 14:45; with the 10-minute buffer the next call may start at 14:55, not 14:54.
    await expect(bookBlind(store, newBooking('second', START + 54 * MINUTE_MS), { idempotency: true })).rejects.toMatchObject({
      name: 'SlotTaken',
    });
    expect(await store.reads.booking('second')).toBeUndefined();
    expect(await store.reads.idempotencyRecord('key-second', NOW)).toBeUndefined();
    expect(await store.counts()).toEqual({ bookings: 1, outbox: 1, idempotency: 0 });
    expect(await store.version()).toBe(version);
    expect(await bookBlind(store, newBooking('third', START + 55 * MINUTE_MS))).toBe('third');
    expect(await bookBlind(store, newBooking('before', START - 55 * MINUTE_MS))).toBe('before');
  });

  it("a move onto another call's time is refused; a cancelled call holds nothing, so its time books again", async () => {
    const {
      stores: [store],
    } = await instances(1);
    await bookBlind(store, newBooking('a', START));
    await bookBlind(store, newBooking('b', START + 2 * 60 * MINUTE_MS));
    const change = (id: string, sequence: number, status: 'confirmed' | 'cancelled', start: number) =>
      store.runPlan(NOW, () => ({ result: id, writes: { change: { id, sequence, status, start, end: start + 45 * MINUTE_MS } } }));
    await expect(change('b', 0, 'confirmed', START + 30 * MINUTE_MS)).rejects.toMatchObject({ name: 'SlotTaken' });
    expect(await store.reads.booking('b')).toMatchObject({ start: START + 2 * 60 * MINUTE_MS, sequence: 0 });
    await change('a', 0, 'cancelled', START);
    expect(await bookBlind(store, newBooking('c', START))).toBe('c');
    // The cancelled call cannot come back to life over the new one, whatever a plan says.
    await expect(change('a', 1, 'confirmed', START)).rejects.toMatchObject({ name: 'SlotTaken' });
  });
});

describe('faults', () => {
  it("while another session holds the bookings' turn, reads answer and a plan gives up as StoreUnavailable busy, then books once it is free", async () => {
    const {
      url,
      stores: [store],
    } = await instances(1);
    const other = await connect(url);
    await other.query('SELECT pg_advisory_lock($1, $2)', [LOCK_NAMESPACE, LOCKS.bookings]);
    expect(await store.health(NOW)).toEqual({ ok: true, outbox: { pending: 0, failed: 0, oldestPendingAgeMs: 0 } });
    await expect(bookBlind(store, newBooking('b1', START))).rejects.toMatchObject({ name: 'StoreUnavailable', reason: 'busy' });
    await other.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, LOCKS.bookings]);
    expect(await bookBlind(store, newBooking('b1', START))).toBe('b1');
  });

  it('connections the server cuts (a restart, an administrator) are replaced: the store answers again', async () => {
    const {
      url,
      stores: [store],
    } = await instances(1);
    await bookBlind(store, newBooking('b1', START));
    const admin = await connect(url);
    const { rows } = await admin.query(
      `SELECT count(pg_terminate_backend(pid))::integer AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'duet'`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
    // The pool finds out on first use of a dead connection at the latest; after that, everything answers.
    await store.health(NOW).catch(() => undefined);
    expect(await store.health(NOW)).toEqual({ ok: true, outbox: { pending: 1, failed: 0, oldestPendingAgeMs: 0 } });
    expect(await bookBlind(store, newBooking('b2', START + 60 * MINUTE_MS))).toBe('b2');
  });

  it('a database server that does not answer: opening fails as StoreUnavailable io', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as { port: number };
        srv.close(() => resolve(port));
      });
    });
    await expect(openPostgresStore(`postgres://duet@127.0.0.1:${closedPort}/duet`, HOLDS)).rejects.toMatchObject({
      name: 'StoreUnavailable',
      reason: 'io',
    });
  });
});

describe('several instances', () => {
  it("see each other's writes: the version one caches slots by moves when another instance books", async () => {
    const {
      stores: [a, b],
    } = await instances(2);
    const before = await b.version();
    await bookBlind(a, newBooking('b1', START));
    expect(await b.version()).not.toBe(before);
    expect(await b.reads.liveBookings({ start: START, end: START + 1 })).toEqual([
      { start: START, end: START + 45 * MINUTE_MS, coaches: ['maya', 'jonas'], bookedAt: NOW },
    ]);
  });

  it('run a job one at a time: while one instance runs the reminders, another skips them, and runs them afterwards', async () => {
    const {
      stores: [a, b],
    } = await instances(2);
    let release!: () => void;
    const running = a.alone('reminders', () => new Promise<string>((r) => (release = () => r('a ran'))));
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.alone('reminders', async () => 'b ran')).toBeUndefined();
    // Another job is not held up by this one.
    expect(await b.alone('retention', async () => 'b ran retention')).toBe('b ran retention');
    release();
    expect(await running).toBe('a ran');
    expect(await b.alone('reminders', async () => 'b ran')).toBe('b ran');
  });
});

describe("erased data leaves no copy in the database's files", () => {
  it('erasure: the address and the answers are in no table file afterwards', async () => {
    const {
      url,
      stores: [store],
    } = await instances(1);
    await bookBlind(store, newBooking('hers', START, intakeFor('erase.me@example.com', 'Tell nobody about the merger.')), {
      idempotency: true,
    });
    await bookBlind(store, newBooking('other', START + 60 * MINUTE_MS));
    expect(await filesHold(url, 'erase.me@example.com')).toBe(true);
    expect(await filesHold(url, 'Tell nobody about the merger.')).toBe(true);

    const erased = await store.privacy.erase(
      {
        intake: (intake) => intake.people.some((p) => p.email === 'erase.me@example.com'),
        mail: (recipient) => recipient === 'erase.me@example.com',
      },
      NOW,
    );
    expect(erased).toMatchObject({ bookings: 1, outbox: 1, idempotency: 1, bookingIds: ['hers'] });
    expect(await filesHold(url, 'erase.me@example.com')).toBe(false);
    expect(await filesHold(url, 'Tell nobody about the merger.')).toBe(false);
    // What was not erased is still there, and still readable.
    expect(await filesHold(url, 'We disagree on hiring.')).toBe(true);
    expect((await store.reads.booking('other'))?.intake?.partnership.context).toBe('We disagree on hiring.');
  });

  it('retention: the answers it deleted are in no table file afterwards', async () => {
    const {
      url,
      stores: [store],
    } = await instances(1);
    await bookBlind(store, newBooking('old', START, intakeFor('ada@example.com', 'An answer past its retention.')));
    const [held] = await store.privacy.heldBookings();
    expect(
      await store.privacy.applyRetention(
        ['old'],
        held.outbox.map((m) => m.id),
      ),
    ).toEqual({ bookings: 1, outbox: 1, webhooks: 0 });
    expect(await filesHold(url, 'An answer past its retention.')).toBe(false);
    expect(await store.reads.booking('old')).toMatchObject({ intake: null, start: START, status: 'confirmed' });
  });
});

describe('npm run erase with DATABASE_URL', () => {
  it('erases the address from the shared database and says so in counts only', async () => {
    const {
      url,
      stores: [store],
    } = await instances(1);
    await bookBlind(store, newBooking('hers', START, intakeFor('erase.me@example.com', 'Tell nobody about the merger.')), {
      idempotency: true,
    });
    await bookBlind(store, newBooking('other', START + 60 * MINUTE_MS));
    const dataDir = mkdtempSync(join(tmpdir(), 'duet-erase-'));
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', join(root, 'server/privacy/eraseCommand.ts'), '--', 'Erase.Me@example.com'],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: url, DUET_DATA: dataDir },
        },
      );
      expect(stdout).toContain('bookings:            1');
      expect(stdout).toContain('outbox messages:     1');
      expect(stdout).toContain('idempotency records: 1');
      expect(stdout).not.toContain('erase.me');
      expect(await store.reads.booking('hers')).toBeUndefined();
      expect(await store.counts()).toEqual({ bookings: 1, outbox: 1, idempotency: 0 });
      expect(await filesHold(url, 'erase.me@example.com')).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('through the API', () => {
  it('a time the database refuses is 409 slot_unavailable: an instance still on a config without the buffer cannot squeeze a call in', async () => {
    const url = await cluster.createDatabase(migrated);
    // A rolling deploy half done: instance A runs the new config (10-minute buffer), B the old one (none).
    const app = async (bufferMinutes: number) => {
      const config = testConfig({ call: { bufferMinutes } });
      const store = await openPostgresStore(url, { bufferMs: bufferMinutes * MINUTE_MS });
      opened.push(store);
      const log = { info: () => undefined, warn: () => undefined };
      return createApp({
        config,
        store,
        log,
        clock: () => NOW,
        busy: () => ({}),
        distDir: root,
        examplesDir: root,
        rateLimit: { capacity: 1000, refillPerMinute: 1000 },
        stampKey: TEST_STAMP_KEY,
      });
    };
    const [a, b] = await Promise.all([app(10), app(0)]);
    const book = (via: typeof a, start: number) =>
      Promise.resolve(
        via.request(
          '/api/bookings',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            // Each from another duo (an address may hold two upcoming calls), with a form stamp issued before NOW.
            body: JSON.stringify({
              ...bookingBody(new Date(start).toISOString(), { people: duo(start) }),
              meta: { honeypot: '', stamp: stampAt(NOW - 90_000) },
            }),
          },
          { incoming: { socket: { remoteAddress: '203.0.113.7' } } },
        ),
      );
    const slotsOf = async (via: typeof a) =>
      (
        (await (
          await via.request('/api/availability', {}, { incoming: { socket: { remoteAddress: '203.0.113.7' } } })
        ).json()) as AvailabilityResponse
      ).slots.map((s) => Date.parse(s.start));

    const first = (await slotsOf(a))[0];
    expect((await book(a, first)).status).toBe(201);
    // B's own rule offers the time right at the end of A's call; the hold A's booking keeps (half its buffer) says no.
    const squeezed = first + 45 * MINUTE_MS;
    expect(await slotsOf(b)).toContain(squeezed);
    const refused = await book(b, squeezed);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('slot_unavailable');
    // Past A's half of the buffer, B books as usual.
    expect((await book(b, squeezed + 15 * MINUTE_MS)).status).toBe(201);
  });
});
