/**
 * Merges bridges, accounts and each bridge's logins into the view the UI lists: network (bridge),
 * then its logins (identity, status, remove scopes), then their accounts; plus the "needs
 * attention" list (needs_login / logged_out logins, reconnect_required / connection_required
 * accounts), one item per login.
 */
import type { AccountsView, AccountView, AttentionItem, IdentityView, LoginView, NetworkView } from '../../../preload/contract/views.ts';
import { safeImageDataURL } from '../api/images.ts';
import type { Account, Bridge, BridgeLogin, User } from '../api/schemas.ts';

export interface AccountsData {
  bridges: Bridge[];
  accounts: Account[];
  /** Logins per bridge ID; a bridge missing here had its logins not fetched (or failing). */
  logins: Record<string, BridgeLogin[]>;
}

const LOGIN_ATTENTION = new Set(['needs_login', 'logged_out']);
const ACCOUNT_ATTENTION = new Set(['reconnect_required', 'connection_required']);

const ATTENTION_MESSAGE: Record<string, string> = {
  needs_login: 'Needs you to log in again',
  logged_out: 'Logged out',
  reconnect_required: 'Needs you to reconnect',
  connection_required: 'Not connected',
};


export function identityOf(user: User | undefined, fallback: string): IdentityView {
  if (!user) return { name: fallback, detail: null, avatarURL: null };
  const handle = user.username ? (user.username.startsWith('@') ? user.username : `@${user.username}`) : null;
  const detail = user.phoneNumber ?? handle ?? user.email ?? null;
  const name = user.fullName ?? user.username ?? user.phoneNumber ?? user.email ?? fallback;
  return { name, detail: detail === name ? null : detail, avatarURL: safeImageDataURL(user.imgURL) };
}

function accountView(a: Account, bridgeName: string): AccountView {
  const status = a.status ?? null;
  return {
    accountID: a.accountID,
    network: a.network ?? bridgeName,
    status,
    statusText: a.statusText ?? null,
    identity: identityOf(a.user, a.accountID),
    needsAttention: status !== null && ACCOUNT_ATTENTION.has(status),
  };
}

function unavailableReason(b: Bridge): string | null {
  switch (b.status) {
    case 'available':
      return null;
    case 'connected':
      return b.statusText ?? `${b.displayName} is already connected. Only one account is supported.`;
    case 'limit_reached':
      return b.statusText ?? 'You have reached the account limit for this network.';
    case 'temporarily_unavailable':
      return b.statusText ?? `${b.displayName} is temporarily unavailable. Try again later.`;
    case 'disabled':
      return b.statusText ?? `${b.displayName} is turned off in Beeper.`;
    default:
      return b.statusText ?? `${b.displayName} cannot be connected right now.`;
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

export function buildAccountsView(data: AccountsData, meta: Pick<AccountsView, 'lastRefreshedAt' | 'refreshing' | 'error'>): AccountsView {
  const networks: NetworkView[] = [];
  const attention: AttentionItem[] = [];
  const byBridge = new Map<string, Account[]>();
  for (const a of data.accounts) {
    const id = bridgeIDOf(a, data.bridges);
    byBridge.set(id, [...(byBridge.get(id) ?? []), a]);
  }
  // Accounts listed on a bridge but not in /v1/accounts still count (the bridge's list is authoritative for it).
  for (const b of data.bridges) {
    const list = byBridge.get(b.id) ?? [];
    for (const a of b.accounts) if (!list.some((x) => x.accountID === a.accountID)) list.push(a);
    byBridge.set(b.id, list);
  }

  const bridgeIDs = new Set(data.bridges.map((b) => b.id));
  // Accounts of bridges /v1/bridges does not list (e.g. an older server): a network of their own.
  const extraBridges: Bridge[] = [...byBridge.keys()]
    .filter((id) => !bridgeIDs.has(id))
    .map((id) => {
      const first = byBridge.get(id)![0]!;
      return {
        id,
        accounts: [],
        activeAccountCount: 0,
        displayName: first.network ?? 'Other accounts',
        provider: first.bridge?.provider ?? 'unknown',
        status: 'unknown' as const,
        supportsMultipleAccounts: false,
        type: first.bridge?.type ?? 'unknown',
        network: first.network,
        statusText: undefined,
      };
    });

  for (const b of [...data.bridges, ...extraBridges]) {
    const accounts = byBridge.get(b.id) ?? [];
    // Own keys only: a bridge called "toString" must not read Object.prototype.
    const logins = Object.hasOwn(data.logins, b.id) ? (data.logins[b.id] ?? []) : [];
    const bridgeName = b.displayName;
    const claimed = new Set<string>();
    const loginViews: LoginView[] = logins.map((l) => {
      const mine = accounts.filter((a) => l.accountIDs?.includes(a.accountID) || a.loginID === l.loginID);
      for (const a of mine) claimed.add(a.accountID);
      const accountViews = mine.map((a) => accountView(a, b.network ?? bridgeName));
      const loginAttention = LOGIN_ATTENTION.has(l.status);
      const needsAttention = loginAttention || accountViews.some((a) => a.needsAttention);
      const identity = identityOf(l.user ?? mine[0]?.user, l.loginID);
      if (needsAttention) {
        const worst = loginAttention ? l.status : (accountViews.find((a) => a.needsAttention)?.status ?? l.status);
        attention.push({
          bridgeID: b.id,
          bridgeName,
          loginID: l.loginID,
          accountID: mine[0]?.accountID ?? null,
          identity,
          status: worst,
          message: l.statusText ?? accountViews.find((a) => a.needsAttention)?.statusText ?? ATTENTION_MESSAGE[worst] ?? 'Needs attention',
        });
      }
      return {
        bridgeID: b.id,
        loginID: l.loginID,
        status: l.status,
        statusText: l.statusText ?? null,
        identity,
        removeScopes: l.removeScopes,
        accounts: accountViews,
        needsAttention,
      };
    });
    const otherAccounts = accounts.filter((a) => !claimed.has(a.accountID)).map((a) => accountView(a, b.network ?? bridgeName));
    for (const a of otherAccounts) {
      if (!a.needsAttention) continue;
      const raw = accounts.find((x) => x.accountID === a.accountID)!;
      attention.push({
        bridgeID: b.id,
        bridgeName,
        loginID: raw.loginID ?? null,
        accountID: a.accountID,
        identity: a.identity,
        status: a.status ?? 'unknown',
        message: a.statusText ?? ATTENTION_MESSAGE[a.status ?? ''] ?? 'Needs attention',
      });
    }
    const reason = unavailableReason(b);
    networks.push({
      bridgeID: b.id,
      displayName: bridgeName,
      network: b.network ?? bridgeName,
      provider: b.provider,
      type: b.type,
      status: b.status,
      statusText: b.statusText ?? null,
      supportsMultipleAccounts: b.supportsMultipleAccounts,
      canAddAccount: reason === null,
      // Beeper itself cannot be reconnected here, nor accounts whose bridge is not known.
      canReconnect: b.id !== BEEPER_BRIDGE && !b.id.startsWith(UNNAMED_BRIDGE),
      isBeeper: b.id === BEEPER_BRIDGE,
      unavailableReason: reason,
      logins: loginViews,
      otherAccounts,
    });
  }

  return { networks, needsAttention: attention, ...meta };
}

export const emptyAccountsView = (): AccountsView => ({ networks: [], needsAttention: [], lastRefreshedAt: null, refreshing: false, error: null });
