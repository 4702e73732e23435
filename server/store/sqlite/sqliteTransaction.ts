// How work runs on the store's one SQLite connection: writes take turns (BEGIN IMMEDIATE … COMMIT), a taken lock is
// waited for briefly and retried without blocking the event loop for long, and "cannot answer" errors become StoreUnavailable.
import type Database from 'better-sqlite3';
import { StoreUnavailable, type UnavailableReason } from '../port.ts';

/** How long one attempt waits for another connection's lock, blocking this thread (busy_timeout). */
export const BUSY_TIMEOUT_MS = 100;
/** The pauses between attempts, spent awaiting (the event loop runs meanwhile): about a second in all. */
const RETRY_DELAYS_MS = [10, 20, 40, 80, 160, 320, 400];

/** Why an error means the store cannot answer, or undefined for any other error (a bug, which stays a 500). */
export function unavailableReason(e: unknown): UnavailableReason | undefined {
  if (e instanceof StoreUnavailable) return e.reason;
  if (e instanceof TypeError && /database connection is not open/i.test(e.message)) return 'closed';
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return 'busy';
  if (code === 'SQLITE_FULL') return 'full';
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return 'corrupt';
  if (/^SQLITE_(IOERR|CANTOPEN|PROTOCOL)/.test(code)) return 'io';
  if (/^SQLITE_READONLY/.test(code)) return 'read_only';
  return undefined;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface SqliteRunner {
  /** A read of the committed state, retried while another connection's lock is in the way. */
  read<T>(work: () => T | Promise<T>): Promise<T>;
  /**
   * `work` inside one BEGIN IMMEDIATE transaction, after every earlier write of this connection has finished:
   * committed when it returns, rolled back when it throws. Run again from the start after a lost lock.
   */
  transact<T>(work: () => T | Promise<T>): Promise<T>;
  /** `work` in its turn among the writes but outside a transaction (VACUUM, checkpoints). */
  exclusive<T>(work: () => T | Promise<T>): Promise<T>;
  /** Resolves once every write asked for so far has finished. */
  idle(): Promise<void>;
}

export function sqliteRunner(db: Database.Database): SqliteRunner {
  // Writes of this process queue here: SQLite's own lock only orders connections, not the callers of one connection.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  async function retried<T>(attempt: () => T | Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (e) {
        const reason = unavailableReason(e);
        if (reason === undefined) throw e;
        if (reason === 'busy' && tries < RETRY_DELAYS_MS.length) {
          await pause(RETRY_DELAYS_MS[tries]);
          continue;
        }
        throw e instanceof StoreUnavailable ? e : new StoreUnavailable(reason, { cause: e });
      }
    }
  }

  const rollback = () => {
    try {
      if (db.open && db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // SQLite already rolled back (SQLITE_FULL, IOERR): nothing left to undo.
    }
  };

  return {
    read: (work) => retried(work),
    transact: (work) =>
      inTurn(() =>
        retried(async () => {
          db.exec('BEGIN IMMEDIATE');
          try {
            // Synchronous work holds the lock without yielding; a plan that awaits keeps it across its awaits.
            const pending = work();
            const result = pending instanceof Promise ? await pending : pending;
            db.exec('COMMIT');
            return result;
          } catch (e) {
            rollback();
            throw e;
          }
        }),
      ),
    exclusive: (work) => inTurn(() => retried(work)),
    idle: () => inTurn(async () => undefined),
  };
}
