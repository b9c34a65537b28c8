/**
 * How the window's code is built, in one place: the app (electron.vite.config.ts), the browser
 * preview (vite.preview.config.ts) and the bench's pages (bench/support/pages.ts) alike.
 */
import react from '@vitejs/plugin-react';
import type { BuildEnvironmentOptions, PluginOption } from 'vite';
import { inWindowCatalogue, onFirstPaint } from '../preload/contract/i18n/areas.ts';
import { icuCatalogues } from './vite-icu-catalogues.ts';

/** React, and the catalogues parsed at build time: without the messages only main words, English in two parts. */
export const rendererPlugins = (): PluginOption[] => [react(), icuCatalogues({ keep: inWindowCatalogue, firstPaint: onFirstPaint })];

export const RENDERER_BUILD: BuildEnvironmentOptions = {
  minify: true,
  // The window loads its chunks from the app's own bundle (app://): no preload links to fetch
  // ahead, so neither Vite's preload helper nor its polyfill ride in the first paint.
  modulePreload: false,
};
