/**
 * The simulator's world: bridges (scenario definitions), bridge logins and their chat accounts,
 * OAuth clients/codes/tokens. Everything the wire shows is derived from here.
 */
import type { BridgeDef, Identity } from './flow.ts';
import { loginIDFor } from './ids.ts';
import type {
  AccountStatus,
  BridgeStatus,
  LoginStatus,
  WireAccount,
  WireBridge,
  WireBridgeLogin,
  WireUser,
} from './wire.ts';

export interface SimLogin {
  bridgeID: string;
  loginID: string;
  status: LoginStatus;
  statusText?: string | undefined;
  user: WireUser;
  accountIDs: string[];
  remoteKey: string;
  remembered: Record<string, string>;
}

export interface SimAccount {
  accountID: string;
  bridgeID: string;
  loginID: string;
  user: WireUser;
  network?: string | undefined;
  /** Set through test control; otherwise the status follows the login's. */
  statusOverride?: AccountStatus | undefined;
  statusText?: string | undefined;
}

export interface SimToken {
  id: string;
  token: string;
  clientID: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number | null;
  revoked: boolean;
}

export interface SimClient {
  clientID: string;
  clientName: string;
  redirectURIs: string[];
  registered: boolean;
}

export interface SimAuthCode {
  code: string;
  clientID: string;
  redirectURI: string;
  challenge: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
  /** Tokens issued from this code; revoked if the code is replayed (RFC 6749 §4.1.2). */
  tokenIDs: string[];
}

/** Default account status for a login status [GUESS: the bridgev2 → Desktop mapping is undocumented]. */
export const ACCOUNT_STATUS_FOR_LOGIN: Record<LoginStatus, AccountStatus> = {
  connected: 'connected',
  connecting: 'connecting',
  needs_login: 'reconnect_required',
  logged_out: 'connection_required',
  unknown: 'disconnected',
};

export class SimState {
  readonly bridges = new Map<string, BridgeDef>();
  readonly bridgeStatus = new Map<string, { status: BridgeStatus; statusText?: string | undefined }>();
  readonly logins = new Map<string, SimLogin>(); // key: bridgeID/loginID
  readonly accounts = new Map<string, SimAccount>(); // key: accountID
  readonly tokens = new Map<string, SimToken>(); // key: token
  readonly clients = new Map<string, SimClient>();
  readonly authCodes = new Map<string, SimAuthCode>();

  constructor(bridges: BridgeDef[]) {
    for (const b of bridges) this.bridges.set(b.id, b);
  }

  bridge(id: string): BridgeDef | undefined {
    return this.bridges.get(id);
  }

  login(bridgeID: string, loginID: string): SimLogin | undefined {
    return this.logins.get(`${bridgeID}/${loginID}`);
  }

  loginsOf(bridgeID: string): SimLogin[] {
    return [...this.logins.values()].filter((l) => l.bridgeID === bridgeID);
  }

  accountsOf(bridgeID: string): SimAccount[] {
    return [...this.accounts.values()].filter((a) => a.bridgeID === bridgeID);
  }

  accountStatus(a: SimAccount): AccountStatus {
    if (a.statusOverride) return a.statusOverride;
    const login = this.login(a.bridgeID, a.loginID);
    return login ? ACCOUNT_STATUS_FOR_LOGIN[login.status] : 'disconnected';
  }

  bridgeStatusOf(def: BridgeDef): { status: BridgeStatus; statusText?: string | undefined } {
    const override = this.bridgeStatus.get(def.id);
    if (override) return override;
    if (def.fixedStatus) return { status: def.fixedStatus, statusText: def.statusText };
    if (!def.supportsMultipleAccounts && this.loginsOf(def.id).length > 0) {
      return { status: 'connected', statusText: `${def.displayName} is already connected` };
    }
    return { status: 'available' };
  }

  // ------------------------------------------------------------------ wire views

  wireAccount(a: SimAccount, legacy: boolean): WireAccount {
    const def = this.bridges.get(a.bridgeID);
    const out: WireAccount = {
      accountID: a.accountID,
      bridge: { id: a.bridgeID, provider: def?.provider ?? 'local', type: def?.type ?? a.bridgeID },
      user: { ...a.user },
    };
    const network = a.network ?? def?.network;
    if (network) out.network = network;
    if (!legacy) {
      out.status = this.accountStatus(a);
      out.loginID = a.loginID;
      const login = this.login(a.bridgeID, a.loginID);
      const text = a.statusText ?? login?.statusText;
      if (text) out.statusText = text;
    }
    return out;
  }

  wireLogin(l: SimLogin): WireBridgeLogin {
    const def = this.bridges.get(l.bridgeID);
    const out: WireBridgeLogin = {
      bridgeID: l.bridgeID,
      loginID: l.loginID,
      removeScopes: [...(def?.removeScopes ?? [])],
      status: l.status,
      accountIDs: [...l.accountIDs],
      user: { ...l.user },
    };
    if (l.statusText) out.statusText = l.statusText;
    return out;
  }

  wireBridge(def: BridgeDef, legacy: boolean): WireBridge {
    const accounts = this.accountsOf(def.id);
    const { status, statusText } = this.bridgeStatusOf(def);
    const out: WireBridge = {
      id: def.id,
      accounts: accounts.map((a) => this.wireAccount(a, legacy)),
      activeAccountCount: accounts.filter((a) => this.accountStatus(a) !== 'disabled').length,
      displayName: def.displayName,
      provider: def.provider,
      status,
      supportsMultipleAccounts: def.supportsMultipleAccounts,
      type: def.type,
      network: def.network,
    };
    if (statusText) out.statusText = statusText;
    return out;
  }

  // ------------------------------------------------------------------ mutations

  /**
   * Creates or restores the login for a remote identity (bridgev2: same remote ID ⇒ same
   * UserLoginID). When reconnecting login X but a different remote account signed in, X is logged
   * out and deleted (LOGIN_OVERRIDDEN, docs/beeper-desktop-api.md §3.6).
   */
  completeLogin(def: BridgeDef, identity: Identity, reconnectLoginID?: string): { login: SimLogin; accounts: SimAccount[] } {
    const loginID = def.loginIDFor ? def.loginIDFor(identity) : loginIDFor(def.id, identity.remoteKey);
    if (reconnectLoginID && reconnectLoginID !== loginID) this.removeLogin(def.id, reconnectLoginID);

    const accountIDs = def.accountIDsFor ? def.accountIDsFor(loginID, identity) : [`${def.id}_${loginID}`];
    const previous = this.login(def.id, loginID);
    if (previous) {
      for (const old of previous.accountIDs) if (!accountIDs.includes(old)) this.accounts.delete(old);
    }
    const userID =
      identity.userID ?? (def.provider === 'local' ? loginID : `@${identity.remoteKey.replace(/[^a-z0-9._=-]/gi, '').toLowerCase()}:beeper.com`);
    const user: WireUser = { id: userID, ...identity.user, isSelf: true };
    const login: SimLogin = {
      bridgeID: def.id,
      loginID,
      status: 'connected',
      statusText: undefined,
      user,
      accountIDs,
      remoteKey: identity.remoteKey,
      remembered: { ...(previous?.remembered ?? {}), ...(identity.remembered ?? {}) },
    };
    this.logins.set(`${def.id}/${loginID}`, login);
    const accounts = accountIDs.map((accountID, i) => {
      const extra = identity.accounts?.[i];
      const account: SimAccount = {
        accountID,
        bridgeID: def.id,
        loginID,
        user: { ...user, ...(extra?.user ?? {}) },
        network: extra?.network ?? def.network,
      };
      this.accounts.set(accountID, account);
      return account;
    });
    return { login, accounts };
  }

  /** Removes a login and its accounts; returns the affected account IDs. */
  removeLogin(bridgeID: string, loginID: string): string[] {
    const login = this.login(bridgeID, loginID);
    if (!login) return [];
    this.logins.delete(`${bridgeID}/${loginID}`);
    const affected = [...this.accounts.values()].filter((a) => a.bridgeID === bridgeID && a.loginID === loginID);
    for (const a of affected) this.accounts.delete(a.accountID);
    return affected.map((a) => a.accountID);
  }

  setLoginStatus(bridgeID: string, loginID: string, status: LoginStatus, statusText?: string): SimLogin | undefined {
    const login = this.login(bridgeID, loginID);
    if (!login) return undefined;
    login.status = status;
    login.statusText = statusText;
    for (const id of login.accountIDs) {
      const account = this.accounts.get(id);
      if (account) {
        account.statusOverride = undefined;
        account.statusText = undefined;
      }
    }
    return login;
  }

  clearAll(): void {
    this.bridgeStatus.clear();
    this.logins.clear();
    this.accounts.clear();
    this.tokens.clear();
    this.clients.clear();
    this.authCodes.clear();
  }
}
