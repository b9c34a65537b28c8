/**
 * Electron main-process entry: kept tiny so that Node's compile cache is on before the rest of the
 * main process (one bundle, dependencies included) is compiled — from the second start on, its code
 * comes from the cache instead of being parsed again (bench figure 9). It starts in ./electron/start.ts
 * (the window first), then ./electron/compose.ts; every decision lives in ./policy and ./core.
 */
import { app } from 'electron';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCacheDir } from './policy/compile-cache.ts';

const cacheDir = compileCacheDir({ userData: app.getPath('userData'), env: process.env });
if (cacheDir) module.enableCompileCache?.(cacheDir);
const here = path.dirname(fileURLToPath(import.meta.url));

void import('./electron/start.ts').then(({ runShell }) =>
  runShell({
    preload: path.join(here, '../preload/index.cjs'),
    renderer: path.join(here, '../renderer'),
    icons: path.join(here, '../../resources/icons'),
  }),
);
