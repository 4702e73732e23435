// The layout's promises, read from the source: core/ is pure and imports no other folder; widget/ and server/ never meet;
// only server/store/sqlite/ touches SQLite.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

function sources(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)).replace(/\\/g, '/'))
    .sort();
}

/** Every module a file imports (static, dynamic, re-export, type-only), relative ones resolved to a path from the root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:(?<![\w'"])from\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.map((s) => (s.startsWith('.') ? relative(root, resolve(root, dirname(file), s)).replace(/\\/g, '/') : s));
}

const crossings = (folders: string[], forbidden: (target: string) => boolean) =>
  folders.flatMap(sources).flatMap((f) =>
    importsOf(f)
      .filter(forbidden)
      .map((t) => `${f} → ${t}`),
  );

describe('core/', () => {
  it('imports only core/ and its two libraries, valibot and luxon', () => {
    expect(crossings(['core'], (t) => !t.startsWith('core/') && t !== 'valibot' && t !== 'luxon')).toEqual([]);
  });

  it('never reads the clock, the environment, files or the network: "now" is a parameter', () => {
    const reads = /\bDate\.now\s*\(|new Date\(\s*\)|\bprocess\.|\bfetch\s*\(|\bMath\.random\s*\(|\bperformance\.now\s*\(|\bSettings\.now\b/;
    const offending = sources('core').flatMap((f) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .map((line, i) => [line.replace(/\/\/.*$/, ''), i + 1] as const)
        .filter(([line]) => reads.test(line))
        .map(([line, n]) => `${f}:${n}: ${line.trim()}`),
    );
    expect(offending).toEqual([]);
  });
});

describe('widget/, embed/ and server/', () => {
  it('the browser side never imports server/', () => {
    expect(crossings(['widget', 'embed'], (t) => t.startsWith('server/'))).toEqual([]);
  });

  it('server/ never imports widget/ or embed/: their only contract is the HTTP API typed in core/', () => {
    expect(crossings(['server'], (t) => t.startsWith('widget/') || t.startsWith('embed/'))).toEqual([]);
  });

  it('better-sqlite3 is imported only under server/store/sqlite/: the rest of the server sees the store port', () => {
    expect(
      crossings(['server', 'core', 'widget', 'embed', 'tests', 'bench'], (t) => t === 'better-sqlite3').filter(
        (line) => !line.startsWith('server/store/sqlite/'),
      ),
    ).toEqual([]);
  });

  it('no SQL statement is prepared outside server/store/', () => {
    const offending = ['server', 'tests', 'bench']
      .flatMap(sources)
      .filter((f) => !f.startsWith('server/store/') && /\.prepare\(/.test(readFileSync(join(root, f), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('the import reader sees the imports it must judge', () => {
    expect(importsOf('server/serverApp.ts')).toEqual(expect.arrayContaining(['hono', 'core/api.ts', 'server/store/port.ts']));
    expect(importsOf('embed/embed.ts')).toEqual(['widget/mount.tsx', 'widget/lazyMount.tsx']);
  });
});
