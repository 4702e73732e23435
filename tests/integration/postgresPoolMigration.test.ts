// A PostgreSQL database written before the pool (schema 1: every booking holding the configured two coaches) opens
// with each call keeping its two coaches, coach one holding person one, and new calls holding their own pair.
import pg from 'pg';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookingRequestSchema } from '../../core/intake.ts';
import { MINUTE_MS } from '../../core/time.ts';
import { MIGRATIONS } from '../../server/store/postgres/postgresMigrations.ts';
import { openPostgresStore } from '../../server/store/postgres/postgresStore.ts';
import { bookingBody } from '../support/fixtures.ts';
import { startPostgresCluster, type PostgresCluster } from '../support/postgresCluster.ts';

const START = Date.parse('2026-11-10T14:00:00Z');
const NOW = Date.parse('2026-11-02T12:00:00Z');
let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

describe('a PostgreSQL database from before the pool', () => {
  it("keeps each call's two coaches, coach one holding person one; a new call holds the pair it was given", async () => {
    const url = await cluster.createDatabase();
    // What the store before the pool wrote: schema 1, and a booking holding maya and jonas.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_ms bigint NOT NULL)`);
      await client.query(MIGRATIONS[0]);
      await client.query('INSERT INTO schema_migrations VALUES (1, $1)', [NOW]);
      const intake = JSON.stringify(v.parse(BookingRequestSchema, bookingBody('2026-11-10T14:00:00Z')).intake);
      await client.query(
        `INSERT INTO bookings (id, uid, start_ms, end_ms, status, sequence, token_hash, intake, created_ms, updated_ms)
        VALUES ('old', 'old@duet.test', $1, $2, 'confirmed', 0, 'h', $3, $4, $4)`,
        [START, START + 45 * MINUTE_MS, intake, NOW],
      );
      await client.query(
        `INSERT INTO booking_coaches (booking_id, position, coach_id, during, active) VALUES
        ('old', 0, 'maya', int8range($1, $2), true), ('old', 1, 'jonas', int8range($1, $2), true)`,
        [START, START + 45 * MINUTE_MS],
      );
    } finally {
      await client.end();
    }

    const store = await openPostgresStore(url, { bufferMs: 10 * MINUTE_MS });
    try {
      expect(await store.reads.booking('old')).toMatchObject({
        coaches: [
          { id: 'maya', holds: 0 },
          { id: 'jonas', holds: 1 },
        ],
        pairReason: null,
      });
      const intake = v.parse(BookingRequestSchema, bookingBody('2026-11-10T14:00:00Z')).intake;
      const cyDee = [
        { id: 'cy', holds: 1 as const },
        { id: 'dee', holds: 0 as const },
      ];
      // Same time, other coaches: the database holds only the call's own two, so it takes it.
      await store.runPlan(NOW, () => ({
        result: 0,
        writes: {
          newBooking: {
            id: 'new',
            uid: 'new@duet.test',
            start: START,
            end: START + 45 * MINUTE_MS,
            tokenHash: 'h2',
            partnerTokenHash: 'p2',
            intake,
            coaches: cyDee,
            pairReason: '{"rule":"only_free_pair"}',
          },
        },
      }));
      expect(await store.reads.booking('new')).toMatchObject({ coaches: cyDee, pairReason: '{"rule":"only_free_pair"}' });
      expect((await store.reads.liveBookings({ start: START, end: START + 1 })).map((c) => c.coaches).sort()).toEqual([
        ['cy', 'dee'],
        ['maya', 'jonas'],
      ]);
    } finally {
      await store.close();
    }
  });
});
