import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { RENDERER_BUILD, rendererPlugins } from './scripts/renderer-build.ts';

/** One build for the three processes: main (ESM), preload (CommonJS, so it runs sandboxed), renderer. */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Dependencies bundled in: starting walks one file, not the hundreds under node_modules
      // (electron-store alone pulls in conf, ajv, atomically…). Electron stays external.
      externalizeDeps: false,
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
    plugins: rendererPlugins(),
    build: {
      ...RENDERER_BUILD,
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
