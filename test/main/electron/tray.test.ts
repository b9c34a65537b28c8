/** main/electron/tray.ts, against a fake `electron` module. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as fake from '../../support/fake-electron.ts';

vi.mock('electron', () => import('../../support/fake-electron.ts'));
// electron-store is an external package: it would load the real `electron`.
vi.mock('electron-store', () => ({ default: class {} }));

const { TrayController, toTemplate } = await import('../../../main/electron/tray.ts');

beforeEach(() => fake.resetFakes());

describe('tray', () => {
  it('each tray action reaches its own handler, with its arguments', async () => {
    const { runTrayAction } = await import('../../../main/electron/tray.ts');
    const calls: unknown[][] = [];
    const rec = (name: string) => (...args: unknown[]): void => void calls.push([name, ...args]);
    const handlers = { open: rec('open'), addAccount: rec('addAccount'), reconnect: rec('reconnect'), reconnectAll: rec('reconnectAll'), checkForUpdates: rec('checkForUpdates'), restartToUpdate: rec('restartToUpdate'), quit: rec('quit') };
    runTrayAction({ type: 'open' }, handlers);
    runTrayAction({ type: 'add-account' }, handlers);
    runTrayAction({ type: 'reconnect', bridgeID: 'local-telegram', loginID: 'l1', accountID: null }, handlers);
    runTrayAction({ type: 'reconnect-all' }, handlers);
    runTrayAction({ type: 'check-updates' }, handlers);
    runTrayAction({ type: 'restart-to-update' }, handlers);
    runTrayAction({ type: 'quit' }, handlers);
    expect(calls).toEqual([['open'], ['addAccount'], ['reconnect', 'local-telegram', 'l1', null], ['reconnectAll'], ['checkForUpdates'], ['restartToUpdate'], ['quit']]);
    expect(() => runTrayAction({ type: 'teleport' } as never, handlers)).toThrow(/unknown tray action/);
  });

  const state = {
    connection: { status: 'running' as const, baseURL: 'x', tried: [], configuredURL: null, desktopVersion: '1', appState: 'ready', error: null, checkedAt: null },
    auth: { status: 'signed-in' as const, source: null, expiresAt: null, scopes: [], reason: null, connectAgain: false, storage: { persistent: true, backend: 'k', needsConsent: false, reason: null, summary: 's' } },
    accounts: {
      networks: [],
      hasChatAccounts: false,
      needsAttention: [{ bridgeID: 'local-telegram', bridgeName: 'Telegram', loginID: 'ba_1', accountID: null, identity: { name: 'Alex', detail: null, avatarURL: null }, status: 'needs_login' as const, message: 'x' }],
      lastRefreshedAt: 'now',
      refreshing: false,
      error: null,
    },
    updater: { status: 'idle' as const },
  };

  it('sets the context menu again on every update, with the attention icon, and items act', () => {
    const actions: unknown[] = [];
    const tray = new TrayController('/icons', (a) => actions.push(a));
    tray.update(state);
    tray.update({ ...state, updater: { status: 'ready', version: '2.0.0' } as never });
    const t = fake.Tray.instances[0]!;
    expect(t.menuSets).toBe(2);
    expect(t.tooltip).toBe('Beeper Account Manager — 1 account needs attention');
    expect((t.image as { path: string }).path).toBe('/icons/tray-attention-light.png');
    const template = t.menu!.template as Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }>; click?: () => void }>;
    template.find((i) => i.label === 'Reconnect account')!.submenu![0]!.click!();
    template.find((i) => i.label === 'Restart to update (2.0.0)')!.click!();
    expect(actions).toEqual([{ type: 'reconnect', bridgeID: 'local-telegram', loginID: 'ba_1', accountID: null }, { type: 'restart-to-update' }]);
    fake.nativeTheme.shouldUseDarkColors = true;
    fake.nativeTheme.emit('updated');
    expect((t.image as { path: string }).path).toBe('/icons/tray-attention-dark.png');
    fake.nativeTheme.shouldUseDarkColors = false;
  });

  it('turns labels into disabled items and separators into separators', () => {
    expect(toTemplate([{ kind: 'label', label: 'x' }, { kind: 'separator' }], () => undefined)).toEqual([{ label: 'x', enabled: false }, { type: 'separator' }]);
  });
});
