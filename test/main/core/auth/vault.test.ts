/** main/core/auth/vault.ts: the sign-in, encrypted, bound to its server, and never on disk in the clear without consent. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CredentialVault, type Cipher } from '../../../../main/core/auth/vault.ts';
import { Logger, memorySink } from '../../../../main/core/log.ts';
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

  const vaultWith = (cipher: Cipher | null, allow = false, log?: Logger) => new CredentialVault({ store: confStore(dir(), 'credentials'), cipher, allowPlaintext: () => allow, ...(log ? { log } : {}) });
  const onDisk = (): Record<string, unknown> => JSON.parse(readFileSync(path.join(dir(), 'credentials.json'), 'utf8')) as Record<string, unknown>;

  it('its storage status, exactly, in each case', async () => {
    const keychain = vaultWith(testCipher({ backend: 'keychain' }));
    await keychain.ready();
    expect(keychain.status()).toEqual({ persistent: true, backend: 'keychain', needsConsent: false });
    const basic = vaultWith(testCipher({ backend: 'basic_text' }));
    await basic.ready();
    expect(basic.status()).toEqual({ persistent: false, backend: 'memory', needsConsent: true, reason: 'No keyring (such as GNOME Keyring or KWallet) is available, so the sign-in could only be stored unencrypted. It is kept only until you quit.' });
    const allowed = vaultWith(testCipher({ backend: 'basic_text' }), true);
    await allowed.ready();
    expect(allowed.status()).toEqual({ persistent: true, backend: 'plaintext', needsConsent: false, reason: 'No keyring (such as GNOME Keyring or KWallet) is available, so the sign-in could only be stored unencrypted.' });
    const unavailable = vaultWith(testCipher({ backend: 'gnome_libsecret', available: false }));
    expect(await unavailable.ready()).toBe(false);
    expect(unavailable.status()).toMatchObject({ backend: 'memory', reason: expect.stringMatching(/^Encrypted storage is not available on this system/) });
  });

  it('a keyring that fails when asked counts as none, and says so in the log', async () => {
    const { sink, entries } = memorySink();
    const throwing = { ...testCipher(), isAsyncEncryptionAvailable: () => Promise.reject(new Error('dbus down')), backend: () => { throw new Error('no backend'); } };
    const v = vaultWith(throwing, false, new Logger({ sinks: [sink] }));
    expect(await v.ready()).toBe(false);
    expect(await v.ready()).toBe(false); // asked once
    expect(v.status()).toMatchObject({ persistent: false, backend: 'memory', needsConsent: true });
    expect(entries.map((e) => e.message)).toEqual(['could not ask whether encrypted storage is available']);
    const backendThrows = vaultWith({ ...testCipher(), backend: () => { throw new Error('x'); } });
    await backendThrows.ready();
    expect(backendThrows.status()).toMatchObject({ backend: 'memory', reason: expect.stringMatching(/^Encrypted storage is not available/) });
  });

  it('a sign-in stored unencrypted: read while allowed (and encrypted as soon as a keyring exists); refused, and removed, once not', async () => {
    await vaultWith(null, true).save('http://x', auth);
    expect(onDisk()['token']).toMatchObject({ backend: 'plaintext', data: Buffer.from(auth.accessToken).toString('base64') });
    const stillAllowed = vaultWith(null, true);
    expect((await stillAllowed.open('http://x'))?.accessToken).toBe(auth.accessToken);
    const nowWithKeyring = vaultWith(testCipher({ backend: 'kwallet5' }), true);
    expect((await nowWithKeyring.open('http://x'))?.accessToken).toBe(auth.accessToken);
    expect(onDisk()['token']).toMatchObject({ backend: 'kwallet5' });
    await vaultWith(null, true).save('http://x', auth);
    const notAllowed = vaultWith(null, false);
    expect(await notAllowed.open('http://x')).toBeNull();
    expect(notAllowed.takeProblem()).toBe('The saved sign-in was stored unencrypted, which is no longer allowed. Connect again.');
    expect(notAllowed.takeProblem()).toBeUndefined(); // said once
    expect(onDisk()).not.toHaveProperty('token');
  });

  it('a sign-in encrypted by another keyring: refused with its name, and logged', async () => {
    await vaultWith(testCipher({ backend: 'gnome_libsecret' })).save('http://x', auth);
    const { sink, entries } = memorySink();
    const other = vaultWith(testCipher({ backend: 'kwallet5' }), false, new Logger({ sinks: [sink] }));
    expect(await other.open('http://x')).toBeNull();
    expect(other.takeProblem()).toBe('The saved sign-in was encrypted with gnome_libsecret, which is not available now. Connect again.');
    expect(entries[0]).toMatchObject({ message: 'stored sign-in was written by another storage backend', data: { wrote: 'gnome_libsecret', now: 'kwallet5' } });
  });

  it('a malformed record is dropped and logged; a record for another server is left alone', async () => {
    const { sink, entries } = memorySink();
    const v = vaultWith(testCipher(), false, new Logger({ sinks: [sink] }));
    v['store'].set('token', { version: 2 });
    expect(await v.open('http://x')).toBeNull();
    expect(onDisk()).not.toHaveProperty('token');
    expect(entries.map((e) => e.message)).toEqual(['stored sign-in record is malformed; ignoring it']);
    const cipher = testCipher();
    await vaultWith(cipher).save('http://a', auth);
    expect(await vaultWith(cipher).open('http://b')).toBeNull();
    expect(onDisk()).toHaveProperty('token');
  });

  it('noteServer updates the identity in this run and on disk, only for its own server', async () => {
    const cipher = testCipher();
    const v = vaultWith(cipher);
    await v.save('http://x', { ...auth, server: { name: 'Beeper', bundleID: null, version: '1' } });
    v.noteServer('http://other', { name: 'X', bundleID: null, version: '9' });
    expect(v.tokenFor('http://x')?.server?.version).toBe('1');
    v.noteServer('http://x', { name: 'Beeper', bundleID: 'b', version: '2' });
    expect(v.tokenFor('http://x')?.server).toEqual({ name: 'Beeper', bundleID: 'b', version: '2' });
    expect(onDisk()['token']).toMatchObject({ server: { name: 'Beeper', bundleID: 'b', version: '2' } });
    expect((await vaultWith(cipher).open('http://x'))?.server).toEqual({ name: 'Beeper', bundleID: 'b', version: '2' });
  });

  it('every backend that does not protect the token counts as none', async () => {
    for (const backend of ['basic_text', 'unknown', 'none']) {
      const v = vaultWith(testCipher({ backend }));
      await v.ready();
      expect(v.status(), backend).toMatchObject({ persistent: false, backend: 'memory', needsConsent: true });
    }
  });

  it('before the keyring has answered, nothing is promised', () => {
    expect(vaultWith(testCipher({ backend: 'keychain' })).status()).toMatchObject({ persistent: false, backend: 'memory' });
  });

  it('a keyring that fails when asked, without a log, is none all the same; the failure is logged with its error', async () => {
    const throwing = { ...testCipher(), isAsyncEncryptionAvailable: () => Promise.reject(new Error('dbus down')) };
    expect(await vaultWith(throwing).ready()).toBe(false);
    const { sink, entries } = memorySink();
    await vaultWith(throwing, false, new Logger({ sinks: [sink] })).ready();
    expect(entries[0]?.data).toEqual({ error: { name: 'Error', message: 'dbus down' } });
  });

  it('a pasted (manual) sign-in round-trips; the token is only ever for its own server', async () => {
    const cipher = testCipher();
    const v = vaultWith(cipher);
    await v.save('http://x', { ...auth, source: 'manual' });
    expect(v.tokenFor('http://other')).toBeNull();
    expect((await vaultWith(cipher).open('http://x'))?.source).toBe('manual');
  });

  it('this run’s sign-in is answered from memory, even if the file changed under it', async () => {
    const v = vaultWith(testCipher());
    await v.save('http://x', auth);
    v['store'].delete('token');
    expect((await v.open('http://x'))?.accessToken).toBe(auth.accessToken);
  });

  it('no saved sign-in: nothing logged, nothing deleted', async () => {
    const { sink, entries } = memorySink();
    expect(await vaultWith(testCipher(), false, new Logger({ sinks: [sink] })).open('http://x')).toBeNull();
    expect(entries).toEqual([]);
    const unlogged = vaultWith(testCipher());
    unlogged['store'].set('token', { version: 2 });
    expect(await unlogged.open('http://x')).toBeNull(); // malformed, without a log: still dropped
    expect(onDisk()).not.toHaveProperty('token');
  });

  it('a save or sign-out while a saved sign-in is being decrypted wins over it', async () => {
    const cipher = testCipher();
    await vaultWith(cipher).save('http://x', auth);
    const v = vaultWith(cipher);
    const opening = v.open('http://x');
    await v.save('http://x', { ...auth, accessToken: 'tok_newer_abcdefghij' });
    expect((await opening)?.accessToken).toBe('tok_newer_abcdefghij');
    const w = vaultWith(cipher);
    const opening2 = w.open('http://x');
    w.clear();
    expect(await opening2).toBeNull();
    // Nothing on disk yet, and a save while the keyring is asked: the save is the answer.
    w.clear();
    const fresh = vaultWith(cipher);
    const opening3 = fresh.open('http://x');
    await fresh.save('http://x', auth);
    expect((await opening3)?.accessToken).toBe(auth.accessToken);
  });

  it('a saved sign-in is written again only when its key rotated or a keyring appeared', async () => {
    const cipher = testCipher();
    await vaultWith(cipher).save('http://x', auth);
    const savedAt = (onDisk()['token'] as { savedAt: number }).savedAt;
    await new Promise((r) => setTimeout(r, 5));
    await vaultWith(cipher).open('http://x');
    expect((onDisk()['token'] as { savedAt: number }).savedAt).toBe(savedAt);
    await vaultWith(null, true).save('http://y', auth);
    const plainAt = (onDisk()['token'] as { savedAt: number }).savedAt;
    await new Promise((r) => setTimeout(r, 5));
    expect((await vaultWith(null, true).open('http://y'))?.accessToken).toBe(auth.accessToken);
    expect(onDisk()['token']).toMatchObject({ backend: 'plaintext', savedAt: plainAt });
  });

  it('another keyring, or a key that cannot decrypt: refused without a log too; a decryption failure is logged', async () => {
    await vaultWith(testCipher({ backend: 'gnome_libsecret' })).save('http://x', auth);
    expect(await vaultWith(testCipher({ backend: 'kwallet5' })).open('http://x')).toBeNull();
    await vaultWith(testCipher()).save('http://x', auth);
    const { sink, entries } = memorySink();
    expect(await vaultWith(testCipher(), false, new Logger({ sinks: [sink] })).open('http://x')).toBeNull();
    expect(entries.map((e) => e.message)).toEqual(['stored sign-in could not be decrypted']);
    expect(entries[0]?.data).toMatchObject({ error: { name: expect.any(String) } });
  });

  it('never writes the token in the clear without consent, and removes one written before consent was withdrawn', async () => {
    await vaultWith(null, false).save('http://x', auth);
    expect(existsSync(path.join(dir(), 'credentials.json')) ? onDisk() : {}).not.toHaveProperty('token');
    await vaultWith(null, true).save('http://x', auth);
    expect(onDisk()).toHaveProperty('token');
    await vaultWith(null, false).save('http://x', auth);
    expect(onDisk()).not.toHaveProperty('token');
  });

  it('a sign-out right after a save, before anything was written, leaves nothing on disk and no error', async () => {
    const v = vaultWith(testCipher());
    const saving = v.save('http://x', auth);
    v.clear();
    await expect(saving).resolves.toMatchObject({ persistent: true });
    expect(existsSync(path.join(dir(), 'credentials.json')) ? onDisk() : {}).not.toHaveProperty('token');
  });

  it('a sign-out while the token is being encrypted leaves nothing on disk', async () => {
    const cipher = testCipher();
    const v = vaultWith(cipher);
    await v.ready();
    const encrypt = cipher.encryptStringAsync.bind(cipher);
    cipher.encryptStringAsync = async (plain) => {
      const sealed = await encrypt(plain);
      v.clear();
      return sealed;
    };
    await v.save('http://x', auth);
    expect(existsSync(path.join(dir(), 'credentials.json')) ? onDisk() : {}).not.toHaveProperty('token');
  });

  it('signing out removes the saved sign-in from disk', async () => {
    const v = vaultWith(testCipher());
    await v.save('http://x', auth);
    expect(onDisk()).toHaveProperty('token');
    v.clear();
    expect(onDisk()).not.toHaveProperty('token');
    expect(v.tokenFor('http://x')).toBeNull();
  });

  it('noteServer with nothing loaded, or a record on disk for another server, writes nothing', async () => {
    const v = vaultWith(null, false);
    expect(() => v.noteServer('http://x', { name: 'B', bundleID: null, version: '2' })).not.toThrow();
    await v.save('http://x', auth); // kept in memory only
    v.noteServer('http://x', { name: 'B', bundleID: null, version: '2' });
    expect(existsSync(path.join(dir(), 'credentials.json')) ? onDisk() : {}).not.toHaveProperty('token');
    await vaultWith(null, true).save('http://y', auth);
    const before = onDisk()['token'];
    v.noteServer('http://x', { name: 'B', bundleID: null, version: '3' });
    expect(onDisk()['token']).toEqual(before);
  });
});
