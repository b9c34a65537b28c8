/** Builds the renderer for the browser before the e2e tests, unless `npm test` just did. */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function globalSetup(): void {
  if (process.env['BAM_PREVIEW_BUILT'] === '1') return;
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(path.join(root, 'node_modules/.bin/vite'), ['build', '--config', 'vite.preview.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
