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
