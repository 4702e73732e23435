// Sign-in links and sessions of the coaches' page in PostgreSQL: each row only the hash of its secret and of an address.
import type { AccessGrant, AccessPort } from '../port.ts';
import { insertMails } from './postgresOutbox.ts';
import { rowsOf, type PgRunner } from './postgresRunner.ts';

interface RawGrant {
  hash: string;
  subject: string;
  expires_ms: number;
}

const grant = (r: RawGrant): AccessGrant => ({ hash: r.hash, subject: r.subject, expires: r.expires_ms });

export function postgresAccess(run: PgRunner): AccessPort {
  return {
    addLink: (link, mails, now) =>
      run.transact(async (db) => {
        await db.query(`INSERT INTO access_links (hash, subject, expires_ms, created_ms) VALUES ($1, $2, $3, $4)`, [
          link.hash,
          link.subject,
          link.expires,
          now,
        ]);
        await insertMails(db, mails, now);
      }),
    // DELETE … RETURNING takes the row: of two uses at once, one finds it.
    redeemLink: (hash, now, s) =>
      run.transact(async (db) => {
        const [link] = await rowsOf(db)<RawGrant>(`DELETE FROM access_links WHERE hash = $1 RETURNING hash, subject, expires_ms`, [hash]);
        if (!link || link.expires_ms <= now) return undefined;
        await db.query(`INSERT INTO access_sessions (hash, subject, expires_ms, created_ms) VALUES ($1, $2, $3, $4)`, [
          s.hash,
          link.subject,
          s.expires,
          now,
        ]);
        return link.subject;
      }),
    async session(hash, now) {
      const [row] = await run.query<RawGrant>(`SELECT hash, subject, expires_ms FROM access_sessions WHERE hash = $1 AND expires_ms > $2`, [
        hash,
        now,
      ]);
      return row && grant(row);
    },
    endSession: async (hash) => (await run.query(`DELETE FROM access_sessions WHERE hash = $1 RETURNING 1`, [hash])).length === 1,
    async purge(now, mailBefore) {
      const links = await run.query(`DELETE FROM access_links WHERE expires_ms <= $1 RETURNING 1`, [now]);
      const sessions = await run.query(`DELETE FROM access_sessions WHERE expires_ms <= $1 RETURNING 1`, [now]);
      const mails = await run.query(
        `DELETE FROM outbox WHERE booking_id IS NULL AND status <> 'pending' AND created_ms < $1
            AND (message::jsonb ->> 'kind') = 'signin' RETURNING 1`,
        [mailBefore],
      );
      return links.length + sessions.length + mails.length;
    },
  };
}
