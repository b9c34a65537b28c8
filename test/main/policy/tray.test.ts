/** main/policy/tray.ts: the tray menu model and its actions. */
import { describe, expect, it } from 'vitest';
import { accountsOf as accounts } from '../../support/views.ts';
import type { AuthView, ConnectionView } from '../../../preload/contract/views.ts';
import { buildTrayMenu, trayIconName, trayStatusLine, type TrayItem, type TrayState } from '../../../main/policy/tray.ts';

const running: ConnectionView = { status: 'running', baseURL: 'http://x', tried: [], configuredURL: null, desktopVersion: '4.2', appState: 'ready', error: null, checkedAt: null };
const signedIn: AuthView = { status: 'signed-in', source: 'oauth', expiresAt: null, scopes: [], reason: null, connectAgain: false, storage: { persistent: true, backend: 'k', needsConsent: false, reason: null, summary: 's' } };
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

  it('two need login: "Reconnect all (2)" first, then each of them, then the rest; each item starts its reconnect', () => {
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
    expect(labels([sub])[0]).toBe('Reconnect account ▸ [Reconnect all (2) | — | ⚠ Telegram: Alex T | ⚠ Signal: Alex S | — | WhatsApp: Alex]');
    expect(sub.kind === 'submenu' && sub.items[0]).toMatchObject({ action: { type: 'reconnect-all' } });
    expect(sub.kind === 'submenu' && sub.items[2]).toMatchObject({ action: { type: 'reconnect', bridgeID: 'Telegram', loginID: 't' } });
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

/** Every item with what it does and whether it can be chosen, not only its label. */
const shape = (items: TrayItem[]): unknown[] =>
  items.map((i) => {
    if (i.kind === 'separator') return '—';
    if (i.kind === 'label') return `label: ${i.label}`;
    if (i.kind === 'submenu') return { submenu: i.label, enabled: i.enabled ?? true, items: shape(i.items) };
    return { [i.kind]: i.label, enabled: i.enabled ?? true, ...i.action };
  });

describe('tray menu actions and states', () => {
  it('signed in: every item does what it says and can be chosen', () => {
    const m = buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([{ bridge: 'WhatsApp', id: 'w', status: 'connected', name: 'Alex' }]), updater: { status: 'idle' } });
    expect(shape(m)).toEqual([
      'label: All accounts connected',
      '—',
      'label: ● WhatsApp: Alex',
      '—',
      { submenu: 'Reconnect account', enabled: true, items: [{ action: 'WhatsApp: Alex', enabled: true, type: 'reconnect', bridgeID: 'WhatsApp', loginID: 'w', accountID: null }] },
      { action: 'Add account…', enabled: true, type: 'add-account' },
      { action: 'Open Account Manager', enabled: true, type: 'open' },
      '—',
      { action: 'Check for updates', enabled: true, type: 'check-updates' },
      { action: 'Quit', enabled: true, type: 'quit' },
    ]);
  });

  it('signed in but Beeper Desktop gone, or not signed in: reconnecting and adding cannot be chosen; opening and quitting can', () => {
    for (const s of [
      { connection: { ...running, status: 'not-running' as const }, auth: signedIn },
      { connection: running, auth: { ...signedIn, status: 'signed-out' as const } },
    ]) {
      const m = shape(buildTrayMenu({ ...s, accounts: accounts([{ bridge: 'WhatsApp', id: 'w', status: 'connected', name: 'Alex' }]), updater: { status: 'idle' } }));
      expect(m).toContainEqual(expect.objectContaining({ submenu: 'Reconnect account', enabled: false }));
      expect(m).toContainEqual({ action: 'Add account…', enabled: false, type: 'add-account' });
      expect(m).toContainEqual({ action: 'Open Account Manager', enabled: true, type: 'open' });
      expect(m).toContainEqual({ action: 'Quit', enabled: true, type: 'quit' });
      expect(m).not.toContain('label: ● WhatsApp: Alex'); // accounts are listed only while they can be trusted as current
    }
  });

  it('an account shows its detail when it has one; a network that cannot be reconnected is listed but not offered', () => {
    const view = accounts([{ bridge: 'Telegram', id: 't', status: 'connected', name: 'Alex' }]);
    view.networks[0]!.logins[0]!.identity.detail = '+1 555 0100';
    view.networks.push({ ...view.networks[0]!, bridgeID: 'matrix', displayName: 'Beeper', canReconnect: false, logins: [{ ...view.networks[0]!.logins[0]!, bridgeID: 'matrix', loginID: 'me' }] });
    const m = buildTrayMenu({ connection: running, auth: signedIn, accounts: view, updater: { status: 'idle' } });
    expect(labels(m)).toContain('● Telegram: Alex · +1 555 0100');
    expect(labels(m)).toContain('● Beeper: Alex · +1 555 0100');
    expect(labels(m).find((l) => l.startsWith('Reconnect account'))).toBe('Reconnect account ▸ [Telegram: Alex]');
  });

  it('what the first line says, in each state', () => {
    const base = { auth: signedIn, accounts: accounts([]), updater: { status: 'idle' as const } };
    expect(trayStatusLine({ ...base, connection: null })).toBe('Looking for Beeper Desktop…');
    expect(trayStatusLine({ ...base, connection: { ...running, status: 'searching' } })).toBe('Looking for Beeper Desktop…');
    expect(trayStatusLine({ ...base, connection: { ...running, appState: 'needs-login' } })).toBe('Beeper Desktop is signed out');
    expect(trayStatusLine({ ...base, connection: running, auth: null })).toBe('Not connected to Beeper Desktop');
    const one = accounts([{ bridge: 'Telegram', id: 't', status: 'needs_login', name: 'Alex' }]);
    expect(trayStatusLine({ ...base, connection: running, accounts: one })).toBe('1 account needs attention');
  });

  it('the updater’s item in each state, and the icon while Beeper Desktop is gone', () => {
    const item = (updater: TrayState['updater']) => shape(buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([]), updater })).at(-2);
    expect(item({ status: 'checking' })).toBe('label: Checking for updates…');
    expect(item({ status: 'unsupported', reason: 'x', downloadURL: 'https://x' })).toBe('label: Updates: download new versions from the website');
    expect(item({ status: 'ready', version: '2.0.0' })).toEqual({ action: 'Restart to update (2.0.0)', enabled: true, type: 'restart-to-update' });
    expect(item({ status: 'error', message: 'x', checkedAt: 'y' })).toEqual({ action: 'Check for updates', enabled: true, type: 'check-updates' });
    expect(trayIconName({ connection: { ...running, status: 'not-running' }, auth: null, accounts: null, updater: { status: 'idle' } }, false)).toBe('tray-attention-light');
    expect(trayIconName({ connection: null, auth: null, accounts: null, updater: { status: 'idle' } }, true)).toBe('tray-normal-dark');
  });

  it('each status tone has its own mark', () => {
    const m = labels(
      buildTrayMenu({
        connection: running,
        auth: signedIn,
        accounts: accounts([
          { bridge: 'A', id: 'a', status: 'connected', name: 'N' },
          { bridge: 'B', id: 'b', status: 'connecting', name: 'N' },
          { bridge: 'C', id: 'c', status: 'needs_login', name: 'N' },
          { bridge: 'D', id: 'd', status: 'logged_out', name: 'N' },
          { bridge: 'E', id: 'e', status: 'unknown', name: 'N' },
        ]),
        updater: { status: 'idle' },
      }),
    );
    expect(m.slice(2, 7)).toEqual(['● A: N', '◐ B: N', '⚠ C: N', '✕ D: N', '○ E: N']);
  });

  it('signed in with nothing connected: one separator, nothing to reconnect, and the submenu cannot be opened', () => {
    const none = accounts([]);
    none.networks.push({ ...accounts([{ bridge: 'Signal', id: 'x', status: 'connected', name: 'N' }]).networks[0]!, logins: [] });
    const m = buildTrayMenu({ connection: running, auth: signedIn, accounts: none, updater: { status: 'idle' } });
    expect(shape(m).slice(0, 3)).toEqual(['label: No accounts connected', '—', { submenu: 'Reconnect account', enabled: false, items: ['label: No accounts to reconnect'] }]);
    expect(trayStatusLine({ connection: running, auth: signedIn, accounts: null, updater: { status: 'idle' } })).toBe('No accounts connected');
  });

  it('only accounts that need attention: no separator after them', () => {
    const m = buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([{ bridge: 'Telegram', id: 't', status: 'needs_login', name: 'Alex' }]), updater: { status: 'idle' } });
    const sub = m.find((x) => x.kind === 'submenu')!;
    expect(sub.kind === 'submenu' && shape(sub.items)).toEqual([{ action: '⚠ Telegram: Alex', enabled: true, type: 'reconnect', bridgeID: 'Telegram', loginID: 't', accountID: null }]);
  });

  it('downloading is a line to read, not an action', () => {
    const m = shape(buildTrayMenu({ connection: running, auth: signedIn, accounts: accounts([]), updater: { status: 'downloading', version: '2', percent: 12.4 } }));
    expect(m.at(-2)).toBe('label: Downloading update… 12%');
  });
});
