// The real server process on a data folder that fails for real: read-only, not a folder, a file that is not Duet's,
// bytes overwritten in the bookings' page, and two servers on one folder draining one backlog.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import { BookingRequestSchema } from '../../core/intake.ts';
import { DAY_MS } from '../../core/time.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { bookingBody, duo, testConfig } from '../support/fixtures.ts';
import { runServerExpectingExit, startServer, type RunningServer } from '../support/server.ts';
import { writeBooking } from '../support/storeWrites.ts';
import { startSmtp } from '../support/loopbackSmtp.ts';

const config = testConfig();
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function folder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function configFile(dir: string) {
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** The output of a start that must be refused: exactly one line, `Duet cannot start: …`, and no stack trace. */
async function refusedStart(env: Record<string, string>) {
  const { code, output } = await runServerExpectingExit(env);
  expect(code).toBe(1);
  const lines = output.trim().split('\n');
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toMatch(/^Duet cannot start: /);
  expect(output).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe('a data folder Duet cannot use', () => {
  it('on a read-only file system stops the start with one line', async () => {
    const dir = folder('duet-ro-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (e) {
      throw new Error(`this test mounts a read-only tmpfs, which needs root (${String((e as Error).message).trim()})`);
    }
    cleanup.push(() => {
      execFileSync('umount', ['-l', dir]);
    });
    const cfg = configFile(folder('duet-cfg-'));
    expect(await refusedStart({ DUET_DATA: dir, DUET_CONFIG: cfg })).toBe(
      `Duet cannot start: the data folder ${dir} is on a read-only file system (set DUET_DATA to another folder)`,
    );
  });

  it('that is a file stops the start with one line', async () => {
    const dir = folder('duet-notdir-');
    const file = join(dir, 'data');
    writeFileSync(file, 'not a folder');
    expect(await refusedStart({ DUET_DATA: file, DUET_CONFIG: configFile(dir) })).toBe(
      `Duet cannot start: the data folder ${file} is not a folder (set DUET_DATA to another folder)`,
    );
  });

  it("holding a file that is not an SQLite database, or another program's, stops the start and changes nothing", async () => {
    const dir = folder('duet-notdb-');
    const db = join(dir, 'duet.sqlite');
    writeFileSync(db, Buffer.from('These are the minutes of the board meeting, not a database. '.repeat(200)));
    expect(await refusedStart({ DUET_DATA: dir, DUET_CONFIG: configFile(dir) })).toBe(
      `Duet cannot start: ${db} is not a Duet database (it is not an SQLite file, or it is damaged): restore a backup (see README "Backups")`,
    );

    rmSync(db);
    // Another program's SQLite database, made by another program (Python's sqlite3).
    execFileSync('python3', [
      '-c',
      'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); ' +
        'c.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"); c.commit(); c.close()',
      db,
    ]);
    const before = readFileSync(db);
    expect(await refusedStart({ DUET_DATA: dir, DUET_CONFIG: configFile(dir) })).toBe(
      `Duet cannot start: ${db} is not a Duet database (it holds other tables, such as invoices): move it away or set DUET_DATA to another folder`,
    );
    expect(readFileSync(db).equals(before)).toBe(true);
  });
});

describe('bytes overwritten in the database file', () => {
  it('make /healthz answer 503 and availability 503 unavailable, and the server stays up', async () => {
    const dir = folder('duet-corrupt-');
    let server: RunningServer = await startServer({ config, dataDir: dir });
    cleanup.push(() => server.stop());
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    const res = await fetch(`${server.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(bookingBody(slots[0].start)),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as BookingCreated;
    await server.stop();

    // Overwrite the page that holds the booking's row (the WAL was folded into the file when the server closed the
    // store): its answers are the only place the key "relationshipOther" is written. The page size is in the header.
    const file = join(dir, 'duet.sqlite');
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    const at = bytes.indexOf('"relationshipOther"');
    expect(at).toBeGreaterThan(pageSize);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, Math.floor(at / pageSize) * pageSize);
    closeSync(fd);

    server = await startServer({ config, dataDir: dir });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: false });
    const avail = await fetch(`${server.url}/api/availability`);
    expect(avail.status).toBe(503);
    expect(((await avail.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    const view = await fetch(`${server.url}/api/bookings/${created.booking.id}?token=x`);
    expect(view.status).toBe(503);
    // Still serving what needs no bookings, and the log names no one.
    expect((await fetch(`${server.url}/api/config`)).status).toBe(200);
    expect(server.proc.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/ada@|grace@|Ada Lovelace|Grace Hopper/);
  });
});

describe('two servers on one data folder', () => {
  it('deliver each message of a backlog once, and the second says it shares the folder', async () => {
    const dir = folder('duet-two-');
    const store = openSqliteStore(join(dir, 'duet.sqlite'));
    const now = Date.now();
    for (let i = 0; i < 40; i++) {
      const intake = v.parse(BookingRequestSchema, bookingBody(new Date(now + 2 * DAY_MS).toISOString(), { people: duo(i) })).intake;
      await writeBooking(store, config, intake, `bk_two_${i}`, now + 2 * DAY_MS + i * 3_600_000, now);
    }
    await store.close();

    const smtp = await startSmtp({ beforeReply: () => new Promise((r) => setTimeout(r, 5)) });
    cleanup.push(() => smtp.close());
    // No DUET_FORM_STAMP_KEY: the key is the one the store keeps, made by whichever started first.
    const [a, b] = await Promise.all(
      [1, 2].map(() => startServer({ config, dataDir: dir, env: { SMTP_URL: smtp.url, DUET_FORM_STAMP_KEY: '' } })),
    );
    cleanup.push(
      () => a.stop(),
      () => b.stop(),
    );
    const stampedAt = Date.now();
    const { stamp } = (await (await fetch(`${a.url}/api/config`)).json()) as { stamp: string };

    const check = openSqliteStore(join(dir, 'duet.sqlite'));
    cleanup.push(() => check.close());
    for (;;) {
      const { pending, failed } = await check.outbox.backlog(Date.now());
      expect(failed).toBe(0);
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const ids = smtp.received.map((r) => r.mail.messageId);
    expect(ids).toHaveLength(160);
    expect(new Set(ids).size).toBe(160);
    // Both took part, and at least one of them saw the other on the folder.
    const sentBy = (s: RunningServer) => (s.output().match(/"event":"mail_sent"/g) ?? []).length;
    expect(sentBy(a) + sentBy(b)).toBe(160);
    expect(sentBy(a)).toBeGreaterThan(0);
    expect(sentBy(b)).toBeGreaterThan(0);
    expect(`${a.output()}${b.output()}`).toMatch(/"event":"data_folder_shared","others":1/);

    // A form stamped by one server books at the other (a load balancer may send the two requests to either).
    // (Filled in no less than the three seconds a person needs, counted from the stamp.)
    await new Promise((r) => setTimeout(r, Math.max(0, 3_500 - (Date.now() - stampedAt))));
    const { slots } = (await (await fetch(`${b.url}/api/availability`)).json()) as AvailabilityResponse;
    const booked = await fetch(`${b.url}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...bookingBody(slots.at(-1)!.start, { people: duo(99) }), meta: { honeypot: '', stamp } }),
    });
    expect(booked.status).toBe(201);
    expect((await check.counts()).bookings).toBe(41);
  }, 120_000);
});
