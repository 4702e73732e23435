// What a website downloads: the browser bundle holds the widget, the loader and core's schemas, never luxon or server
// code; embed.js alone carries the first step, and the later chunks share its one copy of Preact and signals.
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAGE_SCRIPTS } from '../../../embed/pageScripts.ts';

const root = resolve(import.meta.dirname, '../../..');
let modules: string[] = [];
let chunks: Rollup.OutputChunk[] = [];
let assets: Rollup.OutputAsset[] = [];
const short = (id: string) => id.replace(`${root}/`, '').replace(/\\/g, '/');
const embed = () => chunks.find((c) => c.fileName === 'embed.js')!;

beforeAll(async () => {
  // The real vite.config.ts, built in memory: the modules of every chunk, whatever is in dist/ right now.
  const out = (await build({
    root,
    configFile: resolve(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false, outDir: resolve(root, 'node_modules/.duet-bundle-test'), emptyOutDir: false },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const files = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output);
  chunks = files.filter((f): f is Rollup.OutputChunk => f.type === 'chunk');
  assets = files.filter((f): f is Rollup.OutputAsset => f.type === 'asset');
  modules = [...new Set(chunks.flatMap((c) => c.moduleIds))].map(short);
}, 60_000);

describe('the browser bundle', () => {
  it('holds the widget, the loader and core', () => {
    expect(modules).toEqual(expect.arrayContaining(['embed/embed.ts', 'widget/lazyMount.tsx', 'core/intake.ts']));
  });

  it('pulls in no luxon, ical or mail library, and no file of server/', () => {
    const foreign = modules.filter(
      (m) => /node_modules\/(luxon|ical-generator|ical\.js|nodemailer|better-sqlite3|hono)\//.test(m) || m.startsWith('server/'),
    );
    expect(foreign).toEqual([]);
  });

  it("pulls in none of core's slot engine (it needs luxon): times are formatted with Intl.DateTimeFormat", () => {
    expect(modules.filter((m) => /^core\/(slots|zoneOffsets|bookingPolicy)\.ts$/.test(m))).toEqual([]);
  });

  it('loads the first step with embed.js alone: the shell, the store and one step, without the schema checks or later steps', () => {
    const first = embed().moduleIds.map(short);
    expect(first).toEqual(expect.arrayContaining(['embed/embed.ts', 'widget/lazyMount.tsx', 'widget/App.tsx', 'widget/store.ts']));
    // Exactly one step's component, whichever the intake shows first.
    expect(first.filter((m) => /^widget\/steps\/[A-Z]\w*\.tsx$/.test(m))).toHaveLength(1);
    expect(first.filter((m) => /valibot|^widget\/later\.ts$|^widget\/validate\.ts$|manage\//.test(m))).toEqual([]);
    // A classic script: nothing imported before the first step can render, nothing exported, no import.meta.
    expect(embed().code).not.toMatch(/^\s*(import|export)\s*[{*\w"'`]|\bimport\.meta\b/m);
    expect(embed().code).not.toMatch(/\beval\(|new Function/);
  });

  it("sends the first step within the design's 20 KB of JavaScript gzip, in the one response embed.js is", () => {
    // What the server sends (the build's own .gz copy); the slow-phone figure of 14 KB is bench/embedSlow.bench.ts's.
    const sent = assets.find((a) => a.fileName === 'embed.js.gz')!;
    expect(gzipSync(embed().code, { level: 9 }).length).toBe(sent.source.length);
    expect(sent.source.length).toBeLessThanOrEqual(20 * 1024);
  });

  it('puts every module in one file only: the later chunks read Preact, signals and the store from embed.js', () => {
    const seen = chunks.flatMap((c) => c.moduleIds.map(short));
    expect(seen.filter((m, i) => seen.indexOf(m) !== i)).toEqual([]);
    const runtime = /node_modules\/(preact|@preact\/signals|@preact\/signals-core)\//;
    // Beside embed.js only the later chunks, and the scripts of Duet's own pages (embed/pageScripts.ts).
    for (const chunk of chunks.filter((c) => c !== embed() && !(c.fileName in PAGE_SCRIPTS))) {
      expect(chunk.fileName).toMatch(/^chunks\/[\w-]+-[\w-]{8}\.js$/);
      expect(chunk.moduleIds.map(short).filter((m) => runtime.test(m))).toEqual([]);
      expect(chunk.code).not.toMatch(/from\s*["'][./]*embed\.js["']/);
    }
    expect(
      embed()
        .moduleIds.map(short)
        .filter((m) => runtime.test(m)).length,
    ).toBeGreaterThan(0);
  });

  it('keeps the zone search and its data, the week of days and the 12/24-hour switch out of the first step', () => {
    const first = embed().moduleIds.map(short);
    expect(first).toEqual(expect.arrayContaining(['widget/steps/Who.tsx', 'widget/steps/stepTable.ts', 'widget/zones/ZoneField.tsx']));
    expect(
      first.filter((m) => /@vvo\/tzdb|zones\/(ZoneSearch|zoneIndex|zoneAliases)|slots\/(SlotPicker|WeekStrip|ZonesBar|timeFormat)/.test(m)),
    ).toEqual([]);
    // They are in the bundle, in chunks of their own that load when needed.
    expect(modules).toEqual(
      expect.arrayContaining(['node_modules/@vvo/tzdb/raw-time-zones.json', 'widget/zones/ZoneSearch.tsx', 'widget/slots/WeekStrip.tsx']),
    );
  });
});
