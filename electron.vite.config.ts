import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { icuCatalogues } from './scripts/vite-icu-catalogues.ts';
import { inWindowCatalogue } from './preload/contract/i18n/areas.ts';

/** One build for the three processes: main (ESM), preload (CommonJS, so it runs sandboxed), renderer. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // `npm run coverage` maps Chromium's coverage of the bundle back to preload/ through this.
      sourcemap: process.env['BAM_COVERAGE'] === '1' ? 'inline' : false,
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    plugins: [react(), icuCatalogues(inWindowCatalogue)],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      minify: true,
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
