/** main/policy/tray.ts: the tray menu model and its actions. */
import { describe, expect, it } from 'vitest';
import { accountsOf as accounts } from '../../support/views.ts';
import type { AuthView, ConnectionView } from '../../../preload/contract/views.ts';
import { buildTrayMenu, trayIconName, type TrayItem, type TrayState } from '../../../main/policy/tray.ts';

const running: ConnectionView = { status: 'running', baseURL: 'http://x', tried: [], configuredURL: null, desktopVersion: '4.2', appState: 'ready', error: null, checkedAt: null };
const signedIn: AuthView = { status: 'signed-in', source: 'oauth', expiresAt: null, scopes: [], reason: null, connectAgain: false, storage: { persistent: true, backend: 'k', needsConsent: false, reason: null } };
const labels = (items: TrayItem[]): string[] => items.map((i) => (i.kind === 'separator' ? '—' : i.kind === 'submenu' ? `${i.label} ▸ [${labels(i.items).join(' | ')}]` : i.label));

describe('tray menu model', () => {
  it('nothing connected: says why, and offers only opening, updates and quitting', () => {
    const m = buildTrayMenu({ connection: { ...running, status: 'not-running' }, auth: null, accounts: null, updater: { status: 'idle' } });
    expect(labels(m)).toEqual(['Beeper Desktop is not running', '—', 'Reconnect account ▸ [No accounts to reconnect]', 'Add account…', 'Open Account Manager', '—', 'Check for updates', 'Quit']);
    expect(m.find((i) => i.kind === 'submenu')).toMatchObject({ enabled: false });
    expect(m.find((i) => i.kind === 'action' && i.label === 'Add account…')).toMatchObject({ enabled: false });
  });

  it('all fine: a status line, every account with its mark, and all of them under Reconnect', () => {
    const m = buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([{ bridge: 'WhatsApp', id: 'w', status: 'connected', name: 'Alex' }, { bridge: 'Slack', id: 's', status: 'connecting', name: 'Alex' }]), updater: { status: 'up-to-date', checkedAt: 'x' } });
    expect(labels(m)).toEqual([
      'All accounts connected',
      '—',
      '● WhatsApp: Alex',
      '◐ Slack: Alex',
      '—',
      'Reconnect account ▸ [WhatsApp: Alex | Slack: Alex]',
      'Add account…',
      'Open Account Manager',
      '—',
      'Check for updates',
      'Quit',
    ]);
  });

  it('two need login: they come first under Reconnect, and each item starts that reconnect', () => {
    const state: TrayState = {
      connection: running,
      auth: signedIn,
      accounts: accounts([
        { bridge: 'WhatsApp', id: 'w', status: 'connected', name: 'Alex' },
        { bridge: 'Telegram', id: 't', status: 'needs_login', name: 'Alex T' },
        { bridge: 'Signal', id: 'sg', status: 'needs_login', name: 'Alex S' },
      ]),
      updater: { status: 'idle' },
    };
    const m = buildTrayMenu(state);
    expect(labels(m)[0]).toBe('2 accounts need attention');
    const sub = m.find((i) => i.kind === 'submenu')!;
    expect(labels([sub])[0]).toBe('Reconnect account ▸ [⚠ Telegram: Alex T | ⚠ Signal: Alex S | — | WhatsApp: Alex]');
    expect(sub.kind === 'submenu' && sub.items[0]).toMatchObject({ action: { type: 'reconnect', bridgeID: 'Telegram', loginID: 't' } });
    expect(trayIconName(state, true)).toBe('tray-attention-dark');
    expect(trayIconName({ ...state, accounts: accounts([]) }, false)).toBe('tray-normal-light');
  });

  it('update ready: "Restart to update" with the version; downloading shows progress', () => {
    const ready = buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([]), updater: { status: 'ready', version: '1.2.0' } });
    expect(ready.find((i) => i.kind === 'action' && i.action.type === 'restart-to-update')).toMatchObject({ label: 'Restart to update (1.2.0)' });
    const downloading = buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([]), updater: { status: 'downloading', version: '1.2.0', percent: 41.6 } });
    expect(labels(downloading)).toContain('Downloading update… 42%');
    expect(labels(buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([]), updater: { status: 'idle' } }))[0]).toBe('No accounts connected');
  });
});
