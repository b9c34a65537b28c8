#!/usr/bin/env node
/**
 * Electron 45 downloads its binary on first use, but electron-vite looks for it without triggering
 * that download ("Electron uninstall"). `npm start` and `npm run dev` run this first: it does
 * nothing when the binary is there, and otherwise runs Electron's own installer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

if (process.env.ELECTRON_EXEC_PATH && existsSync(process.env.ELECTRON_EXEC_PATH)) process.exit(0);

const electronDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error(
    '\nCould not install the Electron binary. It is downloaded once, on the first start, and needs internet access.\n' +
      'Offline, point ELECTRON_EXEC_PATH at an Electron 45 executable, or use `npm run preview` to try the app in a browser.',
  );
  process.exit(1);
}
