/** scripts/test-all.mjs, behind `npm test`. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('test-all (npm test)', () => {
  it('refuses to run on a Node older than the toolchain needs, still printing a summary line', () => {
    const r = spawnSync(process.execPath, ['--eval', `Object.defineProperty(process.versions, 'node', { value: '20.19.0' }); await import(${JSON.stringify(path.join(root, 'scripts/test-all.mjs'))});`, '--input-type=module'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('0 passed, 1 failed, 0 skipped');
    expect(r.stderr).toMatch(/needs Node >= 22\.18/);
  });
});
