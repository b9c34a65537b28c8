/** A fresh private folder for each test of a file, removed afterwards (even when a test made it read-only). */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

export function useTempDir(prefix: string): () => string {
  let dir: string | null = null;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => {
    if (!dir) return;
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
    dir = null;
  });
  return () => {
    if (!dir) throw new Error('useTempDir: the folder exists only while a test runs');
    return dir;
  };
}
