// Sign-in links and sessions of the coaches' page in SQLite: each row only the hash of its secret and of an address.
import type Database from 'better-sqlite3';
import type { AccessGrant, AccessPort } from '../port.ts';
import type { SqliteOutbox } from './sqliteOutbox.ts';
import type { SqliteRunner } from './sqliteTransaction.ts';

interface RawGrant {
  hash: string;
  subject: string;
  expires_ms: number;
}

export function sqliteAccess(db: Database.Database, run: SqliteRunner, outbox: SqliteOutbox): AccessPort {
  const addLink = db.prepare(`INSERT INTO access_links (hash, subject, expires_ms, created_ms) VALUES (?, ?, ?, ?)`);
  const takeLink = db.prepare<[string], RawGrant>(`DELETE FROM access_links WHERE hash = ? RETURNING hash, subject, expires_ms`);
  const addSession = db.prepare(`INSERT INTO access_sessions (hash, subject, expires_ms, created_ms) VALUES (?, ?, ?, ?)`);
  const session = db.prepare<[string, number], RawGrant>(
    `SELECT hash, subject, expires_ms FROM access_sessions WHERE hash = ? AND expires_ms > ?`,
  );
  const endSession = db.prepare<[string]>(`DELETE FROM access_sessions WHERE hash = ?`);
  const purgeLinks = db.prepare<[number]>(`DELETE FROM access_links WHERE expires_ms <= ?`);
  const purgeSessions = db.prepare<[number]>(`DELETE FROM access_sessions WHERE expires_ms <= ?`);
  const purgeMail = db.prepare<[number]>(
    `DELETE FROM outbox WHERE booking_id IS NULL AND status <> 'pending' AND created_ms < ? AND json_extract(message, '$.kind') = 'signin'`,
  );
  const grant = (r: RawGrant): AccessGrant => ({ hash: r.hash, subject: r.subject, expires: r.expires_ms });

  return {
    addLink: (link, mails, now) =>
      run.transact(() => {
        addLink.run(link.hash, link.subject, link.expires, now);
        outbox.insert(mails, now);
      }),
    redeemLink: (hash, now, s) =>
      run.transact(() => {
        const link = takeLink.get(hash);
        if (!link || link.expires_ms <= now) return undefined;
        addSession.run(s.hash, link.subject, s.expires, now);
        return link.subject;
      }),
    session: (hash, now) =>
      run.read(() => {
        const row = session.get(hash, now);
        return row && grant(row);
      }),
    endSession: (hash) => run.transact(() => endSession.run(hash).changes === 1),
    purge: (now, mailBefore) =>
      run.transact(() => purgeLinks.run(now).changes + purgeSessions.run(now).changes + purgeMail.run(mailBefore).changes),
  };
}
