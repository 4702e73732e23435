// Retention: 180 days (or privacy.retentionDays) after a call, its answers, addresses and mail files are gone.
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BookingRequestSchema } from '../../../../core/intake.ts';
import { createBooking } from '../../../../server/booking/createBooking.ts';
import { silentLogger } from '../../../../server/logger.ts';
import { retentionPlan, runRetention, startRetention, type RetentionInput } from '../../../../server/privacy/retention.ts';
import type { Store } from '../../../../server/store/port.ts';
import { openSqliteStore } from '../../../../server/store/sqlite/sqliteStore.ts';
import { fileTransport } from '../../../../server/mail/mailTransport.ts';
import { bookingBody, testConfig } from '../../../support/fixtures.ts';
import { DAY_MS } from '../../../../core/time.ts';

const at = (iso: string) => Date.parse(iso);

describe('what retention finds due', () => {
  const callEnd = at('2026-03-04T14:45:00Z');
  const input = (now: number, over: Partial<RetentionInput> = {}): RetentionInput => ({
    now,
    retentionDays: 180,
    bookings: [
      { id: 'old', end: callEnd, hasIntake: true, outboxIds: [1, 2, 3, 4] },
      { id: 'later', end: callEnd + DAY_MS, hasIntake: true, outboxIds: [5, 6] },
    ],
    looseMail: [{ id: 9, created: callEnd }],
    files: [
      { name: 'old.request.0.abc_localhost.eml', bookingId: 'old', modified: callEnd },
      { name: 'later.request.0.abc_localhost.eml', bookingId: 'later', modified: callEnd + 60_000 },
      { name: 'gone.request.0.abc_localhost.ics', bookingId: 'gone', modified: callEnd },
    ],
    ...over,
  });

  it('keeps everything until 180 days after the call', () => {
    expect(retentionPlan(input(callEnd + 180 * DAY_MS - 60_000))).toEqual({ scrub: [], outbox: [], files: [] });
  });

  it('takes the answers, the outbox rows and the files of a call ended 180 days ago, and nothing of a later call', () => {
    expect(retentionPlan(input(callEnd + 180 * DAY_MS))).toEqual({
      scrub: ['old'],
      outbox: [1, 2, 3, 4, 9],
      files: ['old.request.0.abc_localhost.eml', 'gone.request.0.abc_localhost.ics'],
    });
  });

  it('deletes a mail file of the later call by its own age, written 181 days ago', () => {
    const files = [{ name: 'later.request.0.abc_localhost.eml', bookingId: 'later', modified: callEnd - DAY_MS }];
    expect(retentionPlan(input(callEnd + 180 * DAY_MS - 60_000, { files })).files).toEqual(['later.request.0.abc_localhost.eml']);
  });

  it('follows privacy.retentionDays', () => {
    expect(retentionPlan(input(callEnd + 30 * DAY_MS, { retentionDays: 30, looseMail: [], files: [] }))).toEqual({
      scrub: ['old'],
      outbox: [1, 2, 3, 4],
      files: [],
    });
  });

  it('still deletes the outbox rows of a booking whose answers are already gone', () => {
    const plan = retentionPlan(
      input(callEnd + 200 * DAY_MS, {
        bookings: [{ id: 'old', end: callEnd, hasIntake: false, outboxIds: [7] }],
        looseMail: [],
        files: [],
      }),
    );
    expect(plan).toEqual({ scrub: [], outbox: [7], files: [] });
  });
});

describe('the retention job on a real store and file outbox', () => {
  let dir: string;
  let store: Store;
  const config = testConfig();
  const bookedAt = at('2026-03-02T12:00:00Z');
  const MARKERS = ['Zq7-context-fox', 'Zq7-hopes-owl', 'Zq7-org-elk'];
  const body = (start: string, email: string) =>
    v.parse(
      BookingRequestSchema,
      bookingBody(start, {
        partnership: { relationship: 'co-founders', relationshipOther: '', organization: MARKERS[2], context: MARKERS[0] },
        people: [
          { name: 'Ada Lovelace', email, role: 'CEO', timeZone: 'America/New_York' },
          { name: 'Grace Hopper', email: 'grace@example.com', role: 'COO', timeZone: 'Europe/London' },
        ],
        focus: { areas: ['trust'], other: '', hopes: MARKERS[1] },
      }),
    );
  const raw = () =>
    readdirSync(dir)
      .filter((f) => f.startsWith('duet.sqlite'))
      .map((f) => readFileSync(join(dir, f)).toString('latin1'))
      .join('\n');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'duet-retention-'));
    store = openSqliteStore(join(dir, 'duet.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the booking row with its times and status only, and no trace of the answers in any file', async () => {
    const deps = { config, store, clock: () => bookedAt, busy: () => ({}) };
    const early = await createBooking(deps, body('2026-03-04T14:00:00Z', 'early-bird@example.com'));
    const late = await createBooking(deps, body('2026-03-05T14:00:00Z', 'late-owl@example.com'));
    if (!early.ok || !late.ok) throw new Error('booking failed');
    const outboxDir = join(dir, 'outbox');
    const transport = fileTransport(outboxDir);
    for (const row of await store.outbox.claim(bookedAt, 'test', 60_000, 100)) {
      await transport.send(row.message);
      await store.outbox.markSent(row.id, 'test', bookedAt);
    }
    transport.close();
    // The files of the early call were written when it was booked; the later call's files today (kept by age).
    const now = early.booking.end + 180 * DAY_MS;
    for (const f of readdirSync(outboxDir)) {
      const t = f.startsWith(early.booking.id) ? bookedAt : now;
      utimesSync(join(outboxDir, f), t / 1000, t / 1000);
    }
    expect(raw()).toContain('early-bird@example.com');

    const counts = await runRetention({ store, retentionDays: 180, outboxDir, clock: () => now, log: silentLogger });

    expect(counts).toEqual({ bookings: 1, outbox: 4, files: 8 });
    expect(await store.reads.booking(early.booking.id)).toMatchObject({
      start: at('2026-03-04T14:00:00Z'),
      end: at('2026-03-04T14:45:00Z'),
      status: 'confirmed',
      intake: null,
    });
    expect((await store.reads.booking(late.booking.id))?.intake?.people[0].email).toBe('late-owl@example.com');
    expect(readdirSync(outboxDir).every((f) => f.startsWith(late.booking.id))).toBe(true);
    expect(readdirSync(outboxDir)).toHaveLength(8);
    // The later call still holds its data; the early one's address is in no page of the database or its WAL.
    const bytes = raw();
    expect(bytes).toContain('late-owl@example.com');
    expect(bytes).not.toContain('early-bird@example.com');
    expect(await store.outbox.ofBooking(early.booking.id)).toEqual([]);

    // A day later the later call is due too.
    const next = await runRetention({
      store,
      retentionDays: 180,
      outboxDir,
      clock: () => late.booking.end + 180 * DAY_MS,
      log: silentLogger,
    });
    expect(next).toEqual({ bookings: 1, outbox: 4, files: 8 });
    for (const marker of [...MARKERS, 'late-owl@example.com', 'grace@example.com', 'Grace Hopper']) expect(raw()).not.toContain(marker);
  });

  it('runs once at start and logs counts only', async () => {
    const deps = { config, store, clock: () => bookedAt, busy: () => ({}) };
    const made = await createBooking(deps, body('2026-03-04T14:00:00Z', 'early-bird@example.com'));
    if (!made.ok) throw new Error('booking failed');
    const lines: string[] = [];
    const log = { info: (f: object) => lines.push(JSON.stringify(f)), warn: (f: object) => lines.push(JSON.stringify(f)) };
    const job = startRetention({ store, retentionDays: 180, clock: () => made.booking.end + 180 * DAY_MS, log });
    await job.started;
    job.stop();
    expect((await store.reads.booking(made.booking.id))?.intake).toBeNull();
    expect(lines).toEqual([JSON.stringify({ event: 'retention', bookings: 1, outbox: 4, files: 0 })]);
  });
});
