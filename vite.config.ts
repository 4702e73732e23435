// Builds what a site loads: dist/embed.js, one classic script holding the loader and the widget's first step (short
// cache), and the rest of the widget as content-hashed ES module chunks in dist/chunks/ (cached for a year), each
// file with .br and .gz copies beside it.
//
// Where the split falls: everything embed/embed.ts reaches through static imports is in embed.js, whatever step the
// widget shows first (the step table imports that one statically); everything reached only through a dynamic
// import() is a chunk. Today the split points are widget/lazyMount.tsx's import('./later.ts') (the later steps and
// valibot's checks, fetched when the page is idle after the first render) and widget/render.tsx's
// import('./manageEntry.ts') (the /manage page only); any further import() in the widget adds one more. A module
// both sides use goes whole into embed.js, so keep what only later steps need out of the modules the first step
// imports. The chunks share Preact, signals and the store with embed.js through embed/classicEmbed.ts (one copy per
// page), and embed/splitStyles.ts moves the style rules the first step cannot match into widget/laterStyles.ts.
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { classicEmbed } from './embed/classicEmbed.ts';
import { pageScripts } from './embed/pageScripts.ts';
import { splitStylesPlugin } from './embed/splitStyles.ts';

/** Precompresses every script and stylesheet (brotli and gzip), for server/http/staticFiles.ts to send as they are. */
function precompress(): Plugin {
  return {
    name: 'duet-precompress',
    generateBundle(_, bundle) {
      if (!bundle['embed.js']) throw new Error('duet: the build must produce embed.js');
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css)$/.test(file.fileName)) continue;
        const source = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gzipSync(source, { level: 9 }) });
        this.emitFile({
          type: 'asset',
          fileName: `${file.fileName}.br`,
          source: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        });
      }
    },
  };
}

/** How long a chunk outlives the build that made it last: longer than a stale embed.js is used (server/http/). */
const KEEP_CHUNKS_MS = 7 * 86_400_000;

/** Keeps the chunks of recent builds beside the new ones: a browser still using last release's embed.js finds its chunks. */
function keepRecentChunks(): Plugin {
  return {
    name: 'duet-keep-recent-chunks',
    writeBundle(options, bundle) {
      const dir = join(options.dir ?? 'dist', 'chunks');
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const path = join(dir, name);
        if (!bundle[`chunks/${name}`] && Date.now() - statSync(path).mtimeMs > KEEP_CHUNKS_MS) unlinkSync(path);
      }
    },
  };
}

export default defineConfig({
  // development: false even when NODE_ENV=test (the bundle test builds under vitest): no __source/__self in embed.js.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  plugins: [splitStylesPlugin('embed.js'), classicEmbed('embed.js'), pageScripts(), precompress(), keepRecentChunks()],
  build: {
    outDir: 'dist',
    emptyOutDir: false, // see keepRecentChunks
    target: 'es2020',
    // The stylesheet is only ever applied by browsers whose shadow roots adopt constructable stylesheets and that read
    // :is() and system-ui (Chrome and Edge 88, Firefox 101, Safari 16.4): no fallbacks for older ones in the bytes.
    cssTarget: ['chrome88', 'edge88', 'firefox101', 'safari16.4'],
    minify: true,
    lib: { entry: { embed: 'embed/embed.ts' }, formats: ['es'] },
    rollupOptions: {
      // Lets the bundler put what the first step shares with the later chunks into embed.js (extra exports for them).
      preserveEntrySignatures: 'allow-extension',
      output: {
        entryFileNames: 'embed.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        // Keeps license comments only: the JSX transform's /* @__PURE__ */ marks have done their work by then.
        comments: { legal: true, annotation: false, jsdoc: false },
      },
    },
  },
});
