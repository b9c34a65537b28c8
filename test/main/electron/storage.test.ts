/** main/electron/storage.ts: Electron's safeStorage as the vault's cipher. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));

const { safeStorageCipher } = await import('../../../main/electron/storage.ts');

beforeEach(() => fake.resetFakes());

describe('safeStorage cipher', () => {
  it('encrypts through the asynchronous safeStorage API and reports the backend the vault records', async () => {
    expect(safeStorageCipher.backend()).toBe(process.platform === 'linux' ? 'gnome_libsecret' : process.platform === 'darwin' ? 'keychain' : 'dpapi');
    expect(await safeStorageCipher.isAsyncEncryptionAvailable()).toBe(true);
    const sealed = await safeStorageCipher.encryptStringAsync('abc');
    expect(await safeStorageCipher.decryptStringAsync(sealed)).toEqual({ result: 'abc', shouldReEncrypt: false });
  });
});
