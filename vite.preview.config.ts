import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { icuCatalogues } from './scripts/vite-icu-catalogues.ts';
import { inWindowCatalogue } from './preload/contract/i18n/areas.ts';

/**
 * The renderer built for a plain browser (the preview and the end-to-end tests). The same React
 * app; in a browser it talks to the core over a WebSocket host instead of Electron IPC.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  plugins: [react(), icuCatalogues(inWindowCatalogue)],
  define: { 'import.meta.env.BAM_TARGET': JSON.stringify('browser') },
  build: {
    // Outside out/: that folder is what electron-builder packs into the app.
    outDir: resolve(import.meta.dirname, 'dist/preview'),
    emptyOutDir: true,
  },
});
