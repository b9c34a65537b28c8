/** main/electron/login-item.ts, against a fake `electron` module. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
// electron-store is an external package: it would load the real `electron`.
vi.mock('electron-store', () => ({ default: class {} }));

const { Logger } = await import('../../../main/core/log.ts');
const { SettingsStore } = await import('../../../main/core/storage/settings.ts');
const { SafeStore } = await import('../../../main/core/storage/store.ts');

const memorySettings = (): InstanceType<typeof SettingsStore> => {
  const m = new Map<string, unknown>();
  return new SettingsStore(new SafeStore(() => ({ get: (k) => m.get(k), set: (k, v) => void m.set(k, v), delete: (k) => void m.delete(k), path: '/mem' }), '/mem'));
};

beforeEach(() => fake.resetFakes());

describe('login item', () => {
  it('is applied at start and when start-at-login changes, not when the window moves', async () => {
    const { setupLoginItem } = await import('../../../main/electron/login-item.ts');
    const applied = vi.spyOn(fake.app, 'setLoginItemSettings');
    const settings = memorySettings();
    setupLoginItem('system', settings, new Logger());
    for (let x = 0; x < 3; x++) settings.update({ windowBounds: { x, y: 0, width: 900, height: 700, maximized: false } });
    settings.update({ startAtLogin: true });
    settings.update({ startAtLogin: true });
    expect(applied.mock.calls).toEqual([[{ openAtLogin: false, args: ['--hidden'] }], [{ openAtLogin: true, args: ['--hidden'] }]]);
  });
});
