// Retention: 180 days (or privacy.retentionDays) after a call, its answers, addresses and mail files are gone.
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BookingRequestSchema } from '../../../../core/intake.ts';
import { createBooking } from '../../../../server/booking/createBooking.ts';
import { silentLogger } from '../../../../server/logger.ts';
import {
  MAX_CUTOFF_STEP_MS,
  retentionCutoff,
  retentionPlan,
  runRetention,
  startRetention,
  type RetentionInput,
} from '../../../../server/privacy/retention.ts';
import type { Store } from '../../../../server/store/port.ts';
import { openSqliteStore } from '../../../../server/store/sqlite/sqliteStore.ts';
import { fileTransport } from '../../../../server/mail/mailTransport.ts';
import { bookingBody, testConfig } from '../../../support/fixtures.ts';
import { DAY_MS } from '../../../../core/time.ts';

const at = (iso: string) => Date.parse(iso);
const sent = (...ids: number[]) => ids.map((id) => ({ id, pending: false }));

describe('what retention finds due', () => {
  const callEnd = at('2026-03-04T14:45:00Z');
  const input = (now: number, over: Partial<RetentionInput> = {}): RetentionInput => ({
    now,
    retentionDays: 180,
    bookings: [
      {
        id: 'old',
        end: callEnd,
        hasIntake: true,
        outbox: sent(1, 2, 3, 4),
        webhooks: [
          { id: 11, pending: false },
          { id: 12, pending: true },
        ],
      },
      { id: 'later', end: callEnd + DAY_MS, hasIntake: true, outbox: sent(5, 6), webhooks: sent(13) },
    ],
    looseMail: [{ id: 9, created: callEnd, pending: false }],
    files: [
      { name: 'old.request.0.abc_localhost.eml', bookingId: 'old', modified: callEnd },
      { name: 'later.request.0.abc_localhost.eml', bookingId: 'later', modified: callEnd + 60_000 },
      { name: 'gone.request.0.abc_localhost.ics', bookingId: 'gone', modified: callEnd },
    ],
    ...over,
  });

  it('keeps everything until 180 days after the call', () => {
    expect(retentionPlan(input(callEnd + 180 * DAY_MS - 60_000))).toMatchObject({ scrub: [], outbox: [], files: [] });
  });

  it('takes the answers, the outbox rows and the files of a call ended 180 days ago, and nothing of a later call', () => {
    expect(retentionPlan(input(callEnd + 180 * DAY_MS))).toEqual({
      cutoff: callEnd,
      scrub: ['old'],
      outbox: [1, 2, 3, 4, 9],
      webhooks: [11],
      files: ['old.request.0.abc_localhost.eml', 'gone.request.0.abc_localhost.ics'],
    });
  });

  it('deletes a mail file of the later call by its own age, written 181 days ago', () => {
    const files = [{ name: 'later.request.0.abc_localhost.eml', bookingId: 'later', modified: callEnd - DAY_MS }];
    expect(retentionPlan(input(callEnd + 180 * DAY_MS - 60_000, { files })).files).toEqual(['later.request.0.abc_localhost.eml']);
  });

  it('follows privacy.retentionDays', () => {
    expect(retentionPlan(input(callEnd + 30 * DAY_MS, { retentionDays: 30, looseMail: [], files: [] }))).toMatchObject({
      scrub: ['old'],
      outbox: [1, 2, 3, 4],
      files: [],
    });
  });

  it('still deletes the outbox rows of a booking whose answers are already gone', () => {
    const plan = retentionPlan(
      input(callEnd + 200 * DAY_MS, {
        bookings: [{ id: 'old', end: callEnd, hasIntake: false, outbox: sent(7) }],
        looseMail: [],
        files: [],
      }),
    );
    expect(plan).toMatchObject({ scrub: [], outbox: [7], files: [] });
  });
});

describe('retention under a wrong clock', () => {
  const callEnd = at('2026-03-04T14:45:00Z');
  const upcomingEnd = at('2027-09-01T15:45:00Z');
  const bookings = [
    {
      id: 'old',
      end: callEnd,
      hasIntake: true,
      outbox: [
        { id: 1, pending: false },
        { id: 2, pending: true },
      ],
    },
    { id: 'soon', end: callEnd + 3 * DAY_MS, hasIntake: true, outbox: sent(3) },
    { id: 'upcoming', end: upcomingEnd, hasIntake: true, outbox: [{ id: 4, pending: true }] },
  ];
  const plan = (now: number, mark: number | undefined) =>
    retentionPlan({ now, retentionDays: 180, mark, bookings, looseMail: [{ id: 9, created: callEnd - DAY_MS, pending: true }], files: [] });

  it('never deletes mail that is still waiting to go out, however old', () => {
    expect(plan(callEnd + 400 * DAY_MS, undefined)).toMatchObject({ scrub: ['old', 'soon'], outbox: [1, 3] });
  });

  it("moves the cut-off at most two days past the last run's, so a clock 548 days ahead takes two days' worth, not everything", () => {
    const mark = callEnd - DAY_MS; // the last run, a day before the old call was due
    const wrong = plan(at('2026-09-01T00:00:00Z') + 548 * DAY_MS, mark);
    expect(wrong).toEqual({ cutoff: callEnd + DAY_MS, scrub: ['old'], outbox: [1], webhooks: [], files: [] });
    expect(retentionCutoff(at('2026-09-01T00:00:00Z') + 548 * DAY_MS, 180, mark)).toBe(mark + MAX_CUTOFF_STEP_MS);
  });

  it('catches up two days a run after the server was off for a week', () => {
    let mark = callEnd - 7 * DAY_MS;
    const now = callEnd + 3 * DAY_MS + 180 * DAY_MS;
    const cutoffs = [];
    for (let run = 0; run < 7; run++) cutoffs.push((mark = Math.max(mark, plan(now, mark).cutoff)));
    expect(cutoffs.map((c) => (c - callEnd) / DAY_MS)).toEqual([-5, -3, -1, 1, 3, 3, 3]);
  });

  it('deletes nothing new when the clock is behind the last run', () => {
    expect(plan(callEnd + 100 * DAY_MS, callEnd + DAY_MS)).toMatchObject({ cutoff: callEnd - 80 * DAY_MS, scrub: [], outbox: [] });
  });
});

describe('the retention job on a real store and file outbox', () => {
  let dir: string;
  let store: Store;
  const config = testConfig();
  const bookedAt = at('2026-03-02T12:00:00Z');
  const MARKERS = ['Zq7-context-fox', 'Zq7-hopes-owl', 'Zq7-org-elk'];
  const body = (start: string, email: string, partner = 'grace@example.com') =>
    v.parse(
      BookingRequestSchema,
      bookingBody(start, {
        partnership: { relationship: 'co-founders', relationshipOther: '', organization: MARKERS[2], context: MARKERS[0] },
        people: [
          { name: 'Ada Lovelace', email, role: 'CEO', timeZone: 'America/New_York' },
          { name: 'Grace Hopper', email: partner, role: 'COO', timeZone: 'Europe/London' },
        ],
        focus: { areas: ['trust'], other: '', hopes: MARKERS[1] },
      }),
    );
  /** The daily runs of a server that was up from `from` until before `until` (each moves the cut-off a day). */
  const ranDaily = async (from: number, until: number) => {
    for (let t = from; t < until; t += DAY_MS) await runRetention({ store, retentionDays: 180, clock: () => t, log: silentLogger });
  };
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

    await ranDaily(bookedAt, now - DAY_MS / 2);
    expect((await store.reads.booking(early.booking.id))?.intake).not.toBeNull();
    const counts = await runRetention({ store, retentionDays: 180, outboxDir, clock: () => now, log: silentLogger });

    expect(counts).toEqual({ bookings: 1, outbox: 4, webhooks: 0, files: 8 });
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
    expect(next).toEqual({ bookings: 1, outbox: 4, webhooks: 0, files: 8 });
    for (const marker of [...MARKERS, 'late-owl@example.com', 'grace@example.com', 'Grace Hopper']) expect(raw()).not.toContain(marker);
  });

  it('runs once at start and logs counts only', async () => {
    const deps = { config, store, clock: () => bookedAt, busy: () => ({}) };
    const made = await createBooking(deps, body('2026-03-04T14:00:00Z', 'early-bird@example.com'));
    if (!made.ok) throw new Error('booking failed');
    const lines: string[] = [];
    const log = { info: (f: object) => lines.push(JSON.stringify(f)), warn: (f: object) => lines.push(JSON.stringify(f)) };
    await ranDaily(bookedAt, made.booking.end + 180 * DAY_MS - DAY_MS / 2);
    const job = startRetention({ store, retentionDays: 180, clock: () => made.booking.end + 180 * DAY_MS, log });
    await job.started;
    job.stop();
    expect((await store.reads.booking(made.booking.id))?.intake).toBeNull();
    // Its four invitations were never delivered: mail still pending is not deleted (the outbox gives up on it first).
    expect(lines).toEqual([JSON.stringify({ event: 'retention', bookings: 1, outbox: 0, webhooks: 0, files: 0 })]);
  });

  it('with the clock 548 days ahead at start, scrubs no upcoming call and deletes no pending mail', async () => {
    const deps = { config, store, clock: () => bookedAt, busy: () => ({}) };
    const calls: Awaited<ReturnType<typeof createBooking>>[] = [];
    for (const [i, start] of ['2026-03-04T14:00:00Z', '2026-03-10T14:00:00Z', '2026-03-24T14:00:00Z'].entries()) {
      calls.push(await createBooking(deps, body(start, `person-${i}@example.com`, `partner-${i}@example.com`)));
    }
    if (!calls.every((c) => c.ok)) throw new Error('booking failed');
    const pending = async () =>
      (await Promise.all(calls.map((c) => (c.ok ? store.outbox.ofBooking(c.booking.id) : [])))).flat().filter((m) => m.status === 'pending')
        .length;
    expect(await pending()).toBe(12);
    // The first start of a new version with a store of live data: the newest record, not the clock, sets the start.
    const wrong = bookedAt + 548 * DAY_MS;
    expect(await runRetention({ store, retentionDays: 180, clock: () => wrong, log: silentLogger })).toEqual({
      bookings: 0,
      outbox: 0,
      webhooks: 0,
      files: 0,
    });
    // A run every day for a week with the clock still wrong: the cut-off creeps two days a run, still far before the calls.
    for (let d = 1; d <= 7; d++) await runRetention({ store, retentionDays: 180, clock: () => wrong + d * DAY_MS, log: silentLogger });
    for (const c of calls) if (c.ok) expect((await store.reads.booking(c.booking.id))?.intake).not.toBeNull();
    expect(await pending()).toBe(12);
  });
});
