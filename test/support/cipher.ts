/**
 * Stand-ins for Electron's safeStorage: a real AES-256-GCM cipher with a per-instance key (so a
 * token on disk really is unreadable without it), reporting whichever backend a test asks for.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Cipher } from '../../main/core/auth/vault.ts';

export function testCipher(opts: { backend?: string; available?: boolean; key?: Buffer } = {}): Cipher & { key: Buffer; setBackend(b: string): void } {
  let backend = opts.backend ?? 'gnome_libsecret';
  const key = opts.key ?? randomBytes(32);
  return {
    key,
    setBackend: (b) => {
      backend = b;
    },
    isEncryptionAvailable: () => opts.available ?? true,
    backend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
