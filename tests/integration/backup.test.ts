// `npm run backup -- FILE` while the real server takes bookings: restored into a fresh folder as the README says,
// every booking acknowledged before the backup began is there, with its mail, and its manage link still opens it.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { bookingBody, duo, testConfig } from '../support/fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const config = testConfig({ practice: { trustProxyHops: 1 } });

function backup(dataDir: string, file: string): Promise<{ code: number | null; out: string; err: string }> {
  const proc = spawn('npm', ['run', '--silent', 'backup', '--', file], { cwd: root, env: { ...process.env, DUET_DATA: dataDir } });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => proc.on('exit', (code) => resolve({ code, out, err })));
}

interface Acked {
  id: string;
  token: string;
  at: number;
}

describe('a backup taken while the server runs', () => {
  const servers: RunningServer[] = [];
  const folders: string[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  it('holds every booking acknowledged before it began, and restores into a fresh folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'duet-backup-'));
    const safe = mkdtempSync(join(tmpdir(), 'duet-backups-'));
    const fresh = mkdtempSync(join(tmpdir(), 'duet-restored-'));
    folders.push(dataDir, safe, fresh);
    const server = await startServer({ config, dataDir });
    servers.push(server);
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    // Every fifth slot (75 minutes apart), so that the 45-minute call and its 10-minute buffers never conflict.
    const free = slots.filter((_, i) => i % 5 === 0).map((s) => s.start);

    const acked: Acked[] = [];
    let next = 0;
    let loading = true;
    const client = async () => {
      while (loading && next < free.length) {
        const i = next++;
        const res = await fetch(`${server.url}/api/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.4.${i}.1` },
          body: JSON.stringify(bookingBody(free[i], { people: duo(i) })),
        });
        if (res.status !== 201) throw new Error(`booking answered ${res.status}`);
        const created = (await res.json()) as BookingCreated;
        acked.push({ id: created.booking.id, token: new URL(created.manageUrl).searchParams.get('token')!, at: Date.now() });
      }
    };
    let failure: unknown;
    const load = Promise.all([client(), client(), client()]).catch((e) => {
      failure = e;
    });
    while (acked.length < 15 && failure === undefined) await new Promise((r) => setTimeout(r, 20));
    expect(failure).toBeUndefined();

    const began = Date.now();
    const before = acked.filter((a) => a.at < began);
    const file = join(safe, 'duet-backup.sqlite');
    const result = await backup(dataDir, file);
    const during = acked.length - before.length;
    loading = false;
    await load;
    expect(failure).toBeUndefined();
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      /^Backed up .* to .*duet-backup\.sqlite:\n {2}bookings: +\d+\n {2}outbox messages: +\d+\n {2}outbox files: +\d+/,
    );
    // The server kept booking while the copy was taken.
    expect(during).toBeGreaterThan(0);
    expect(existsSync(`${file}.partial`)).toBe(false);

    // Restore as the README says: copy the database (and the outbox files) into the fresh folder.
    copyFileSync(file, join(fresh, 'duet.sqlite'));
    if (existsSync(`${file}.outbox`)) cpSync(`${file}.outbox`, join(fresh, 'outbox'), { recursive: true });
    expect(readdirSync(join(fresh, 'outbox')).length).toBeGreaterThan(0);

    const restored = openSqliteStore(join(fresh, 'duet.sqlite'));
    for (const a of before) {
      expect((await restored.reads.booking(a.id))?.status, a.id).toBe('confirmed');
      expect(await restored.outbox.ofBooking(a.id), a.id).toHaveLength(4);
    }
    await restored.close();

    // A server started on the restored folder opens each of those bookings with its duo's link.
    const again = await startServer({ config, dataDir: fresh });
    servers.push(again);
    for (const a of before) {
      const res = await fetch(`${again.url}/api/bookings/${a.id}?token=${a.token}`);
      expect(res.status, a.id).toBe(200);
    }
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it('refuses to run without a file, and says so in one line', async () => {
    const result = await backup(mkdtempSync(join(tmpdir(), 'duet-nobackup-')), '');
    expect(result.code).toBe(2);
    expect(result.err.trim().split('\n')).toHaveLength(1);
  });
});
