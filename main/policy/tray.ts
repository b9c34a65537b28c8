/**
 * The tray menu as data, built by a pure function from the app's state. The Electron adapter turns
 * it into a Menu and calls setContextMenu again whenever it changes: Linux app indicators ignore
 * click events, so everything must be reachable from the menu itself.
 */
import type { AccountsView, AttentionItem, AuthView, ConnectionView, LoginView, NetworkView } from '../../preload/contract/views.ts';
import type { UpdaterState } from '../core/updates.ts';
import { statusTone, type StatusTone } from '../../preload/contract/statuses.ts';
import { t } from '../core/i18n.ts';
import { nameWithDetail } from '../../preload/contract/identity.ts';

export type TrayAction =
  | { type: 'open' }
  | { type: 'add-account' }
  | { type: 'reconnect'; bridgeID: string; loginID: string | null; accountID: string | null }
  | { type: 'reconnect-all' }
  | { type: 'check-updates' }
  | { type: 'restart-to-update' }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'label'; label: string }
  | { kind: 'separator' }
  | { kind: 'action'; label: string; action: TrayAction; enabled?: boolean }
  | { kind: 'submenu'; label: string; items: TrayItem[]; enabled?: boolean };

export interface TrayState {
  connection: ConnectionView | null;
  auth: AuthView | null;
  accounts: AccountsView | null;
  updater: UpdaterState;
}

/** The mark before each account in the menu, by the tone of its status. */
const MARK: Record<StatusTone, string> = { ok: '●', busy: '◐', warn: '⚠', bad: '✕', off: '○' };

export function trayStatusLine(s: TrayState): string {
  if (!s.connection || s.connection.status === 'searching') return t('tray.looking');
  if (s.connection.status !== 'running') return t('tray.notRunning');
  if (s.connection.appState === 'needs-login') return t('tray.signedOut');
  if (s.auth?.status !== 'signed-in') return t('tray.notConnected');
  const attention = s.accounts?.needsAttention.length ?? 0;
  if (attention > 0) return t('tray.attention', { count: attention });
  return t((s.accounts?.networks ?? []).some((x) => x.logins.length > 0) ? 'tray.allConnected' : 'tray.noAccounts');
}

function updaterItem(u: UpdaterState): TrayItem {
  switch (u.status) {
    case 'ready':
      return { kind: 'action', label: t('tray.restartToUpdate', { version: u.version }), action: { type: 'restart-to-update' } };
    case 'downloading':
      return { kind: 'label', label: t('tray.downloading', { percent: u.percent / 100 }) };
    case 'checking':
      return { kind: 'label', label: t('tray.checking') };
    case 'unsupported':
      return { kind: 'label', label: t('tray.updatesUnsupported') };
    default:
      return { kind: 'action', label: t('tray.checkUpdates'), action: { type: 'check-updates' } };
  }
}

type LoginEntry = { n: NetworkView; l: LoginView };

export function buildTrayMenu(s: TrayState): TrayItem[] {
  const signedIn = s.auth?.status === 'signed-in' && s.connection?.status === 'running';
  const logins = (s.accounts?.networks ?? []).flatMap((n) => n.logins.map((l) => ({ n, l })));
  const reconnectItems = reconnectMenu(logins, s.accounts?.needsAttention ?? []);
  return [
    { kind: 'label', label: trayStatusLine(s) },
    ...(signedIn ? loginLines(logins) : []),
    { kind: 'separator' },
    {
      kind: 'submenu',
      label: t('tray.reconnectAccount'),
      enabled: signedIn && reconnectItems.length > 0,
      items: reconnectItems.length > 0 ? reconnectItems : [{ kind: 'label', label: t('tray.noReconnect') }],
    },
    { kind: 'action', label: t('tray.addAccount'), action: { type: 'add-account' }, enabled: signedIn },
    { kind: 'action', label: t('tray.open'), action: { type: 'open' } },
    { kind: 'separator' },
    updaterItem(s.updater),
    { kind: 'action', label: t('tray.quit'), action: { type: 'quit' } },
  ];
}

/** One line per login, marked by its status's tone. */
function loginLines(logins: readonly LoginEntry[]): TrayItem[] {
  if (logins.length === 0) return [];
  return [
    { kind: 'separator' },
    ...logins.map(({ n, l }): TrayItem => ({ kind: 'label', label: t('tray.loginLine', { mark: MARK[statusTone(l.status)], network: n.displayName, who: nameWithDetail(l.identity, t) }) })),
  ];
}

/** Reconnect: all of them when several need it, what needs it, then every other account that can be reconnected. */
function reconnectMenu(logins: readonly LoginEntry[], attention: readonly AttentionItem[]): TrayItem[] {
  const attentionKeys = new Set(attention.map((a) => `${a.bridgeID}/${a.loginID ?? a.accountID}`));
  const all: TrayItem[] = attention.length > 1 ? [{ kind: 'action', label: t('tray.reconnectAll', { count: attention.length }), action: { type: 'reconnect-all' } }, { kind: 'separator' }] : [];
  const first = attention.map(
    (a): TrayItem => ({ kind: 'action', label: t('tray.loginLine', { mark: '⚠', network: a.bridgeName, who: a.identity.name }), action: { type: 'reconnect', bridgeID: a.bridgeID, loginID: a.loginID, accountID: a.accountID } }),
  );
  const rest = logins
    .filter(({ n, l }) => n.canReconnect && !attentionKeys.has(`${n.bridgeID}/${l.loginID}`))
    .map(({ n, l }): TrayItem => ({ kind: 'action', label: t('tray.networkWho', { network: n.displayName, who: l.identity.name }), action: { type: 'reconnect', bridgeID: n.bridgeID, loginID: l.loginID, accountID: null } }));
  return [...all, ...(first.length > 0 && rest.length > 0 ? [...first, { kind: 'separator' } as const, ...rest] : [...first, ...rest])];
}

/** The tray icon variant: attention shows a badge; the panel theme picks dark or light artwork. */
export function trayIconName(s: TrayState, darkPanel: boolean): string {
  const attention = (s.accounts?.needsAttention.length ?? 0) > 0 || s.connection?.status === 'not-running';
  return `tray-${attention ? 'attention' : 'normal'}-${darkPanel ? 'dark' : 'light'}`;
}
