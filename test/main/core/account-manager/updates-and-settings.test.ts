/** The shell's updater and settings as the core exposes them over IPC. */
import { describe, expect, it } from 'vitest';
import type { UpdaterView } from '../../../../preload/contract/views.ts';
import type { UpdaterState } from '../../../../main/core/updates.ts';
import { call, useCore } from '../../../support/core.ts';

const fx = useCore({ deps: { appVersion: '0.9.0' } });

function fakeSource(initial: UpdaterState) {
  let state = initial;
  const listeners = new Set<(s: UpdaterState) => void>();
  const calls: string[] = [];
  return {
    calls,
    set(s: UpdaterState) {
      state = s;
      for (const l of listeners) l(s);
    },
    source: {
      current: () => state,
      onChange: (l: (s: UpdaterState) => void) => (listeners.add(l), () => listeners.delete(l)),
      check: () => (calls.push('check'), Promise.resolve()),
      restartToUpdate: () => (calls.push('restart'), state.status === 'ready'),
    },
  };
}

describe('updates over IPC', () => {
  it('without an updater (the browser preview), says updates are unsupported', async () => {
    expect((await call<{ updater: UpdaterView }>(fx.t, 'app.getState')).updater).toMatchObject({ status: 'unsupported', currentVersion: '0.9.0', summary: 'This build does not update itself.' });
    await expect(call(fx.t, 'updates.check')).rejects.toMatchObject({ kind: 'unsupported' });
  });

  it('shows the shell updater\'s state, pushes its changes, and checks or restarts on request', async () => {
    const fake = fakeSource({ status: 'up-to-date', checkedAt: '2026-11-28T06:00:00.000Z' });
    fx.t.core.setUpdater(fake.source);
    expect((await call<{ updater: UpdaterView }>(fx.t, 'app.getState')).updater).toEqual({
      status: 'up-to-date',
      currentVersion: '0.9.0',
      version: null,
      percent: null,
      summary: 'You have the latest version.',
      downloadURL: null,
      checkedAt: '2026-11-28T06:00:00.000Z',
    });
    await call(fx.t, 'updates.check');
    await expect(call(fx.t, 'updates.restart')).rejects.toMatchObject({ kind: 'invalid_request' });
    fake.set({ status: 'downloading', version: '1.0.0', percent: 40 });
    fake.set({ status: 'ready', version: '1.0.0' });
    const pushed = fx.t.events.filter((e) => e.event === 'state.updater').map((e) => (e.payload as UpdaterView).status);
    expect(pushed.slice(-2)).toEqual(['downloading', 'ready']);
    expect(await call<UpdaterView>(fx.t, 'updates.restart')).toMatchObject({ status: 'ready', version: '1.0.0' });
    expect(fake.calls).toEqual(['check', 'restart', 'restart']);
  });

  it('reports why an install cannot update itself, with the download page', async () => {
    const fake = fakeSource({ status: 'unsupported', reason: 'Installed as a deb package: get new versions from your package manager or the download page.', downloadURL: 'https://example.com/dl' });
    fx.t.core.setUpdater(fake.source);
    expect((await call<{ updater: UpdaterView }>(fx.t, 'app.getState')).updater).toMatchObject({ status: 'unsupported', summary: expect.stringContaining('package manager'), downloadURL: 'https://example.com/dl' });
  });
});

describe('settings over IPC', () => {
  it('saves the shell settings and pushes them; consent has its own channel', async () => {
    const s = await call<Record<string, unknown>>(fx.t, 'settings.update', { closeToTray: false, startAtLogin: true });
    expect(s).toMatchObject({ closeToTray: false, startAtLogin: true, notifications: true, allowPlaintextToken: false });
    expect(fx.t.events.at(-1)).toMatchObject({ event: 'state.settings', payload: { startAtLogin: true } });
    fx.t = await fx.t.restart();
    expect(fx.t.core.snapshot().settings).toMatchObject({ closeToTray: false, startAtLogin: true });
  });
});
