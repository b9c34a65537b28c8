/**
 * Stand-ins for Electron's asynchronous safeStorage: a real AES-256-GCM cipher with a per-instance
 * key (so a token on disk really is unreadable without it), reporting whichever backend a test
 * asks for, and answering after a turn of the event loop as the OS keyring does.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { setImmediate as turn } from 'node:timers/promises';
import type { Cipher } from '../../main/core/auth/vault.ts';

export function testCipher(
  opts: { backend?: string; available?: boolean; key?: Buffer } = {},
): Cipher & { key: Buffer; setBackend(b: string): void; rotateKey(): void } {
  let backend = opts.backend ?? 'gnome_libsecret';
  let key = opts.key ?? randomBytes(32);
  let oldKeys: Buffer[] = [];
  const open = (k: Buffer, data: Buffer): string => {
    const d = createDecipheriv('aes-256-gcm', k, data.subarray(0, 12));
    d.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
  };
  return {
    get key() {
      return key;
    },
    setBackend: (b) => {
      backend = b;
    },
    /** A new key; data sealed with an old one still opens, with `shouldReEncrypt`. */
    rotateKey: () => {
      oldKeys = [key, ...oldKeys];
      key = randomBytes(32);
    },
    isAsyncEncryptionAvailable: async () => {
      await turn();
      return opts.available ?? true;
    },
    backend: () => backend,
    async encryptStringAsync(plain) {
      await turn();
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    async decryptStringAsync(data) {
      await turn();
      try {
        return { result: open(key, data), shouldReEncrypt: false };
      } catch (e) {
        for (const old of oldKeys) {
          try {
            return { result: open(old, data), shouldReEncrypt: true };
          } catch {
            // try the next
          }
        }
        throw e;
      }
    },
  };
}
