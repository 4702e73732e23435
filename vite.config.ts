// Builds the one file a site loads, dist/embed.js: the loader with the Preact widget inside.
import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    lib: { entry: 'embed/embed.ts', formats: ['iife'], name: 'DuetEmbed', fileName: () => 'embed.js' },
  },
});
