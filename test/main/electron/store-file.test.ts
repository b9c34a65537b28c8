/** main/electron/store-file.ts: a store's file, where electron-store (conf underneath) keeps it. */
import { writeFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';
import { confStore } from '../../support/conf-store.ts';
import { useTempDir } from '../../support/temp-dir.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
const { readStoreFile, storeFile } = await import('../../../main/electron/store-file.ts');

const dir = useTempDir('bam-store-file-');
beforeEach(() => {
  fake.resetFakes();
  fake.app.setPath('userData', dir());
});

describe('a store\'s file', () => {
  it('is the one the store writes: read back as it was written', () => {
    confStore(dir(), 'settings').set('startMinimized', true);
    expect(readStoreFile('settings')).toEqual({ startMinimized: true });
    expect(storeFile('settings')).toBe(`${dir()}/settings.json`);
  });

  it('missing, or not JSON: undefined, never an error', () => {
    expect(readStoreFile('settings')).toBeUndefined();
    writeFileSync(storeFile('settings'), '{"startMinimized": tr');
    expect(readStoreFile('settings')).toBeUndefined();
  });
});
