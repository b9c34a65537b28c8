/**
 * Merges bridges, accounts and each bridge's logins into the view the UI lists: network (bridge),
 * then its logins (identity, status, remove scopes), then their accounts; plus the "needs
 * attention" list (needs_login / logged_out logins, reconnect_required / connection_required
 * accounts), one item per login.
 */
import type { AccountsView, AccountView, AttentionItem, IdentityView, LoginView, NetworkView, ReconnectOffer } from '../../../preload/contract/views.ts';
import { safeImageDataURL } from '../api/images.ts';
import type { Account, Bridge, BridgeLogin, User } from '../api/schemas.ts';
import { lookup } from '../lookup.ts';
import { t, translator } from '../i18n.ts';
import { regionOf } from '../../../preload/contract/i18n/locales.ts';
import { formatPhone } from './phone-format.ts';
import type { MessageKey } from '../../../preload/contract/i18n/en.ts';

export interface AccountsData {
  bridges: Bridge[];
  accounts: Account[];
  /** Logins per bridge ID; a bridge missing here had its logins not fetched (or failing). */
  logins: Record<string, BridgeLogin[]>;
}

const LOGIN_ATTENTION = new Set(['needs_login', 'logged_out']);
const ACCOUNT_ATTENTION = new Set(['reconnect_required', 'connection_required']);

const ATTENTION_MESSAGE: Record<string, MessageKey> = {
  needs_login: 'model.needs_login',
  logged_out: 'model.logged_out',
  reconnect_required: 'model.reconnect_required',
  connection_required: 'model.connection_required',
};

/** Who an account is: its name, and its number (in the user's region's style), handle or email. */
export function identityOf(user: User | undefined, fallback: string): IdentityView {
  if (!user) return { name: fallback, detail: null, avatarURL: null };
  const handle = user.username ? (user.username.startsWith('@') ? user.username : `@${user.username}`) : null;
  const phone = user.phoneNumber ? formatPhone(user.phoneNumber, regionOf(translator().locale)) : null;
  const detail = phone ?? handle ?? user.email ?? null;
  const name = user.fullName ?? user.username ?? phone ?? user.email ?? fallback;
  return { name, detail: detail === name ? null : detail, avatarURL: safeImageDataURL(user.imgURL) };
}

/** What reconnecting offers: a login where it is needed, "Log in again…" where it works, nothing where it cannot be done here. */
const reconnectOffer = (canReconnect: boolean, needsAttention: boolean): ReconnectOffer => (!canReconnect ? 'none' : needsAttention ? 'needed' : 'offered');

function accountView(a: Account, bridgeName: string, canReconnect: boolean): AccountView {
  const status = a.status ?? null;
  const needsAttention = status !== null && ACCOUNT_ATTENTION.has(status);
  const network = a.network ?? bridgeName;
  const identity = identityOf(a.user, a.accountID);
  return {
    accountID: a.accountID,
    network,
    status,
    statusText: a.statusText ?? null,
    identity,
    // The accounts of one Slack login share their user; what differs is the workspace their network names.
    label: network === bridgeName ? identity.name : network,
    needsAttention,
    reconnect: reconnectOffer(canReconnect, needsAttention),
  };
}

function unavailableReason(b: Bridge): string | null {
  switch (b.status) {
    case 'available':
      return null;
    case 'connected':
      return b.statusText ?? t('model.alreadyConnected', { network: b.displayName });
    case 'limit_reached':
      return b.statusText ?? t('model.limitReached');
    case 'temporarily_unavailable':
      return b.statusText ?? t('model.temporarilyUnavailable', { network: b.displayName });
    case 'disabled':
      return b.statusText ?? t('model.disabled', { network: b.displayName });
    default:
      return b.statusText ?? t('model.cannotConnect', { network: b.displayName });
  }
}

/** What the user can do about a network that cannot take a new account now, where there is something. */
function unavailableFix(b: Bridge): string | null {
  switch (b.status) {
    case 'connected':
      return t('model.fixConnected');
    case 'limit_reached':
      return t('model.fixLimit');
    case 'temporarily_unavailable':
      return t('model.fixLater');
    case 'disabled':
      return t('model.fixDisabled');
    default:
      return null;
  }
}

/** The prefix of a group of accounts whose bridge the server did not name: nothing can be started on it. */
const UNNAMED_BRIDGE = 'network:';
/** Beeper's own bridge: the Matrix login of the Beeper account itself. */
const BEEPER_BRIDGE = 'matrix';

/**
 * The bridge an account belongs to. Accounts from Desktop before 4.2.785 have no `bridge`: the
 * bridge that lists the account, else the bridge whose ID starts the account ID
 * (`local-whatsapp_ba_…`, `slackgo.T…`, `discordgo`), else a group named after its network.
 */
export function bridgeIDOf(a: Account, bridges: readonly Bridge[]): string {
  if (a.bridge) return a.bridge.id;
  const listing = bridges.find((b) => b.accounts.some((x) => x.accountID === a.accountID));
  if (listing) return listing.id;
  const prefix = bridges.find((b) => a.accountID === b.id || a.accountID.startsWith(`${b.id}_`) || a.accountID.startsWith(`${b.id}.`));
  return prefix?.id ?? `${UNNAMED_BRIDGE}${a.network ?? 'other'}`;
}

/** Which bridge each account belongs to; a bridge's own list counts even when /v1/accounts leaves an account out. */
function accountsByBridge(data: AccountsData): Map<string, Account[]> {
  const byBridge = new Map<string, Account[]>();
  for (const a of data.accounts) {
    const id = bridgeIDOf(a, data.bridges);
    byBridge.set(id, [...(byBridge.get(id) ?? []), a]);
  }
  for (const b of data.bridges) {
    const list = byBridge.get(b.id) ?? [];
    for (const a of b.accounts) if (!list.some((x) => x.accountID === a.accountID)) list.push(a);
    byBridge.set(b.id, list);
  }
  return byBridge;
}

/** Accounts of bridges /v1/bridges does not list (e.g. an older server): a network of their own. */
function unlistedBridges(byBridge: Map<string, Account[]>, bridges: readonly Bridge[]): Bridge[] {
  const listed = new Set(bridges.map((b) => b.id));
  return [...byBridge.entries()]
    .filter(([id]) => !listed.has(id))
    .map(([id, [first]]) => ({
      id,
      accounts: [],
      activeAccountCount: 0,
      displayName: first!.network ?? t('model.otherAccounts'),
      provider: first!.bridge?.provider ?? 'unknown',
      status: 'unknown' as const,
      supportsMultipleAccounts: false,
      type: first!.bridge?.type ?? 'unknown',
      network: first!.network,
      statusText: undefined,
    }));
}

/** Beeper itself cannot be reconnected here, nor accounts whose bridge is not known. */
const canReconnect = (b: Bridge): boolean => b.id !== BEEPER_BRIDGE && !b.id.startsWith(UNNAMED_BRIDGE);

const attentionMessage = (statusText: string | null | undefined, status: string): string => statusText ?? t(lookup(ATTENTION_MESSAGE, status) ?? 'model.needsAttention');

/** One login with the accounts it holds, and its attention item when it or one of them needs the user. */
function loginEntry(b: Bridge, l: BridgeLogin, accounts: readonly Account[]): { view: LoginView; attention: AttentionItem | null } {
  const mine = accounts.filter((a) => l.accountIDs?.includes(a.accountID) || a.loginID === l.loginID);
  const network = b.network ?? b.displayName;
  const accountViews = mine.map((a) => accountView(a, network, canReconnect(b)));
  const troubled = accountViews.find((a) => a.needsAttention);
  const loginAttention = LOGIN_ATTENTION.has(l.status);
  const needsAttention = loginAttention || troubled !== undefined;
  const identity = identityOf(l.user ?? mine[0]?.user, l.loginID);
  const view: LoginView = {
    bridgeID: b.id,
    loginID: l.loginID,
    status: l.status,
    statusText: l.statusText ?? null,
    identity,
    removeScopes: l.removeScopes,
    accounts: accountViews,
    // Worth listing under the login: more than one, or one on a network other than the bridge's.
    listsAccounts: accountViews.length > 1 || accountViews.some((a) => a.network !== b.displayName && a.network !== network),
    needsAttention,
    reconnect: reconnectOffer(canReconnect(b), needsAttention),
  };
  if (!needsAttention) return { view, attention: null };
  const status = loginAttention ? l.status : (troubled?.status ?? l.status);
  const message = attentionMessage(l.statusText ?? troubled?.statusText, status);
  return { view, attention: { bridgeID: b.id, bridgeName: b.displayName, loginID: l.loginID, accountID: mine[0]?.accountID ?? null, identity, status, message } };
}

/** An account no listed login claims, as an attention item when it needs the user. */
function orphanAttention(b: Bridge, raw: Account, a: AccountView): AttentionItem | null {
  if (!a.needsAttention) return null;
  const status = a.status ?? 'unknown';
  return { bridgeID: b.id, bridgeName: b.displayName, loginID: raw.loginID ?? null, accountID: a.accountID, identity: a.identity, status, message: attentionMessage(a.statusText, status) };
}

function networkEntry(b: Bridge, accounts: readonly Account[], logins: readonly BridgeLogin[]): { view: NetworkView; attention: AttentionItem[] } {
  const entries = logins.map((l) => loginEntry(b, l, accounts));
  const claimed = new Set(entries.flatMap((e) => e.view.accounts.map((a) => a.accountID)));
  const others = accounts.filter((a) => !claimed.has(a.accountID));
  const otherAccounts = others.map((a) => accountView(a, b.network ?? b.displayName, canReconnect(b)));
  const attention = [...entries.map((e) => e.attention), ...others.map((raw, i) => orphanAttention(b, raw, otherAccounts[i]!))].filter((x): x is AttentionItem => x !== null);
  const reason = unavailableReason(b);
  const view: NetworkView = {
    bridgeID: b.id,
    displayName: b.displayName,
    network: b.network ?? b.displayName,
    provider: b.provider,
    type: b.type,
    status: b.status,
    statusText: b.statusText ?? null,
    supportsMultipleAccounts: b.supportsMultipleAccounts,
    canAddAccount: reason === null,
    canReconnect: canReconnect(b),
    isBeeper: b.id === BEEPER_BRIDGE,
    unavailableReason: reason,
    unavailableFix: reason === null ? null : unavailableFix(b),
    logins: entries.map((e) => e.view),
    otherAccounts,
    listed: entries.length > 0 || otherAccounts.length > 0,
  };
  return { view, attention };
}

export function buildAccountsView(data: AccountsData, meta: Pick<AccountsView, 'lastRefreshedAt' | 'refreshing' | 'error'>): AccountsView {
  const byBridge = accountsByBridge(data);
  const entries = [...data.bridges, ...unlistedBridges(byBridge, data.bridges)].map((b) => networkEntry(b, byBridge.get(b.id) ?? [], lookup(data.logins, b.id) ?? []));
  const networks = entries.map((e) => e.view);
  return {
    networks,
    needsAttention: entries.flatMap((e) => e.attention),
    hasChatAccounts: networks.some((n) => n.listed && !n.isBeeper),
    ...meta,
  };
}

export const emptyAccountsView = (): AccountsView => ({ networks: [], needsAttention: [], hasChatAccounts: false, lastRefreshedAt: null, refreshing: false, error: null });
