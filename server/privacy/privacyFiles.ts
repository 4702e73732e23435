// The file outbox as privacy sees it: which booking each .eml/.ics belongs to, and deleting files by name.
import { readdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { mentions } from './addressMatch.ts';
import type { OutboxFile } from './retention.ts';

const MAIL_FILE = /\.(eml|ics)$/;

/**
 * Every `.eml` and `.ics` in `dir` (none when it does not exist). The file transport names a file after the
 * Message-ID, `<booking id>.<kind>.<sequence>.<recipient hash>@<host>`, so the booking id is the part before the first dot.
 */
export function outboxFiles(dir: string): OutboxFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => MAIL_FILE.test(n))
    .flatMap((name) => {
      try {
        const dot = name.indexOf('.');
        return [{ name, bookingId: dot > 0 ? name.slice(0, dot) : null, modified: statSync(join(dir, name)).mtimeMs }];
      } catch {
        return []; // removed meanwhile
      }
    });
}

/** Deletes the named files from `dir`; returns how many were there. */
export function removeOutboxFiles(dir: string, names: readonly string[]): number {
  let removed = 0;
  for (const name of names) {
    try {
      unlinkSync(join(dir, name));
      removed++;
    } catch {
      // already gone
    }
  }
  return removed;
}

/** The files in `dir` that belong to one of `bookingIds`, were addressed to `recipientHash`, or hold `address`. */
export function filesAbout(dir: string, address: string, bookingIds: ReadonlySet<string>, recipientHash: string): string[] {
  return outboxFiles(dir)
    .filter((f) => {
      if (f.bookingId !== null && bookingIds.has(f.bookingId)) return true;
      if (f.name.includes(`.${recipientHash}_`)) return true;
      try {
        return mentions(readFileSync(join(dir, f.name), 'utf8'), address);
      } catch {
        return false;
      }
    })
    .map((f) => f.name);
}
