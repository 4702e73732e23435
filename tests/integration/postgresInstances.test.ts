// Two real server processes on one PostgreSQL database, over real HTTP, with a real SMTP server on loopback: a race
// for one time spread over both (two coaches: one call; a free pool of four: two calls), and kill -9 of one of them
// in the middle of a load.
import { createServer, type AddressInfo } from 'node:net';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import type { BookingRequestInput } from '../../core/intake.ts';
import { MINUTE_MS } from '../../core/time.ts';
import type { Config } from '../../core/config.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { duoBody, poolConfig } from '../support/poolFixtures.ts';
import { startPostgresCluster, type PostgresCluster } from '../support/postgresCluster.ts';
import { runServerExpectingExit, startServer, type RunningServer } from '../support/server.ts';
import { startSmtp, type LoopbackSmtp } from '../support/loopbackSmtp.ts';

let cluster: PostgresCluster;
let smtp: LoopbackSmtp;
beforeAll(async () => {
  [cluster, smtp] = await Promise.all([startPostgresCluster(), startSmtp()]);
});
afterAll(async () => {
  await Promise.all([cluster?.stop(), smtp?.close()]);
});

const servers: RunningServer[] = [];
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await Promise.all(pools.splice(0).map((p) => p.end()));
  smtp.received.length = 0;
});

/** `n` server processes on one fresh database, each with its own SMTP_URL, and a pool of ours to look into it. */
async function instances(
  smtpUrls: string[],
  env: Record<string, string> = {},
  config: Config = testConfig({ practice: { trustProxyHops: 1 } }),
) {
  const url = await cluster.createDatabase();
  const started = await Promise.all(
    smtpUrls.map((smtpUrl) => startServer({ config, env: { DATABASE_URL: url, SMTP_URL: smtpUrl, ...env } })),
  );
  servers.push(...started);
  const db = new pg.Pool({ connectionString: url, max: 2 });
  pools.push(db);
  return { servers: started, db };
}

/** The booking body for `start` with its own two people, so that no address books more than once. */
function bodyFor(start: string, n: number): BookingRequestInput {
  const body = bookingBody(start);
  body.intake.people[0].email = `first.${n}@example.com`;
  body.intake.people[1].email = `second.${n}@example.com`;
  return body;
}

/** One booking attempt from its own client in its own /24 (behind the one trusted proxy); status 0 when the connection broke. */
const post = (server: RunningServer, body: BookingRequestInput, client: number) =>
  fetch(`${server.url}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${client >> 8}.${client & 255}.1` },
    body: JSON.stringify(body),
  })
    .then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }))
    // A connection cut before or during the answer (the instance was killed): status 0.
    .catch(() => ({ status: 0, body: undefined }));

const slotsOf = async (server: RunningServer) =>
  ((await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse).slots;

/** Resolves once `probe` holds (mail from the outbox workers arrives a little later); rejects after `ms`. */
async function until(probe: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every instance's outbox is empty: each message was delivered (or given up). */
const outboxDrained = async (server: RunningServer) =>
  ((await (await fetch(`${server.url}/healthz`)).json()) as { outbox: { pending: number } }).outbox.pending === 0;

const liveBookings = async (db: pg.Pool) =>
  (await db.query<{ id: string; start_ms: string }>(`SELECT id, start_ms FROM bookings WHERE status = 'confirmed' ORDER BY id`)).rows;

/** The received messages by Message-ID (each booking's id leads its Message-ID), and how often each arrived. */
function receivedById() {
  const counts = new Map<string, number>();
  for (const r of smtp.received) counts.set(r.mail.messageId!, (counts.get(r.mail.messageId!) ?? 0) + 1);
  return counts;
}

describe('two instances on one database', () => {
  it('100 simultaneous requests for one time spread over both: exactly one 201, 99 409 slot_unavailable, its four mails sent once', async () => {
    const {
      servers: [a, b],
      db,
    } = await instances([smtp.url, smtp.url]);
    const start = (await slotsOf(a))[0].start;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => post(i % 2 ? b : a, bodyFor(start, i), i + 1)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(new Set(answers.filter((r) => r.status === 409).map((r) => (r.body as { error: { code: string } }).error.code))).toEqual(
      new Set(['slot_unavailable']),
    );
    const winner = statuses.indexOf(201);
    const created = answers[winner].body as BookingCreated;
    expect(await liveBookings(db)).toEqual([{ id: created.booking.id, start_ms: String(Date.parse(start)) }]);

    await until(async () => smtp.received.length >= 4 && (await outboxDrained(a)) && (await outboxDrained(b)));
    const ids = receivedById();
    expect([...ids.values()]).toEqual([1, 1, 1, 1]);
    expect([...ids.keys()].every((id) => id.startsWith(`<${created.booking.id}.request.0.`))).toBe(true);
    expect(smtp.received.map((r) => r.rcpt[0]).sort()).toEqual([
      `first.${winner}@example.com`,
      'jonas@example.org',
      'maya@example.org',
      `second.${winner}@example.com`,
    ]);
  });

  it('a pool of four, all free: 100 simultaneous requests over both make exactly two calls with disjoint pairs, the database holding each coach once', async () => {
    const {
      servers: [a, b],
      db,
    } = await instances([smtp.url, smtp.url], {}, poolConfig({ practice: { trustProxyHops: 1 } }));
    // The first time all four coaches are free: Tuesday 13:00 UTC (12:00 has Ben and Cy only).
    const start = (await slotsOf(a)).find((s) => s.start.endsWith('T13:00:00.000Z'))!.start;
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => post(i % 2 ? b : a, duoBody(start, i + 1), i + 1)));
    const created = answers.filter((r) => r.status === 201).map((r) => r.body as BookingCreated);
    expect(created).toHaveLength(2);
    expect(answers.filter((r) => r.status !== 201).map((r) => [r.status, (r.body as { error: { code: string } }).error.code])).toEqual(
      Array(98).fill([409, 'slot_unavailable']),
    );
    const coaches = created.flatMap((c) => c.booking.coaches.map((x) => x.id));
    expect(new Set(coaches).size).toBe(4);
    // What the database holds: the two calls, each with its own pair, every coach active once at that time.
    const held = (
      await db.query<{ coach_id: string }>(
        `SELECT coach_id FROM booking_coaches JOIN bookings ON bookings.id = booking_coaches.booking_id
        WHERE bookings.status = 'confirmed' AND booking_coaches.active ORDER BY coach_id`,
      )
    ).rows.map((r) => r.coach_id);
    expect(held).toEqual([...coaches].sort());
    expect((await liveBookings(db)).map((r) => r.id).sort()).toEqual(created.map((c) => c.booking.id).sort());
  });

  it('kill -9 of one instance in the middle of a load: every acknowledged booking kept, every mail sent once, by the survivor', async () => {
    // A's mail server takes each message and never answers it: A is killed in the middle of sending, so nothing A
    // claimed was delivered, and the survivor must send it once A's lease has run out.
    const stalled: string[] = [];
    const stall = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session) {
        stalled.push(session.envelope.rcptTo[0]?.address ?? '');
        stream.resume();
      },
    });
    // A is killed while connected: its socket is reset under the stalled server, which reports that as an error.
    stall.on('error', () => {});
    await new Promise<void>((resolve) => stall.listen(0, '127.0.0.1', () => resolve()));
    try {
      const stallUrl = `smtp://127.0.0.1:${(stall.server.address() as AddressInfo).port}`;
      // A short lease, so that the survivor takes over A's rows soon; its half (the send deadline) still well past
      // what a loopback send takes on a loaded machine, so that a slow but accepted send is not abandoned and resent.
      const {
        servers: [a, b],
        db,
      } = await instances([stallUrl, smtp.url], { DUET_OUTBOX_LEASE_MS: '8000' });

      // 24 times far enough apart that none stands in another's way (45 minutes and the 10-minute buffer).
      const starts: string[] = [];
      for (const slot of await slotsOf(b)) {
        if (starts.length < 24 && (starts.length === 0 || Date.parse(slot.start) >= Date.parse(starts.at(-1)!) + 60 * MINUTE_MS))
          starts.push(slot.start);
      }
      expect(starts).toHaveLength(24);

      // Four clients book one time after another, alternating between the instances; A dies after its third 201,
      // once it is in the middle of sending (the other clients go on meanwhile).
      const answers: { via: 'a' | 'b'; status: number; body: unknown }[] = [];
      let next = 0;
      let killing = false;
      let killed = false;
      const client = async () => {
        while (next < starts.length) {
          const i = next++;
          const via = i % 2 ? 'b' : 'a';
          const answer = await post(via === 'a' ? a : b, bodyFor(starts[i], i), i + 1);
          answers.push({ via, ...answer });
          if (!killing && answers.filter((r) => r.via === 'a' && r.status === 201).length === 3) {
            killing = true;
            await until(async () => stalled.length > 0);
            a.proc.kill('SIGKILL');
            killed = true;
          }
        }
      };
      await Promise.all([client(), client(), client(), client()]);
      expect(killed).toBe(true);

      // No answer was an error of the survivor; A's were 201s until it died, then broken connections.
      expect(answers.filter((r) => r.via === 'b').map((r) => r.status)).toEqual(Array(12).fill(201));
      expect(answers.filter((r) => r.via === 'a').every((r) => r.status === 201 || r.status === 0)).toBe(true);
      expect(answers.some((r) => r.via === 'a' && r.status === 0)).toBe(true);

      // Every acknowledged booking is in the database (with perhaps one A committed but could not answer).
      const acknowledged = answers
        .filter((r) => r.status === 201)
        .map((r) => (r.body as BookingCreated).booking.id)
        .sort();
      const live = (await liveBookings(db)).map((r) => r.id);
      expect(acknowledged.filter((id) => !live.includes(id))).toEqual([]);

      // A had taken mail and was sending it when it died; none of that reached anyone through A.
      await until(async () => smtp.received.length >= 4 * live.length && (await outboxDrained(b)));
      // Each booking's four invitations, each once: every message through the survivor's mail server, none twice.
      const ids = receivedById();
      expect([...ids.values()].every((n) => n === 1)).toBe(true);
      expect(smtp.received).toHaveLength(4 * live.length);
      const perBooking = new Map<string, number>();
      for (const id of ids.keys()) {
        const booking = id.slice(1, id.indexOf('.'));
        perBooking.set(booking, (perBooking.get(booking) ?? 0) + 1);
      }
      expect([...perBooking.keys()].sort()).toEqual(live);
      expect([...perBooking.values()]).toEqual(Array(live.length).fill(4));
    } finally {
      await new Promise<void>((resolve) => stall.close(() => resolve()));
    }
  }, 90_000);
});

describe('DATABASE_URL at start', () => {
  it('an address that is not postgres:// is refused, and a database that does not answer stops the start without showing the password', async () => {
    const wrong = await runServerExpectingExit({ DATABASE_URL: 'mysql://duet@127.0.0.1/duet' });
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('Duet cannot start: DATABASE_URL must be a postgres:// or postgresql:// address');

    const closedPort = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as AddressInfo;
        srv.close(() => resolve(port));
      });
    });
    const down = await runServerExpectingExit({ DATABASE_URL: `postgres://duet:s3cret-pass@127.0.0.1:${closedPort}/duet` });
    expect(down.code).toBe(1);
    expect(down.output).toContain(`Duet cannot start: the database 127.0.0.1:${closedPort}/duet does not answer (io)`);
    expect(down.output).not.toContain('s3cret-pass');
  });
});
