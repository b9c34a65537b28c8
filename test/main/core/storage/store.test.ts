/** main/core/storage/store.ts: files that survive corruption and are kept private. */
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Logger, memorySink } from '../../../../main/core/log.ts';
import { confStore } from '../../../support/conf-store.ts';
import { DEFAULT_SETTINGS, SettingsStore } from '../../../../main/core/storage/settings.ts';
import { useTempDir } from '../../../support/temp-dir.ts';

const dir = useTempDir('bam-store-');

describe('SafeStore', () => {
  it('moves a corrupt file aside at start-up and starts from defaults', () => {
    writeFileSync(path.join(dir(), 'settings.json'), '{"closeToTray": tru');
    const { sink, entries } = memorySink();
    const store = confStore(dir(), 'settings', new Logger({ sinks: [sink] }));
    const settings = new SettingsStore(store);
    expect(settings.all()).toEqual(DEFAULT_SETTINGS);
    expect(store.quarantined).toHaveLength(1);
    expect(readFileSync(store.quarantined[0]!, 'utf8')).toBe('{"closeToTray": tru');
    expect(entries.some((e) => e.level === 'warn' && e.message.includes('moved aside'))).toBe(true);
    settings.update({ closeToTray: false });
    expect(new SettingsStore(confStore(dir(), 'settings')).get('closeToTray')).toBe(false);
  });

  it('recovers when the file is corrupted while the app runs', () => {
    const store = confStore(dir(), 'settings');
    store.set('notifications', false);
    writeFileSync(path.join(dir(), 'settings.json'), '\u0000\u0001garbage');
    expect(store.get('notifications')).toBeUndefined();
    store.set('notifications', true);
    expect(JSON.parse(readFileSync(path.join(dir(), 'settings.json'), 'utf8'))).toEqual({ notifications: true });
    expect(readdirSync(dir()).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('keeps working in memory when the folder cannot be written', () => {
    if (process.getuid?.() === 0) {
      // root ignores permissions; simulate an unusable path instead: a file where the folder should be
      const blocked = path.join(dir(), 'blocked');
      writeFileSync(blocked, 'not a folder');
      const store = confStore(blocked, 'settings');
      store.set('k', 1);
      expect(store.get('k')).toBe(1);
      expect(store.persistent).toBe(false);
      return;
    }
    chmodSync(dir(), 0o500);
    const store = confStore(path.join(dir(), 'sub'), 'settings');
    store.set('k', 1);
    expect(store.get('k')).toBe(1);
    expect(store.persistent).toBe(false);
  });

  it('writes the credentials file readable by the user only', () => {
    const store = confStore(dir(), 'credentials');
    store.set('x', 1);
    expect(readFileSync(path.join(dir(), 'credentials.json'), 'utf8')).toContain('"x"');
    if (process.platform !== 'win32') expect(statSync(path.join(dir(), 'credentials.json')).mode & 0o077).toBe(0);
  });
});
