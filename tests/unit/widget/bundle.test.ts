// What a website downloads: the browser bundle holds the widget, the loader and core's schemas, never luxon or server code.
import { resolve } from 'node:path';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
let modules: string[] = [];
let chunks: Rollup.OutputChunk[] = [];
const short = (id: string) => id.replace(`${root}/`, '').replace(/\\/g, '/');

beforeAll(async () => {
  // The real vite.config.ts, built in memory: the modules of every chunk, whatever is in dist/ right now.
  const out = (await build({ root, configFile: resolve(root, 'vite.config.ts'), logLevel: 'silent', build: { write: false, outDir: resolve(root, 'node_modules/.duet-bundle-test'), emptyOutDir: false } })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((f): f is Rollup.OutputChunk => f.type === 'chunk');
  modules = [...new Set(chunks.flatMap((c) => c.moduleIds))].map(short);
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

  it('loads the first step with two requests after embed.js, the entry and one shared chunk, without the schema checks or later steps', () => {
    const entry = chunks.find((c) => c.isEntry && c.name === 'widget')!;
    const first = [entry, ...entry.imports.map((f) => chunks.find((c) => c.fileName === f)!)];
    expect(first.map((c) => c.name)).toEqual(['widget', 'shared']);
    const firstModules = first.flatMap((c) => c.moduleIds).map(short);
    expect(firstModules).toEqual(expect.arrayContaining(['widget/steps/Who.tsx', 'widget/steps/stepTable.ts', 'widget/store.ts', 'widget/zones/ZoneField.tsx']));
    expect(firstModules.filter((m) => /valibot|steps\/(Partnership|Time|Review)|manage\//.test(m))).toEqual([]);
  });

  it('keeps the zone search and its data, the week of days and the 12/24-hour switch out of the first step', () => {
    const entry = chunks.find((c) => c.isEntry && c.name === 'widget')!;
    const first = [entry, ...entry.imports.map((f) => chunks.find((c) => c.fileName === f)!)].flatMap((c) => c.moduleIds).map(short);
    expect(first.filter((m) => /@vvo\/tzdb|zones\/(ZoneSearch|zoneIndex|zoneAliases)|slots\/(SlotPicker|WeekStrip|ZonesBar|timeFormat)/.test(m))).toEqual([]);
    // They are in the bundle, in chunks of their own that load when needed.
    expect(modules).toEqual(expect.arrayContaining(['node_modules/@vvo/tzdb/raw-time-zones.json', 'widget/zones/ZoneSearch.tsx', 'widget/slots/WeekStrip.tsx']));
  });
});
