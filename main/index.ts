/**
 * Electron main-process entry. Everything it does is composed in ./electron/compose.ts; every decision
 * it makes lives in ./policy (the shell's decisions) and ./core (the account manager), both plain Node.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runShell } from './electron/compose.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

runShell({
  preload: path.join(here, '../preload/index.cjs'),
  renderer: path.join(here, '../renderer'),
  icons: path.join(here, '../../resources/icons'),
});
