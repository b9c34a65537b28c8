/** main/core/storage/settings.ts: settings validated on every read, defaults for bad values. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confStore } from '../../../support/conf-store.ts';
import { SettingsStore } from '../../../../main/core/storage/settings.ts';
import { useTempDir } from '../../../support/temp-dir.ts';

const dir = useTempDir('bam-store-');

describe('SettingsStore', () => {
  it('replaces values of the wrong type with defaults, keeping the valid ones', () => {
    writeFileSync(path.join(dir(), 'settings.json'), JSON.stringify({ closeToTray: 'yes', notifications: false, baseURL: 'not a url', windowBounds: { x: 1 } }));
    const s = new SettingsStore(confStore(dir(), 'settings')).all();
    expect(s).toMatchObject({ closeToTray: true, notifications: false, baseURL: null, windowBounds: null });
  });

  it('notifies listeners of updates', () => {
    const s = new SettingsStore(confStore(dir(), 'settings'));
    const seen: boolean[] = [];
    s.onChange((v) => seen.push(v.startAtLogin));
    s.update({ startAtLogin: true });
    expect(seen).toEqual([true]);
  });
});

describe('SettingsStore, exactly', () => {
  it('the unencrypted-token consent is only ever a real true', () => {
    writeFileSync(path.join(dir(), 'settings.json'), JSON.stringify({ allowPlaintextToken: 'yes' }));
    expect(new SettingsStore(confStore(dir(), 'settings')).get('allowPlaintextToken')).toBe(false);
  });

  it('window bounds: at least 200 by 200, whole numbers, not maximized unless said', () => {
    const s = new SettingsStore(confStore(dir(), 'settings'));
    expect(s.update({ windowBounds: { x: 0, y: 0, width: 200, height: 300, maximized: false } }).windowBounds).toEqual({ x: 0, y: 0, width: 200, height: 300, maximized: false });
    writeFileSync(path.join(dir(), 'settings.json'), JSON.stringify({ windowBounds: { x: 0, y: 0, width: 800, height: 600 } }));
    expect(s.get('windowBounds')).toEqual({ x: 0, y: 0, width: 800, height: 600, maximized: false });
    for (const bad of [{ width: 199, height: 600 }, { width: 800, height: 199 }]) {
      writeFileSync(path.join(dir(), 'settings.json'), JSON.stringify({ windowBounds: { x: 0, y: 0, ...bad } }));
      expect(s.get('windowBounds'), JSON.stringify(bad)).toBeNull();
    }
  });

  it('a listener stops hearing once it unsubscribes', () => {
    const s = new SettingsStore(confStore(dir(), 'settings'));
    const seen: boolean[] = [];
    const off = s.onChange((v) => seen.push(v.notifications));
    s.update({ notifications: false });
    off();
    s.update({ notifications: true });
    expect(seen).toEqual([false]);
  });
});
