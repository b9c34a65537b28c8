/** main/core/auth/vault.ts: the sign-in, encrypted, bound to its server, and never on disk in the clear without consent. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialVault } from '../../../../main/core/auth/vault.ts';
import { confStore } from '../../../support/conf-store.ts';
import { testCipher } from '../../../support/cipher.ts';
import { useTempDir } from '../../../support/temp-dir.ts';

const dir = useTempDir('bam-store-');

describe('CredentialVault', () => {
  const auth = { accessToken: 'tok_abcdefghijklmnop', expiresAt: null, scope: 'read write', source: 'oauth' as const, server: null };

  it('encrypts with the cipher and reads it back in a new process (same key)', async () => {
    const cipher = testCipher({ backend: 'keychain' });
    await new CredentialVault({ store: confStore(dir(), 'credentials'), cipher, allowPlaintext: () => false }).save('http://x', auth);
    expect(readFileSync(path.join(dir(), 'credentials.json'), 'utf8')).not.toContain(auth.accessToken);
    const again = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher, allowPlaintext: () => false });
    expect((await again.open('http://x'))?.accessToken).toBe(auth.accessToken);
    expect(again.tokenFor('http://x')?.accessToken).toBe(auth.accessToken);
    expect(await again.open('http://other')).toBeNull();
  });

  it('never keeps a copy of an unreadable credentials file, nor one an older version kept aside; clear() deletes any left', async () => {
    const plaintext = { accessToken: 'tok_plaintext_leftover_1234', expiresAt: null, scope: 'read write', source: 'manual' as const, server: null };
    const vault = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher: null, allowPlaintext: () => true });
    await vault.save('http://x', plaintext);
    const record = readFileSync(path.join(dir(), 'credentials.json'), 'utf8');
    // Truncated on disk (a crash mid-write): unreadable, but its token record is still in it.
    writeFileSync(path.join(dir(), 'credentials.json'), record.slice(0, -3));
    // An older version moved such a file aside and kept it.
    writeFileSync(path.join(dir(), 'credentials.corrupt-1700000000000.json'), record);
    const store = confStore(dir(), 'credentials');
    const again = new CredentialVault({ store, cipher: null, allowPlaintext: () => true });
    expect(await again.open('http://x')).toBeNull();
    const files = readdirSync(dir());
    expect(files.filter((f) => f.includes('corrupt'))).toEqual([]);
    for (const f of files) expect(readFileSync(path.join(dir(), f), 'utf8'), f).not.toContain(Buffer.from(plaintext.accessToken).toString('base64'));
    // Corrupted while the app runs: deleted too, and a later clear() leaves nothing behind.
    await again.save('http://x', plaintext);
    writeFileSync(path.join(dir(), 'credentials.json'), '\u0000garbage');
    expect(await new CredentialVault({ store: confStore(dir(), 'credentials'), cipher: null, allowPlaintext: () => true }).open('http://x')).toBeNull();
    writeFileSync(path.join(dir(), 'credentials.corrupt-1700000000001.json'), record);
    again.clear();
    expect(readdirSync(dir()).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('drops a token it cannot decrypt (another key) and says why', async () => {
    await new CredentialVault({ store: confStore(dir(), 'credentials'), cipher: testCipher(), allowPlaintext: () => false }).save('http://x', auth);
    const other = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher: testCipher(), allowPlaintext: () => false });
    expect(await other.open('http://x')).toBeNull();
    expect(other.takeProblem()).toMatch(/could not be decrypted/);
    expect(JSON.parse(readFileSync(path.join(dir(), 'credentials.json'), 'utf8'))).not.toHaveProperty('token');
  });

  it('stores the token again under a rotated key when safeStorage says so', async () => {
    const cipher = testCipher({ backend: 'keychain' });
    await new CredentialVault({ store: confStore(dir(), 'credentials'), cipher, allowPlaintext: () => false }).save('http://x', auth);
    const before = readFileSync(path.join(dir(), 'credentials.json'), 'utf8');
    cipher.rotateKey();
    const again = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher, allowPlaintext: () => false });
    expect((await again.open('http://x'))?.accessToken).toBe(auth.accessToken);
    expect(readFileSync(path.join(dir(), 'credentials.json'), 'utf8')).not.toBe(before);
    // Sealed with the new key now: a vault that only knows the new key reads it.
    const newKeyOnly = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher: testCipher({ backend: 'keychain', key: cipher.key }), allowPlaintext: () => false });
    expect((await newKeyOnly.open('http://x'))?.accessToken).toBe(auth.accessToken);
  });

  it('a sign-out during a slow encryption leaves nothing on disk', async () => {
    const v = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher: testCipher(), allowPlaintext: () => false });
    const saving = v.save('http://x', auth);
    v.clear();
    await saving;
    expect(existsSync(path.join(dir(), 'credentials.json')) ? readFileSync(path.join(dir(), 'credentials.json'), 'utf8') : '').not.toContain('"token"');
    expect(v.tokenFor('http://x')).toBeNull();
  });

  it('with no cipher at all: memory only, consent needed, and a clear reason', async () => {
    const v = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher: null, allowPlaintext: () => false });
    expect(await v.save('http://x', auth)).toMatchObject({ persistent: false, needsConsent: true, reason: expect.stringMatching(/no encrypted storage/) });
    expect(v.tokenFor('http://x')?.accessToken).toBe(auth.accessToken);
    expect(existsSync(path.join(dir(), 'credentials.json')) ? readFileSync(path.join(dir(), 'credentials.json'), 'utf8') : '').not.toContain('tok_');
  });

  it('keeps OAuth client IDs per server', () => {
    const v = new CredentialVault({ store: confStore(dir(), 'credentials'), cipher: testCipher(), allowPlaintext: () => false });
    v.setClientID('http://a', 'cli_a');
    v.setClientID('http://b', 'cli_b');
    v.setClientID('http://a', null);
    expect([v.clientID('http://a'), v.clientID('http://b')]).toEqual([null, 'cli_b']);
  });
});
