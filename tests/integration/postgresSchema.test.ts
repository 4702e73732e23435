// The PostgreSQL schema on a real throwaway cluster: migrations run once however many instances start together,
// and the database itself refuses a coach held twice at once (the exclusion constraint, 23P01).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../server/store/postgres/postgresMigrations.ts';
import { startPostgresCluster, type PostgresCluster } from '../support/postgresCluster.ts';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgresCluster();
});
afterAll(async () => {
  await cluster?.stop();
});

/** A fresh, migrated database and a pool on it. */
async function migrated() {
  const pool = new pg.Pool({ connectionString: await cluster.createDatabase(), max: 2 });
  await migrate(pool, 1_000);
  return pool;
}

describe('migrations', () => {
  it('four instances starting together on an empty database migrate once, and all four start', async () => {
    const url = await cluster.createDatabase();
    const pools = [0, 1, 2, 3].map(() => new pg.Pool({ connectionString: url, max: 1 }));
    try {
      const applied = await Promise.all(pools.map((p, i) => migrate(p, 1_000 + i)));
      expect(applied.reduce((a, b) => a + b, 0)).toBe(MIGRATIONS.length);
      expect(applied.filter((n) => n > 0)).toHaveLength(1);
      const { rows } = await pools[0].query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
      // A later start finds nothing to do.
      expect(await migrate(pools[1], 2_000)).toBe(0);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});

describe('a coach is never held twice at once', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = await migrated();
  });
  afterAll(async () => {
    await pool?.end();
  });

  let n = 0;
  /** A booking holding `coaches` over [from, to) (buffers included), as the store writes it. */
  async function hold(coaches: string[], from: number, to: number, active = true) {
    const id = `b${++n}`;
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO bookings (id, uid, start_ms, end_ms, status, token_hash, created_ms, updated_ms)
         VALUES ($1, $1, $2, $3, $4, 'h', 0, 0)`,
        [id, from, to, active ? 'confirmed' : 'cancelled'],
      );
      for (const [position, coach] of coaches.entries()) {
        await client.query(
          `INSERT INTO booking_coaches (booking_id, position, coach_id, during, active) VALUES ($1, $2, $3, int8range($4, $5), $6)`,
          [id, position, coach, from, to, active],
        );
      }
      await client.query('COMMIT');
      return id;
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
  }
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'written',
      (e: { code?: string; constraint?: string }) => `${e.code} ${e.constraint}`,
    );

  it('refuses a second booking of the same coach over an overlapping time, and writes none of it', async () => {
    await hold(['ana', 'ben'], 10_000, 20_000);
    expect(await refusal(hold(['cai', 'ana'], 19_999, 30_000))).toBe('23P01 booking_coaches_no_overlap');
    expect(await refusal(hold(['ben', 'dee'], 5_000, 10_001))).toBe('23P01 booking_coaches_no_overlap');
    expect((await pool.query(`SELECT count(*)::int AS n FROM bookings`)).rows[0].n).toBe(1);
  });

  it('lets other coaches take the same time, and the same coach take the time right after (half-open)', async () => {
    await hold(['eve', 'fay'], 100_000, 200_000);
    expect(await refusal(hold(['gus', 'hal'], 100_000, 200_000))).toBe('written');
    expect(await refusal(hold(['eve', 'fay'], 200_000, 300_000))).toBe('written');
    expect(await refusal(hold(['ida', 'eve'], 50_000, 100_000))).toBe('written');
  });

  it('does not count a cancelled booking, and refuses to make one live again over a live one', async () => {
    const cancelled = await hold(['jon', 'kim'], 1_000_000, 2_000_000, false);
    await hold(['jon', 'kim'], 1_500_000, 2_500_000);
    const reactivate = pool.query(`UPDATE booking_coaches SET active = true WHERE booking_id = $1`, [cancelled]);
    expect(await refusal(reactivate)).toBe('23P01 booking_coaches_no_overlap');
  });

  it('moves the data version on every write of a booking or its coaches', async () => {
    const version = async () => (await pool.query('SELECT n FROM data_version')).rows[0].n as string;
    const before = await version();
    const id = await hold(['lou', 'max'], 5_000_000, 6_000_000);
    const afterInsert = await version();
    expect(afterInsert).not.toBe(before);
    await pool.query(`UPDATE bookings SET intake = NULL WHERE id = $1`, [id]);
    expect(await version()).not.toBe(afterInsert);
  });
});
