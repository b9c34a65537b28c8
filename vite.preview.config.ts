import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { RENDERER_BUILD, rendererPlugins } from './scripts/renderer-build.ts';

/**
 * The renderer built for a plain browser (the preview and the end-to-end tests). The same React
 * app; in a browser it talks to the core over a WebSocket host instead of Electron IPC.
 */
/**
 * The preview's page runs renderer/src/bridge/preview-boot.ts first, as its own `async` script: it
 * runs as soon as it has loaded, not after the page's own (module scripts otherwise wait for the
 * page's big one to compile), so the socket opens and asks for the first state while the rest of
 * the page's code loads (Electron's preload does the same there).
 */
const bootFirst = (): Plugin => ({
  name: 'bam-preview-boot',
  transformIndexHtml: {
    order: 'post',
    // Before the page's own script, so that it is fetched first; after the page's CSP.
    handler: (html, ctx) => {
      const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
      return boot ? html.replace('<script type="module"', `<script type="module" async crossorigin src="/${boot.fileName}"></script>\n    <script type="module"`) : html;
    },
  },
});

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  plugins: [rendererPlugins(), bootFirst()],
  define: { 'import.meta.env.BAM_TARGET': JSON.stringify('browser') },
  build: {
    ...RENDERER_BUILD,
    // Outside out/: that folder is what electron-builder packs into the app.
    outDir: resolve(import.meta.dirname, 'dist/preview'),
    rolldownOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html'), boot: resolve(import.meta.dirname, 'renderer/src/bridge/preview-boot.ts') } },
    emptyOutDir: true,
  },
});
