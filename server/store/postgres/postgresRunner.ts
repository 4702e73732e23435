// How work runs on the PostgreSQL pool: reads on any connection, each change in one transaction (plans in turn with
// every other instance's under an advisory lock, waited for briefly), advisory-locked jobs, and "cannot answer"
// errors turned into StoreUnavailable (503), as on SQLite.
import pg from 'pg';
import { StoreUnavailable, type UnavailableReason } from '../port.ts';
import { LOCK_NAMESPACE, LOCKS, type LockName } from './advisoryLocks.ts';

/** How long a plan waits for another instance's turn (and any row lock) before the request gets 503 unavailable. */
export const LOCK_TIMEOUT_MS = 1_000;
/** How long a request waits for a free connection of the pool. */
const CONNECT_TIMEOUT_MS = 2_000;
/** A transaction left open by a vanished client is ended by the server after this long (its locks with it). */
const IDLE_IN_TRANSACTION_MS = 30_000;
/** Deadlocks and serialisation failures are tried again at once, this many times. */
const RETRIES = 3;

/** bigint (epoch milliseconds, outbox ids) as JavaScript numbers: every value Duet stores is far below 2^53. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Why an error means the database cannot answer, or undefined for any other error (a bug, which stays a 500). */
export function unavailableReason(e: unknown): UnavailableReason | undefined {
  if (e instanceof StoreUnavailable) return e.reason;
  if (!(e instanceof Error)) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code === '55P03' || code === '40001' || code === '40P01' || code === '53300' || code === '57014') return 'busy';
    if (code === '53100') return 'full';
    if (code === 'XX001' || code === 'XX002') return 'corrupt';
    if (code === '25006') return 'read_only';
    if (code.startsWith('08') || code.startsWith('57P') || code === '58030' || code === '53200' || NETWORK_CODES.has(code)) return 'io';
  }
  if (/pool after calling end|Client was closed/i.test(e.message)) return 'closed';
  if (/timeout exceeded when trying to connect/i.test(e.message)) return 'busy';
  if (/Connection terminated|connection.*(ended|closed)/i.test(e.message)) return 'io';
  return undefined;
}

/** `e` as StoreUnavailable when it means the database cannot answer, else unchanged. */
export const asUnavailable = (e: unknown): unknown => {
  const reason = unavailableReason(e);
  return reason === undefined || e instanceof StoreUnavailable ? e : new StoreUnavailable(reason, { cause: e });
};

/** The connection is gone or unusable: do not hand it to the next caller. */
const broken = (e: unknown) => {
  const reason = unavailableReason(e);
  return reason === 'io' || reason === 'closed';
};

export type Queryable = Pick<pg.ClientBase, 'query'>;

/** A statement's rows. */
export type Rows = <R extends pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

/** `db`'s statements as their rows. */
export const rowsOf =
  (db: Queryable): Rows =>
  async (text, values) =>
    (await db.query(text, values)).rows;

export interface PgRunner {
  readonly pool: pg.Pool;
  /** One statement outside a transaction: the committed state. */
  readonly query: Rows;
  /**
   * `work` inside one transaction on one connection, committed when it returns, rolled back when it throws. With
   * `turn`, the transaction first takes that advisory lock (every instance's transactions with the same `turn` run
   * one after another), waiting at most LOCK_TIMEOUT_MS. Run again after a deadlock or serialisation failure.
   */
  transact<T>(work: (db: Queryable) => Promise<T>, turn?: LockName): Promise<T>;
  /** `work` on one connection of its own, outside any transaction (VACUUM, session settings it resets). */
  session<T>(work: (db: Queryable) => Promise<T>): Promise<T>;
  /** `work` on one connection while this instance holds `lock`; undefined at once if another instance holds it. */
  alone<T>(lock: LockName, work: (db: Queryable) => Promise<T>): Promise<T | undefined>;
  /** Waits for the connections in use, then closes the pool. */
  close(): Promise<void>;
}

export function pgRunner(connectionString: string, options: { max?: number } = {}): PgRunner {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    types,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    application_name: 'duet',
  });
  // An idle connection the server dropped (restart, kill) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  let closed = false;

  // Work asked for before close() finishes first: the pool itself would leave callers still waiting for a connection hanging.
  const underWay = new Set<Promise<unknown>>();

  /** Every way in: refused once closing began, else counted as under way until it settles. */
  function enter<T>(start: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new StoreUnavailable('closed'));
    const done = start();
    underWay.add(done);
    void done.catch(() => undefined).finally(() => underWay.delete(done));
    return done;
  }

  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw asUnavailable(e);
    }
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (e) {
      client.release(broken(e) ? (e as Error) : undefined);
      throw asUnavailable(e);
    }
  }

  // This instance's transactions of one turn queue here, so that at most one connection per instance waits for the
  // advisory lock: the lock's wait then measures the other instances only, however many requests this one has.
  const queues = new Map<LockName, Promise<unknown>>();
  function inTurn<T>(turn: LockName | undefined, work: () => Promise<T>): Promise<T> {
    if (!turn) return work();
    const run = (queues.get(turn) ?? Promise.resolve()).then(work, work);
    queues.set(
      turn,
      run.catch(() => undefined),
    );
    return run;
  }

  const transact = <T>(work: (db: Queryable) => Promise<T>, turn?: LockName): Promise<T> =>
    enter(() => inTurn(turn, () => attempts(work, turn)));

  async function attempts<T>(work: (db: Queryable) => Promise<T>, turn?: LockName): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await withClient(async (client) => {
          await client.query(turn ? `BEGIN; SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}` : 'BEGIN');
          try {
            if (turn) await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_NAMESPACE, LOCKS[turn]]);
            const result = await work(client);
            await client.query('COMMIT');
            return result;
          } catch (e) {
            if (!broken(e)) await client.query('ROLLBACK').catch(() => undefined);
            throw e;
          }
        });
      } catch (e) {
        const code = ((e as { cause?: { code?: string } }).cause ?? (e as { code?: string }))?.code;
        if ((code === '40001' || code === '40P01') && attempt < RETRIES) continue;
        throw e;
      }
    }
  }

  return {
    pool,
    query: (text, values) => enter(() => withClient((client) => rowsOf(client)(text, values))),
    transact,
    session: (work) => enter(() => withClient(work)),
    alone: (lock, work) =>
      enter(() =>
        withClient(async (client) => {
          const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [LOCK_NAMESPACE, LOCKS[lock]]);
          if (!rows[0].ok) return undefined;
          try {
            return await work(client);
          } finally {
            await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_NAMESPACE, LOCKS[lock]]);
          }
        }),
      ),
    async close() {
      if (closed) return;
      closed = true;
      while (underWay.size > 0) await Promise.allSettled([...underWay]);
      await pool.end();
    },
  };
}
