/**
 * Tests mirror the source (docs/architecture.md): a newcomer finds `main/x/y.ts`'s tests in
 * `test/main/x/y.test.ts`. At least 90% of the modules in main/, preload/ and renderer/ have one;
 * the rest are entry points and thin wiring that the tests of their callers cover.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const sources = ['main', 'preload', 'renderer/src'].flatMap((dir) =>
  readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/')),
);
const mirrored = (file: string): boolean => ['.test.ts', '.test.tsx'].some((ext) => existsSync(path.join(root, 'test', file.replace(/\.tsx?$/, ext))));

describe('tests mirror the source', () => {
  it('at least 90% of modules have a test of the same name', () => {
    const missing = sources.filter((f) => !mirrored(f));
    expect(sources.length).toBeGreaterThan(50);
    expect((sources.length - missing.length) / sources.length, `without a mirrored test: ${missing.join(', ')}`).toBeGreaterThanOrEqual(0.9);
  });
});
