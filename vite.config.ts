// Builds what a site loads: dist/embed.js (the small classic-script loader, short cache) and the widget as
// content-hashed ES module chunks in dist/chunks/ (cached for a year), each with .br and .gz copies beside it.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import { pageScripts } from './embed/pageScripts.ts';

const PLACEHOLDER = '__DUET_WIDGET_CHUNKS__';

/** Points the loader at the widget's hashed entry chunk, checks the loader stays a classic script, precompresses. */
function embedOutput(): Plugin {
  return {
    name: 'duet-embed-output',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((f) => f.type === 'chunk');
      const loader = chunks.find((c) => c.fileName === 'embed.js');
      const widget = chunks.find((c) => c.isEntry && c.name === 'widget');
      if (!loader || !widget) throw new Error('duet: the build must produce embed.js and the widget entry chunk');
      if (!loader.code.includes(PLACEHOLDER)) throw new Error(`duet: ${PLACEHOLDER} is missing from embed.js`);
      // The entry first, then every chunk it imports statically: the loader asks for all of them at once (no waterfall).
      const files = [widget.fileName];
      for (let i = 0; i < files.length; i++) {
        const chunk = chunks.find((c) => c.fileName === files[i]);
        for (const dep of chunk?.imports ?? []) if (!files.includes(dep)) files.push(dep);
      }
      loader.code = loader.code.replaceAll(PLACEHOLDER, JSON.stringify(files));
      // embed.js is pasted as `<script src async>`, not type=module: one static import or export and it would not run.
      if (/(^|[;}\n])\s*(import\s*[{*\w"']|export\s)|import\.meta/.test(loader.code) || loader.imports.length) {
        throw new Error('duet: embed.js must be a classic script with no static imports, exports or import.meta');
      }
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css)$/.test(file.fileName)) continue;
        const source = Buffer.from(file.type === 'chunk' ? file.code : file.source);
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gzipSync(source, { level: 9 }) });
        this.emitFile({
          type: 'asset', fileName: `${file.fileName}.br`,
          source: brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        });
      }
    },
  };
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [embedOutput(), pageScripts()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    minify: true,
    lib: { entry: { embed: 'embed/embed.ts', widget: 'widget/lazyMount.tsx' }, formats: ['es'] },
    rollupOptions: {
      output: {
        entryFileNames: (chunk) => (chunk.name === 'embed' ? 'embed.js' : 'chunks/[name]-[hash].js'),
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
        // The first step is the entry chunk plus one shared chunk: Preact, signals, the store and the other modules
        // the first step shares with the later steps and the manage page, whatever pair of them shares a module.
        // later.ts and validate.ts (valibot) stay out, they load after the first step; so does the entry's own code.
        codeSplitting: {
          groups: [{
            name: 'shared',
            test: /node_modules[\\/](preact|@preact)[\\/]|[\\/]widget[\\/](?!later\.|validate\.|lazyMount\.|render\.|App\.)[^\\/]+\.tsx?$|[\\/]core[\\/]texts\.ts$/,
          }],
        },
      },
    },
  },
});
