// What a website downloads: the browser bundle holds the widget, the loader and core's schemas, never luxon or server code.
import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
let modules: string[] = [];

beforeAll(async () => {
  // The real vite.config.ts, built in memory: the modules of every chunk, whatever is in dist/ right now.
  const out = (await build({ root, configFile: resolve(root, 'vite.config.ts'), logLevel: 'silent', build: { write: false } })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((f): f is Rollup.OutputChunk => f.type === 'chunk');
  modules = [...new Set(chunks.flatMap((c) => c.moduleIds))].map((id) => id.replace(`${root}/`, '').replace(/\\/g, '/'));
}, 60_000);

describe('the browser bundle', () => {
  it('holds the widget, the loader and core', () => {
    expect(modules).toEqual(expect.arrayContaining(['embed/embed.ts', 'widget/lazyMount.tsx', 'core/intake.ts']));
  });

  it('pulls in no luxon, ical or mail library, and no file of server/', () => {
    const foreign = modules.filter((m) => /node_modules\/(luxon|ical-generator|ical\.js|nodemailer|better-sqlite3|hono)\//.test(m) || m.startsWith('server/'));
    expect(foreign).toEqual([]);
  });

  it('pulls in none of core\'s slot engine (it needs luxon): times are formatted with Intl.DateTimeFormat', () => {
    expect(modules.filter((m) => /^core\/(slots|zoneOffsets|bookingPolicy)\.ts$/.test(m))).toEqual([]);
  });
});
