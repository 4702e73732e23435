// A data file written before the pool (schema 3, tests/fixtures/store/) opens with both configured coaches on every
// booking: the calls keep their times, links, mail and idempotency records, and block both coaches as before.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AvailabilityResponse, ManagedBooking } from '../../core/api.ts';
import type { Config } from '../../core/config.ts';
import { silentLogger } from '../../server/logger.ts';
import { createApp } from '../../server/serverApp.ts';
import type { Store } from '../../server/store/port.ts';
import { schemaVersion, SCHEMA_VERSION } from '../../server/store/sqlite/sqliteMigrations.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqliteStore.ts';
import { bookingBody, testConfig } from '../support/fixtures.ts';
import { poolConfig } from '../support/poolFixtures.ts';
import { NOW } from '../support/apiHarness.ts';
import { stampAt, TEST_STAMP_KEY } from '../support/stamp.ts';

// The pool's own migration is the fifth: both fixtures are older.
const POOL_VERSION = 5;

// Each fixture's three bookings (see tests/fixtures/store/README.md).
const FIXTURES = [
  {
    file: 'before-pool-v3.sqlite',
    version: 3,
    ada: { id: 'KN-SJ3TabvaUtupU', token: 'H42fyzIKyQ0k6-RyoopURS_rwSMEhQAEAGZctANubt4' },
    ben: { id: 'FzL67fGIQR6eLfx1', token: 'HG5hau5Sln9h1mDk4weyA3fX8RuFP97-nzqmR0rviLY' },
    cancelled: { id: '2ZrZYnVUUpEBB32G', token: 'fxogdWBwHcFVpwoYlyRFGmNEQV7yPgWgCgCDJMSentI' },
  },
  {
    file: 'before-pool-v4.sqlite',
    version: 4,
    ada: { id: '9YzEoNYRoV3tl-mB', token: 'DBgFXQBcvDlcDgMY89kxqogN7hATdoV3V0OLSTOpUvg' },
    ben: { id: '8jyxwQhIClr3sfz1', token: 'ZFbWR0rYesgi62cbEqLsriG_fEpPj0yZqgI9fQ0PcyM' },
    cancelled: { id: 'FlLhwrMAtlMZta9N', token: '-_jpzevc29sMHvtX4-mcl3jZIzwHly4SII47OQVwAZI' },
  },
];

let dir: string;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function app(config: Config, file: string) {
  store = openSqliteStore(file, { coaches: config.coaches });
  const s = store;
  const request = (path: string, init?: RequestInit) =>
    Promise.resolve(
      createApp({
        config,
        store: s,
        log: silentLogger,
        clock: () => NOW,
        busy: () => ({}),
        distDir: dir,
        examplesDir: dir,
        rateLimit: { capacity: 1000, refillPerMinute: 1000 },
        stampKey: TEST_STAMP_KEY,
      }).request(path, init, { incoming: { socket: { remoteAddress: '203.0.113.7' } } }),
    );
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { request, post, store: s, file };
}

const view = async (a: ReturnType<typeof app>, b: { id: string; token: string }) =>
  (await (await a.request(`/api/bookings/${b.id}?token=${b.token}`)).json()) as ManagedBooking;

describe.each(FIXTURES)(
  'a data file from before the pool ($file)',
  ({ file: fixture, version, ada: ADA, ben: BEN, cancelled: CANCELLED }) => {
    function copy(): string {
      dir = mkdtempSync(join(tmpdir(), 'duet-migrate-'));
      const file = join(dir, 'duet.sqlite');
      copyFileSync(new URL(`../fixtures/store/${fixture}`, import.meta.url).pathname, file);
      return file;
    }

    it("is the version the two-coach code wrote, older than this code's", () => {
      expect(schemaVersion(copy())).toBe(version);
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(POOL_VERSION);
    });

    it('gives every booking both configured coaches, each holding the person in the nearest zone', async () => {
      const a = app(testConfig(), copy());
      const maya = { id: 'maya', name: 'Maya Okafor' };
      const jonas = { id: 'jonas', name: 'Jonas Weber' };
      // Ada (New York) and Grace (London): Maya in New York holds Ada, Jonas in Berlin holds Grace.
      expect((await view(a, ADA)).booking.coaches).toEqual([
        { ...maya, holds: 0 },
        { ...jonas, holds: 1 },
      ]);
      // Ben Ito (Tokyo, +9) and Cleo Park (Los Angeles, −8): Maya (−5) is nearest of all to Cleo, so Jonas holds Ben.
      expect((await view(a, BEN)).booking.coaches).toEqual([
        { ...maya, holds: 1 },
        { ...jonas, holds: 0 },
      ]);
      expect((await view(a, CANCELLED)).booking).toMatchObject({
        status: 'cancelled',
        coaches: [
          { ...maya, holds: 0 },
          { ...jonas, holds: 1 },
        ],
      });
      expect(schemaVersion(a.file)).toBe(SCHEMA_VERSION);
      expect(JSON.parse((await a.store.reads.booking(ADA.id))!.pairReason!)).toEqual({
        rule: 'before_pool',
        text: 'Booked before the pool of coaches: it went to both coaches configured then.',
      });
    });

    it('its calls still hold both coaches: their times are not offered, the cancelled one is', async () => {
      const a = app(testConfig(), copy());
      const slots = ((await (await a.request('/api/availability')).json()) as AvailabilityResponse).slots.map((s) => s.start);
      expect(slots).not.toContain('2026-11-04T15:00:00.000Z');
      expect(slots).not.toContain('2026-11-05T16:00:00.000Z');
      expect(slots).toContain('2026-11-06T14:00:00.000Z');
      const again = await a.post('/api/bookings', {
        ...bookingBody('2026-11-04T15:00:00.000Z'),
        meta: { honeypot: '', stamp: stampAt(NOW - 90_000) },
      });
      expect(again.status).toBe(409);
    });

    it('its links still move a call, and the update goes to both coaches and both people', async () => {
      const a = app(testConfig(), copy());
      const res = await a.post(`/api/bookings/${ADA.id}/reschedule`, { token: ADA.token, start: '2026-11-04T16:00:00.000Z' });
      expect(res.status).toBe(200);
      const update = (await a.store.outbox.ofBooking(ADA.id)).slice(-4).map((r) => r.message);
      expect(update.map((m) => [m.to, m.sequence])).toEqual([
        ['maya@example.org', 1],
        ['jonas@example.org', 1],
        ['ada@example.com', 1],
        ['grace@example.com', 1],
      ]);
      expect(update[0].text).toContain("You hold Ada Lovelace's experience; Jonas Weber holds Grace Hopper's.");
      // The one shared link of before is now person one's: the view is hers, the move is attributed to her.
      expect((await view(a, ADA)).you).toBe(0);
      expect(update[1].text).toContain('Ada Lovelace moved the 2:2 Coaching discovery call of Ada Lovelace & Grace Hopper');
    });

    it('an Idempotency-Key used before the migration still replays its first answer', async () => {
      const a = app(testConfig(), copy());
      const body = bookingBody('2026-11-05T15:00:00Z', {
        people: [
          { name: 'Ben Ito', email: 'ben@example.com', role: 'Director', timeZone: 'Asia/Tokyo' },
          { name: 'Cleo Park', email: 'cleo@example.com', role: 'Lead', timeZone: 'America/Los_Angeles' },
        ],
      });
      const res = await a.post('/api/bookings', body, { 'idempotency-key': 'fixture-key-1' });
      expect(res.status).toBe(201);
      expect(res.headers.get('idempotent-replayed')).toBe('true');
      expect(((await res.json()) as { booking: { id: string } }).booking.id).toBe(BEN.id);
    });

    it('with a pool configured, the first two coaches listed take the old calls', async () => {
      const a = app(poolConfig(), copy());
      expect((await view(a, ADA)).booking.coaches.map((c) => c.id)).toEqual(['maya', 'ben']);
    });

    it('is refused, and left as it was, when opened without the configured coaches', () => {
      const file = copy();
      expect(() => openSqliteStore(file)).toThrow(/written before the pool of coaches: open it with the configuration/);
      expect(schemaVersion(file)).toBe(version);
      const a = app(testConfig(), file);
      expect(schemaVersion(a.file)).toBe(SCHEMA_VERSION);
    });
  },
);
