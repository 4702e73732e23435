// The mail sender when the store fails for real: another process holding the write lock as a message is accepted,
// and a full disk (a small tmpfs, mounted here as root). It catches every storage error, backs off, says so in
// /healthz (`outbox.error`), and afterwards records what was delivered without sending it twice.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { BookingRequestSchema } from '../../core/intake.ts';
import { DAY_MS } from '../../core/time.ts';
import type { LogFields, Logger } from '../../server/logger.ts';
import { smtpTransport } from '../../server/mail/mailTransport.ts';
import { startOutbox } from '../../server/mail/outboxWorker.ts';
import { createApp } from '../../server/serverApp.ts';
import type { Store } from '../../server/store/port.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { stampAt, TEST_STAMP_KEY } from '../support/stamp.ts';
import { holdStoreLock, type LockHolder } from '../support/storeLock.ts';
import { writeBooking } from '../support/storeWrites.ts';
import { startSmtp, type LoopbackSmtp } from '../support/loopbackSmtp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = testConfig();
const intake = v.parse(BookingRequestSchema, bookingBody('2026-12-01T15:00:00Z')).intake;
const START = Date.parse('2026-12-01T15:00:00Z');

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function recorder(): { log: Logger; lines: LogFields[] } {
  const lines: LogFields[] = [];
  return { lines, log: { info: (f) => lines.push(f), warn: (f) => lines.push(f) } };
}

const appOn = (store: Store, worker: { status: () => { error?: string; since?: number } }, now: () => number) =>
  createApp({
    config,
    store,
    clock: now,
    log: recorder().log,
    busy: () => ({}),
    distDir: root,
    examplesDir: root,
    outboxStatus: worker.status,
    stampKey: TEST_STAMP_KEY,
  });

const idsOf = (smtp: LoopbackSmtp) => smtp.received.map((r) => r.mail.messageId);

describe('another process holding the write lock', () => {
  it('while a message is being accepted: the worker backs off and reports busy, then records it sent without sending it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-lock-'));
    const file = join(dir, 'duet.sqlite');
    const store = openSqliteStore(file);
    cleanup.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    let now = Date.parse('2026-11-24T10:00:00Z');
    await writeBooking(store, config, intake, 'bk_lock', START, now);

    let holder: LockHolder | undefined;
    // The lock is taken just before the SMTP server says 250 to the first message, so marking it sent meets the lock.
    const smtp = await startSmtp({
      beforeReply: async () => {
        if (!holder) holder = await holdStoreLock(file);
      },
    });
    cleanup.push(() => holder?.release());
    cleanup.push(() => smtp.close());
    const { log, lines } = recorder();
    const transport = smtpTransport(smtp.url, { connections: 1 });
    const worker = startOutbox(store, transport, () => now, log, { intervalMs: 3_600_000 });
    cleanup.push(async () => {
      await worker.stop();
      transport.close();
    });

    expect(await worker.flush()).toBe(0); // resolves: nothing escapes as a rejection
    expect(smtp.received).toHaveLength(1);
    expect(worker.status()).toEqual({ error: 'busy', since: now });
    const health = await appOn(store, worker, () => now).request('/healthz');
    expect(health.status).toBe(200);
    expect(((await health.json()) as { outbox: { error: string } }).outbox.error).toBe('busy');
    expect(lines.filter((l) => l.event === 'outbox_store_error')).toEqual([
      { event: 'outbox_store_error', reason: 'busy', failures: 1, retryInMs: 1000 },
    ]);

    await holder!.release();
    // Within its backoff the worker leaves the store alone; after it, everything goes, the first message only recorded.
    expect(await worker.flush()).toBe(0);
    now += 1_000;
    expect(await worker.flush()).toBe(4);
    expect(worker.status()).toEqual({});
    expect(idsOf(smtp)).toHaveLength(4);
    expect(new Set(idsOf(smtp)).size).toBe(4);
    expect((await store.outbox.ofBooking('bk_lock')).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    for (const line of lines) expect(JSON.stringify(line)).not.toMatch(/@|Ada|Grace/);
  }, 60_000);
});

describe('a full disk', () => {
  it('stops nothing but mail and bookings: 503 unavailable, outbox.error "full", and all of it goes once there is room', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duet-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
    } catch (e) {
      throw new Error(`this test fills a real disk: it mounts a 1 MB tmpfs, which needs root (${String((e as Error).message).trim()})`);
    }
    cleanup.push(() => {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    });
    const store = openSqliteStore(join(dir, 'duet.sqlite'));
    cleanup.push(() => store.close());
    let now = Date.parse('2026-11-24T10:00:00Z');
    await writeBooking(store, config, intake, 'bk_full', START, now);

    // Fill what is left of the disk.
    const filler = join(dir, 'filler');
    try {
      writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }

    const smtp = await startSmtp({});
    cleanup.push(() => smtp.close());
    const transport = smtpTransport(smtp.url);
    const { log } = recorder();
    const worker = startOutbox(store, transport, () => now, log, { intervalMs: 3_600_000 });
    cleanup.push(async () => {
      await worker.stop();
      transport.close();
    });
    expect(await worker.flush()).toBe(0);
    expect(worker.status().error).toBe('full');

    const app = appOn(store, worker, () => now);
    const booked = await app.request('/api/bookings', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...bookingBody('2026-11-26T14:00:00Z', {
          people: [
            { name: 'Lin', email: 'lin@example.com', role: '', timeZone: 'UTC' },
            { name: 'Max', email: 'max@example.com', role: '', timeZone: 'UTC' },
          ],
        }),
        meta: { honeypot: '', stamp: stampAt(now - 90_000) },
      }),
    });
    expect(booked.status).toBe(503);
    expect(((await booked.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    const health = await app.request('/healthz');
    expect(health.status).toBe(200);
    expect(((await health.json()) as { outbox: { error: string } }).outbox.error).toBe('full');

    unlinkSync(filler);
    now += DAY_MS;
    expect(await worker.flush()).toBe(4);
    expect(worker.status()).toEqual({});
    expect(new Set(idsOf(smtp)).size).toBe(4);
    expect(idsOf(smtp)).toHaveLength(4);
  });
});
