/** Electron's pieces of storage: safeStorage as the vault's cipher, electron-store behind SafeStore. */
import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { Cipher } from '../core/auth/vault.ts';
import type { Logger } from '../core/log.ts';
import { SafeStore, type StoreBackend } from '../core/storage/store.ts';
import { storeFile } from './store-file.ts';

export const safeStorageCipher: Cipher = {
  isAsyncEncryptionAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
  encryptStringAsync: (plain) => safeStorage.encryptStringAsync(plain),
  decryptStringAsync: (data) => safeStorage.decryptStringAsync(data),
  backend: () => {
    if (process.platform === 'darwin') return 'keychain';
    if (process.platform === 'win32') return 'dpapi';
    // 'basic_text' means no keyring: the vault then asks before storing anything.
    return safeStorage.getSelectedStorageBackend();
  },
};

export function electronStore(name: string, log: Logger): SafeStore {
  return new SafeStore(
    (): StoreBackend => new Store<Record<string, unknown>>({ name, clearInvalidConfig: false, configFileMode: 0o600 }),
    storeFile(name),
    log,
  );
}
