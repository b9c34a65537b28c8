import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { RENDERER_BUILD, rendererPlugins } from './scripts/renderer-build.ts';

/**
 * The renderer built for a plain browser (the preview and the end-to-end tests). The same React
 * app; in a browser it talks to the core over a WebSocket host instead of Electron IPC.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  plugins: rendererPlugins(),
  define: { 'import.meta.env.BAM_TARGET': JSON.stringify('browser') },
  build: {
    ...RENDERER_BUILD,
    // Outside out/: that folder is what electron-builder packs into the app.
    outDir: resolve(import.meta.dirname, 'dist/preview'),
    emptyOutDir: true,
  },
});
