/** Settings files that survive corruption, settings validation, vault details, and log redaction. */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialVault } from '../../main/core/auth/vault.ts';
import { fileSink, LOG_LIMITS, Logger, memorySink, REDACTED, rotateLogFile, SecretRegistry } from '../../main/core/log.ts';
import { confStore } from '../../main/core/storage/conf-store.ts';
import { DEFAULT_SETTINGS, SettingsStore } from '../../main/core/storage/settings.ts';
import { testCipher } from '../support/cipher.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bam-store-'));
});
afterEach(() => {
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

describe('SafeStore', () => {
  it('moves a corrupt file aside at start-up and starts from defaults', () => {
    writeFileSync(path.join(dir, 'settings.json'), '{"closeToTray": tru');
    const { sink, entries } = memorySink();
    const store = confStore(dir, 'settings', new Logger({ sinks: [sink] }));
    const settings = new SettingsStore(store);
    expect(settings.all()).toEqual(DEFAULT_SETTINGS);
    expect(store.quarantined).toHaveLength(1);
    expect(readFileSync(store.quarantined[0]!, 'utf8')).toBe('{"closeToTray": tru');
    expect(entries.some((e) => e.level === 'warn' && e.message.includes('moved aside'))).toBe(true);
    settings.update({ closeToTray: false });
    expect(new SettingsStore(confStore(dir, 'settings')).get('closeToTray')).toBe(false);
  });

  it('recovers when the file is corrupted while the app runs', () => {
    const store = confStore(dir, 'settings');
    store.set('notifications', false);
    writeFileSync(path.join(dir, 'settings.json'), '\u0000\u0001garbage');
    expect(store.get('notifications')).toBeUndefined();
    store.set('notifications', true);
    expect(JSON.parse(readFileSync(path.join(dir, 'settings.json'), 'utf8'))).toEqual({ notifications: true });
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('keeps working in memory when the folder cannot be written', () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; simulate an unusable path instead: a file where the folder should be
      const blocked = path.join(dir, 'blocked');
      writeFileSync(blocked, 'not a folder');
      const store = confStore(blocked, 'settings');
      store.set('k', 1);
      expect(store.get('k')).toBe(1);
      expect(store.persistent).toBe(false);
      return;
    }
    chmodSync(dir, 0o500);
    const store = confStore(path.join(dir, 'sub'), 'settings');
    store.set('k', 1);
    expect(store.get('k')).toBe(1);
    expect(store.persistent).toBe(false);
  });

  it('writes the credentials file readable by the user only', () => {
    const store = confStore(dir, 'credentials');
    store.set('x', 1);
    expect(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).toContain('"x"');
    if (process.platform !== 'win32') expect(statSync(path.join(dir, 'credentials.json')).mode & 0o077).toBe(0);
  });
});

describe('SettingsStore', () => {
  it('replaces values of the wrong type with defaults, keeping the valid ones', () => {
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ closeToTray: 'yes', notifications: false, baseURL: 'not a url', windowBounds: { x: 1 } }));
    const s = new SettingsStore(confStore(dir, 'settings')).all();
    expect(s).toMatchObject({ closeToTray: true, notifications: false, baseURL: null, windowBounds: null });
  });

  it('notifies listeners of updates', () => {
    const s = new SettingsStore(confStore(dir, 'settings'));
    const seen: boolean[] = [];
    s.onChange((v) => seen.push(v.startAtLogin));
    s.update({ startAtLogin: true });
    expect(seen).toEqual([true]);
  });
});

describe('CredentialVault', () => {
  const auth = { accessToken: 'tok_abcdefghijklmnop', expiresAt: null, scope: 'read write', source: 'oauth' as const };

  it('encrypts with the cipher and reads it back in a new process (same key)', async () => {
    const cipher = testCipher({ backend: 'keychain' });
    await new CredentialVault({ store: confStore(dir, 'credentials'), cipher, allowPlaintext: () => false }).save('http://x', auth);
    expect(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).not.toContain(auth.accessToken);
    const again = new CredentialVault({ store: confStore(dir, 'credentials'), cipher, allowPlaintext: () => false });
    expect((await again.open('http://x'))?.accessToken).toBe(auth.accessToken);
    expect(again.tokenFor('http://x')?.accessToken).toBe(auth.accessToken);
    expect(await again.open('http://other')).toBeNull();
  });

  it('drops a token it cannot decrypt (another key) and says why', async () => {
    await new CredentialVault({ store: confStore(dir, 'credentials'), cipher: testCipher(), allowPlaintext: () => false }).save('http://x', auth);
    const other = new CredentialVault({ store: confStore(dir, 'credentials'), cipher: testCipher(), allowPlaintext: () => false });
    expect(await other.open('http://x')).toBeNull();
    expect(other.takeProblem()).toMatch(/could not be decrypted/);
    expect(JSON.parse(readFileSync(path.join(dir, 'credentials.json'), 'utf8'))).not.toHaveProperty('token');
  });

  it('stores the token again under a rotated key when safeStorage says so', async () => {
    const cipher = testCipher({ backend: 'keychain' });
    await new CredentialVault({ store: confStore(dir, 'credentials'), cipher, allowPlaintext: () => false }).save('http://x', auth);
    const before = readFileSync(path.join(dir, 'credentials.json'), 'utf8');
    cipher.rotateKey();
    const again = new CredentialVault({ store: confStore(dir, 'credentials'), cipher, allowPlaintext: () => false });
    expect((await again.open('http://x'))?.accessToken).toBe(auth.accessToken);
    expect(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).not.toBe(before);
    // Sealed with the new key now: a vault that only knows the new key reads it.
    const newKeyOnly = new CredentialVault({ store: confStore(dir, 'credentials'), cipher: testCipher({ backend: 'keychain', key: cipher.key }), allowPlaintext: () => false });
    expect((await newKeyOnly.open('http://x'))?.accessToken).toBe(auth.accessToken);
  });

  it('a sign-out during a slow encryption leaves nothing on disk', async () => {
    const v = new CredentialVault({ store: confStore(dir, 'credentials'), cipher: testCipher(), allowPlaintext: () => false });
    const saving = v.save('http://x', auth);
    v.clear();
    await saving;
    expect(existsSync(path.join(dir, 'credentials.json')) ? readFileSync(path.join(dir, 'credentials.json'), 'utf8') : '').not.toContain('"token"');
    expect(v.tokenFor('http://x')).toBeNull();
  });

  it('with no cipher at all: memory only, consent needed, and a clear reason', async () => {
    const v = new CredentialVault({ store: confStore(dir, 'credentials'), cipher: null, allowPlaintext: () => false });
    expect(await v.save('http://x', auth)).toMatchObject({ persistent: false, needsConsent: true, reason: expect.stringMatching(/no encrypted storage/) });
    expect(v.tokenFor('http://x')?.accessToken).toBe(auth.accessToken);
    expect(existsSync(path.join(dir, 'credentials.json')) ? readFileSync(path.join(dir, 'credentials.json'), 'utf8') : '').not.toContain('tok_');
  });

  it('keeps OAuth client IDs per server', () => {
    const v = new CredentialVault({ store: confStore(dir, 'credentials'), cipher: testCipher(), allowPlaintext: () => false });
    v.setClientID('http://a', 'cli_a');
    v.setClientID('http://b', 'cli_b');
    v.setClientID('http://a', null);
    expect([v.clientID('http://a'), v.clientID('http://b')]).toEqual([null, 'cli_b']);
  });
});

describe('log file rotation', () => {
  it('moves a log past its size limit aside, once, and leaves small ones alone', () => {
    const file = path.join(dir, 'main.log');
    writeFileSync(file, 'x'.repeat(100));
    expect(rotateLogFile(file, 1000)).toBe(false);
    writeFileSync(file, 'y'.repeat(2000));
    expect(rotateLogFile(file, 1000)).toBe(true);
    expect(readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('y'.repeat(2000));
    expect(existsSync(file)).toBe(false);
    expect(rotateLogFile(path.join(dir, 'missing.log'))).toBe(false);
  });
});

describe('log redaction', () => {
  it('masks registered secrets, bearer headers, token parameters and sensitive keys', () => {
    const { sink, entries } = memorySink();
    const log = new Logger({ sinks: [sink], level: 'debug' });
    log.secrets.add('s3cr3t-token-value');
    log.info('calling with s3cr3t-token-value', {
      headers: { Authorization: 'Bearer abc.def.ghi' },
      url: 'http://x/cb?code=AUTHCODE123&state=ok',
      nested: { deep: ['s3cr3t-token-value'], password: 'hunter22', fields: { 'fi.mau.telegram.login.code': '12345' } },
      note: 'Authorization: Bearer qwertyuiop',
    });
    const text = JSON.stringify(entries);
    for (const s of ['s3cr3t-token-value', 'abc.def.ghi', 'AUTHCODE123', 'hunter22', 'qwertyuiop', '12345']) expect(text).not.toContain(s);
    expect(text).toContain(REDACTED);
    expect(text).toContain('state=ok');
  });

  it('drops lines below the level, survives a throwing sink, and redacts Error messages', () => {
    const { sink, entries } = memorySink();
    const log = new Logger({ sinks: [() => { throw new Error('sink down'); }, sink], level: 'warn' });
    log.info('ignored');
    log.error('failed', { error: new Error('token=abcdef123 rejected') });
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0])).not.toContain('abcdef123');
  });

  it('ignores too-short secrets so ordinary words survive', () => {
    const r = new SecretRegistry();
    r.add('abc');
    expect(r.redactText('abc def')).toBe('abc def');
  });

  it('a child logger shares secrets and sinks', () => {
    const { sink, entries } = memorySink();
    const root = new Logger({ sinks: [sink] });
    const child = root.child('auth');
    root.secrets.add('shared-secret-123');
    child.info('x shared-secret-123');
    expect(entries[0]).toMatchObject({ scope: 'app:auth', message: `x ${REDACTED}` });
  });
});

describe('log bounds', () => {
  it('the file sink rotates while the app runs, not only at start-up', () => {
    const file = path.join(dir, 'main.log');
    const sink = fileSink(file, 2_000);
    const log = new Logger({ sinks: [sink] });
    for (let i = 0; i < 40; i++) log.info('a line of about a hundred characters', { i, padding: 'p'.repeat(40) });
    expect(statSync(file).size).toBeLessThanOrEqual(2_000);
    expect(existsSync(path.join(dir, 'main.1.log'))).toBe(true);
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeGreaterThan(0);
  });

  it('cuts long strings, many keys and long lists in what one entry carries', () => {
    const { sink, entries } = memorySink();
    const log = new Logger({ sinks: [sink] });
    log.warn('m'.repeat(10_000), { long: 'x'.repeat(100_000), many: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])), list: Array.from({ length: 500 }, (_, i) => i) });
    expect(JSON.stringify(entries[0]).length).toBeLessThan(LOG_LIMITS.string * 3 + 3_000);
  });
});
