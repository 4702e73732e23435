// `npm run erase -- address` on a real data folder: afterwards no file under DUET_DATA holds the address,
// every booking that named it is gone, and the other bookings are untouched.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, BookingCreated } from '../../core/api.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { waitFor } from '../support/waitFor.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const TARGET = 'erase-me.Pika@example.com';
const PARTNER_WORDS = 'Mk-erase-context-Wombat';
const KEPT = 'stays-Tapir@example.com';

/** Runs the command as the README says, with DUET_DATA and DUET_CONFIG pointing at the test's folder. */
function erase(dataDir: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const proc = spawn('npm', ['run', '--silent', 'erase', '--', ...args], {
    cwd: root,
    env: { ...process.env, DUET_DATA: dataDir, DUET_CONFIG: join(dataDir, 'config.json') },
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => proc.on('exit', (code) => resolve({ code, out, err })));
}

/** Every file under `dir`, raw bytes as latin1 so nothing is lost to decoding. */
function everyFile(dir: string): { path: string; bytes: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? everyFile(path) : [{ path, bytes: readFileSync(path).toString('latin1') }];
  });
}
const holding = (dir: string, needle: string) =>
  everyFile(dir)
    .filter((f) => f.bytes.toLowerCase().includes(needle.toLowerCase()))
    .map((f) => f.path.slice(dir.length + 1));

describe('erasing everything held about one address', () => {
  let dataDir: string;
  let server: RunningServer;
  const ids: Record<'asPerson' | 'asSponsor' | 'other', string> = { asPerson: '', asSponsor: '', other: '' };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'duet-erase-'));
    server = await startServer({ config: testConfig(), dataDir });
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    const book = async (start: string, body: ReturnType<typeof bookingBody>) => {
      const res = await fetch(`${server.url}/api/bookings`, {
        ...post(body),
        headers: { 'content-type': 'application/json', 'idempotency-key': `k-${start}` },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as BookingCreated).booking.id;
    };
    const base = bookingBody(slots[0].start).intake;
    ids.asPerson = await book(
      slots[0].start,
      bookingBody(slots[0].start, {
        people: [{ ...base.people[0], email: TARGET }, base.people[1]],
        partnership: { ...base.partnership, context: PARTNER_WORDS },
      }),
    );
    ids.asSponsor = await book(
      slots[4].start,
      bookingBody(slots[4].start, {
        people: [
          { ...base.people[0], email: 'someone-else@example.com' },
          { ...base.people[1], email: 'another@example.com' },
        ],
        sponsor: { name: 'Their board chair', email: TARGET.toUpperCase(), relation: 'board' },
      }),
    );
    ids.other = await book(
      slots[8].start,
      bookingBody(slots[8].start, {
        people: [
          { ...base.people[0], email: KEPT },
          { ...base.people[1], email: 'partner-of-tapir@example.com' },
        ],
      }),
    );
    const outbox = join(dataDir, 'outbox');
    await waitFor(() => readdirSync(outbox).filter((f) => f.endsWith('.eml')).length >= 12 || undefined);
    await server.stop();
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds the address in the store and the outbox before', () => {
    expect(holding(dataDir, TARGET).length).toBeGreaterThan(0);
    expect(holding(dataDir, PARTNER_WORDS).length).toBeGreaterThan(0);
  });

  it("refuses a coach's address, which every booking holds", async () => {
    const refused = await erase(dataDir, 'maya@example.org');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/nothing was erased/);
  });

  it('deletes the bookings that name it, their mail and files, prints counts only, and leaves no trace in any file', async () => {
    const done = await erase(dataDir, TARGET);
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/bookings: +2\n/);
    expect(done.out).toMatch(/outbox messages: +8\n/);
    expect(done.out).toMatch(/outbox files: +16\n/);
    expect(done.out).toMatch(/idempotency records: +2\n/);
    expect(done.out).toMatch(/2 of these calls had not taken place yet/);
    expect(done.out.toLowerCase()).not.toContain(TARGET.toLowerCase());

    expect(holding(dataDir, TARGET)).toEqual([]);
    expect(holding(dataDir, PARTNER_WORDS)).toEqual([]);
    // The other duo's booking is all there, in the store and in its four messages.
    expect(holding(dataDir, KEPT).sort()).toEqual(expect.arrayContaining(['duet.sqlite']));
    expect(readdirSync(join(dataDir, 'outbox')).filter((f) => f.startsWith(ids.other) && f.endsWith('.eml'))).toHaveLength(4);
    expect(readdirSync(join(dataDir, 'outbox')).filter((f) => !f.startsWith(ids.other))).toEqual([]);
  });

  it('leaves a store the server starts on: the erased bookings are unknown and their times free again', async () => {
    server = await startServer({ config: testConfig(), dataDir });
    expect((await fetch(`${server.url}/api/bookings/${ids.asPerson}?token=x`)).status).toBe(404);
    const { slots } = (await (await fetch(`${server.url}/api/availability`)).json()) as AvailabilityResponse;
    const again = await fetch(`${server.url}/api/bookings`, post(bookingBody(slots[0].start)));
    expect(again.status).toBe(201); // the erased call's time is free again
    await server.stop();
    expect(server.output()).not.toContain('Error');
  });
});
