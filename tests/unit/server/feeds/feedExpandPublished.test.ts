// Busy times from published calendars and test fixtures nobody here wrote, against an independent expansion:
// python-recurring-ical-events over python-icalendar (tests/fixtures/feeds/oracle/oracle.py), never ical.js.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFeed } from '../../../../server/feeds/feedExpand.ts';

const dir = fileURLToPath(new URL('../../../fixtures/feeds/', import.meta.url));
const oracleScript = join(dir, 'oracle/oracle.py');
const committed = readFileSync(join(dir, 'oracle/expected.json'), 'utf8');

interface Source {
  file: string;
  origin: string;
  license: string;
  oracle?: boolean;
}
interface Case {
  file: string;
  zone: string;
  email: string | null;
  from: string;
  to: string;
  busy: [string, string][];
}

const sources = (JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as { files: Source[] }).files;
const cases = (JSON.parse(committed) as { cases: Case[] }).cases;

/** Debian's python3 carries python3-recurring-ical-events (installed by .ci/run); another python3 may not. */
const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function icsFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return icsFiles(path);
    return name.endsWith('.ics') ? [relative(dir, path)] : [];
  });
}

describe('published calendars', () => {
  it('at least 40 published calendars and fixtures, each with its origin and licence, are checked by the oracle', () => {
    const published = sources.filter((s) => s.file.startsWith('published/') && s.oracle !== false);
    expect(published.length).toBeGreaterThanOrEqual(40);
    for (const s of sources) {
      expect(s.origin, s.file).toMatch(/\S/);
      expect(s.license, s.file).toMatch(/\S/);
    }
    // Every .ics file in the folder has its line in sources.json.
    expect(icsFiles(dir).sort()).toEqual(sources.map((s) => s.file).sort());
    expect(new Set(cases.map((c) => c.file)).size).toBe(sources.filter((s) => s.oracle !== false).length);
  });

  it('the committed intervals are what the oracle computes today', { timeout: 300_000 }, () => {
    const out = execFileSync(python, [oracleScript], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(JSON.parse(out)).toEqual(JSON.parse(committed));
  });

  it.each(cases.map((c) => [`${c.file} from ${c.from.slice(0, 10)} in ${c.zone}`, c] as const))('%s', (_name, c) => {
    const result = readFeed(readFileSync(join(dir, c.file), 'utf8'), {
      from: Date.parse(c.from),
      to: Date.parse(c.to),
      timeZone: c.zone,
      email: c.email ?? undefined,
    });
    if (!result.ok) throw new Error(`${c.file} was refused: ${result.error}`);
    expect(result.busy.map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()])).toEqual(c.busy);
  });

  it.each(sources.filter((s) => s.oracle === false).map((s) => [s.file]))(
    '%s, which the oracle cannot read, is read or refused without throwing',
    (file) => {
      const result = readFeed(readFileSync(join(dir, file), 'utf8'), {
        from: Date.parse('2000-01-01T00:00:00Z'),
        to: Date.parse('2030-01-01T00:00:00Z'),
        timeZone: 'Europe/Berlin',
      });
      expect(result.ok || ['not_icalendar', 'parse_error'].includes(result.error)).toBe(true);
    },
  );
});
