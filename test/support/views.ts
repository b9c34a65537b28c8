/**
 * View models as main sends them, for renderer tests: valid defaults plus a test's overrides, each
 * checked against the contract's schema.
 */
import {
  AccountsViewSchema,
  AppSnapshotSchema,
  NetworkViewSchema,
  SessionViewSchema,
  type AccountsView,
  type AppSnapshot,
  type IdentityView,
  type LoginView,
  type NetworkView,
  type SessionView,
  type StepView,
} from '../../preload/contract/views.ts';
import { toggleDefaults } from '../../preload/contract/settings.ts';
import type { LoginStatus } from '../../preload/contract/statuses.ts';

export const identity = (name: string, detail: string | null = null): IdentityView => ({ name, detail, avatarURL: null });

export function login(overrides: Partial<LoginView> & Pick<LoginView, 'bridgeID' | 'loginID'>): LoginView {
  return { status: 'connected', statusText: null, identity: identity('Alex Doe', '+1 555 0100'), removeScopes: ['current-device', 'all-devices'], accounts: [], listsAccounts: (overrides.accounts?.length ?? 0) > 1, needsAttention: false, reconnect: overrides.needsAttention ? 'needed' : 'offered', ...overrides };
}

export function network(overrides: Partial<NetworkView> & Pick<NetworkView, 'bridgeID' | 'displayName'>): NetworkView {
  return NetworkViewSchema.parse({
    network: overrides.displayName,
    provider: 'cloud',
    type: overrides.bridgeID,
    status: 'available',
    statusText: null,
    supportsMultipleAccounts: true,
    canAddAccount: true,
    canReconnect: true,
    isBeeper: false,
    unavailableReason: null,
    unavailableFix: null,
    logins: [],
    otherAccounts: [],
    listed: (overrides.logins?.length ?? 0) + (overrides.otherAccounts?.length ?? 0) > 0,
    ...overrides,
  });
}

export function accounts(networks: NetworkView[], overrides: Partial<AccountsView> = {}): AccountsView {
  return AccountsViewSchema.parse({ networks, needsAttention: [], hasChatAccounts: networks.some((n) => n.listed && !n.isBeeper), lastRefreshedAt: '2026-11-29T09:00:00.000Z', refreshing: false, error: null, ...overrides });
}

export function session(step: StepView | null, overrides: Partial<SessionView> = {}): SessionView {
  const phase = overrides.phase ?? step?.type ?? 'starting';
  return SessionViewSchema.parse({
    id: 's1',
    bridgeID: 'telegram',
    bridgeName: 'Telegram',
    flowID: null,
    reconnect: null,
    phase,
    finished: ['complete', 'failed', 'cancelled'].includes(phase),
    busy: false,
    step,
    stepError: null,
    error: null,
    result: null,
    startedAt: '2026-11-29T09:00:00.000Z',
    updatedAt: '2026-11-29T09:00:00.000Z',
    ...overrides,
  });
}

export function snapshot(overrides: Partial<AppSnapshot> = {}): AppSnapshot {
  return AppSnapshotSchema.parse({
    capabilities: { captureWindow: false, desktopShell: false, startAtLogin: false },
    connection: { status: 'running', baseURL: 'http://localhost:23373', tried: ['http://localhost:23373'], configuredURL: null, desktopVersion: '4.2.0', appState: 'ready', error: null, checkedAt: '2026-11-29T09:00:00.000Z' },
    auth: { status: 'signed-in', source: 'oauth', expiresAt: null, scopes: ['read', 'write'], reason: null, connectAgain: false, storage: { persistent: true, backend: 'test', needsConsent: false, reason: null, summary: 'It is stored encrypted on this computer.' } },
    accounts: accounts([]),
    sessions: [],
    reconnectAll: null,
    settings: { baseURL: null, ...toggleDefaults(), language: 'system', locale: { locale: 'en', catalogue: 'en', dir: 'ltr' }, allowPlaintextToken: false },
    updater: { status: 'idle', currentVersion: '0.1.0', version: null, percent: null, summary: 'Updates are checked automatically.', downloadURL: null, checkedAt: null },
    place: null,
    ...overrides,
  });
}

/** A signed-in user's networks: Telegram connected, WhatsApp needing a new login, Beeper itself, Signal unavailable. */
export function someNetworks(): NetworkView[] {
  return [
    network({ bridgeID: 'telegram', displayName: 'Telegram', logins: [login({ bridgeID: 'telegram', loginID: 'tg1', identity: identity('Alex Doe', '@alex') })] }),
    network({
      bridgeID: 'whatsapp',
      displayName: 'WhatsApp',
      logins: [login({ bridgeID: 'whatsapp', loginID: 'wa1', status: 'logged_out', statusText: 'Logged out from your phone', needsAttention: true, removeScopes: ['current-device'] })],
    }),
    network({ bridgeID: 'matrix', displayName: 'Beeper', isBeeper: true, canReconnect: false, canAddAccount: false, logins: [login({ bridgeID: 'matrix', loginID: 'me', identity: identity('alex', '@alex:beeper.com'), removeScopes: [], reconnect: 'none' })] }),
    network({ bridgeID: 'signal', displayName: 'Signal', provider: 'local', canAddAccount: false, unavailableReason: 'Signal is turned off in Beeper Desktop.' }),
  ];
}

/** An accounts view from a flat list of logins: `matrix` is Beeper itself; `needs_login` needs attention. */
export function accountsOf(logins: Array<{ bridge: string; id: string; status: LoginStatus; name: string }>): AccountsView {
  const networks = [...new Set(logins.map((l) => l.bridge))].map((b) =>
    network({
      bridgeID: b,
      displayName: b,
      provider: 'local',
      canReconnect: b !== 'matrix',
      isBeeper: b === 'matrix',
      logins: logins
        .filter((l) => l.bridge === b)
        .map((l) => login({ bridgeID: b, loginID: l.id, status: l.status, identity: identity(l.name), removeScopes: [], needsAttention: l.status === 'needs_login', reconnect: b === 'matrix' ? 'none' : l.status === 'needs_login' ? 'needed' : 'offered' })),
    }),
  );
  const needsAttention = logins
    .filter((l) => l.status === 'needs_login')
    .map((l) => ({ bridgeID: l.bridge, bridgeName: l.bridge, loginID: l.id, accountID: null, identity: identity(l.name), status: 'needs_login' as const, message: 'Logged out' }));
  return accounts(networks, { needsAttention, lastRefreshedAt: '2026-11-28T00:00:00Z' });
}
