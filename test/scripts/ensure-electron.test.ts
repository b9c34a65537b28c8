/** scripts/ensure-electron.mjs, run before `npm start` and `npm run dev`. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('ensure-electron (run before npm start / npm run dev)', () => {
  it('does nothing when an Electron executable is already given', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-electron.mjs')], { env: { ...process.env, ELECTRON_EXEC_PATH: process.execPath }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
