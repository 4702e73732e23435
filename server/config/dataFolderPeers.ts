// The other servers on this data folder: each running server keeps a small note in DUET_DATA/servers/ and renews it,
// so that a second one (a rolling deploy, a mistake) says in the log that it shares the folder.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logger.ts';

/** A note not renewed for this long belongs to a server that is gone. */
export const PEER_STALE_MS = 90_000;
const RENEW_MS = 30_000;

interface Note {
  host: string;
  pid: number;
  started: number;
  seen: number;
}

export interface Peers {
  /** The other servers on the folder now. */
  others(): Note[];
  stop(): void;
}

/** Writes this server's note, logs `data_folder_shared` whenever others are seen (at start and when one arrives), renews it. */
export function watchPeers(dataDir: string, owner: string, clock: () => number, log: Logger): Peers {
  const dir = join(dataDir, 'servers');
  const mine = join(dir, `${owner.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  const started = clock();
  let known = new Set<string>();

  const others = (): Note[] => {
    const now = clock();
    const notes: Note[] = [];
    for (const name of safeList(dir)) {
      if (join(dir, name) === mine) continue;
      try {
        const note = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Note;
        if (now - note.seen < PEER_STALE_MS) notes.push(note);
        else if (now - note.seen > 10 * PEER_STALE_MS) rmSync(join(dir, name), { force: true });
      } catch {
        /* a note being written, or not one of ours */
      }
    }
    return notes;
  };

  const renew = () => {
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(mine, JSON.stringify({ host: hostname(), pid: process.pid, started, seen: clock() } satisfies Note));
      const now = others();
      const ids = new Set(now.map((n) => `${n.host}:${n.pid}`));
      if ([...ids].some((id) => !known.has(id))) {
        log.warn({ event: 'data_folder_shared', others: now.length, pids: now.map((n) => n.pid).join(',') });
      }
      known = ids;
    } catch (e) {
      log.warn({ event: 'data_folder_note_failed', error: (e as NodeJS.ErrnoException).code ?? 'error' });
    }
  };

  renew();
  const timer = setInterval(renew, RENEW_MS);
  timer.unref();
  return {
    others,
    stop() {
      clearInterval(timer);
      rmSync(mine, { force: true });
    },
  };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch {
    return [];
  }
}
