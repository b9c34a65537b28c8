/**
 * Wire shapes the simulator sends in its `bridgev2` profile (docs/beeper-desktop-api.md, Gen D,
 * "logins"): the SDK's fields plus what bridgev2 passes through. `profiles.ts` narrows them to the
 * SDK's fields (`sdk`) or adds a newer server's values (`future`). Kept independent of the app's own
 * client schemas on purpose: the contract tests compare the two.
 */

export type BridgeProvider = 'cloud' | 'self-hosted' | 'local' | 'platform-sdk';
export type BridgeStatus = 'available' | 'connected' | 'limit_reached' | 'temporarily_unavailable' | 'disabled';
export type AccountStatus =
  | 'connected'
  | 'connecting'
  | 'backfilling'
  | 'connection_required'
  | 'reconnect_required'
  | 'attention_required'
  | 'disconnected'
  | 'disabled';
export type LoginStatus = 'connected' | 'connecting' | 'needs_login' | 'logged_out' | 'unknown';
export type RemoveScope = 'current-device' | 'all-devices';
export type SessionStatus =
  | 'waiting_for_input'
  | 'waiting_for_cookies'
  | 'waiting_for_display'
  | 'complete'
  | 'cancelled'
  | 'failed'
  /** `future` profile: e.g. `waiting_for_passkey`. */
  | (string & {});

export interface WireUser {
  id: string;
  username?: string;
  phoneNumber?: string;
  email?: string;
  fullName?: string;
  imgURL?: string;
  cannotMessage?: boolean;
  isSelf?: boolean;
}

export interface WireAccount {
  accountID: string;
  bridge: { id: string; provider: BridgeProvider; type: string };
  status?: AccountStatus;
  user: WireUser;
  capabilities?: Record<string, unknown>;
  loginID?: string;
  network?: string;
  statusText?: string;
}

export interface WireBridge {
  id: string;
  accounts: WireAccount[];
  activeAccountCount: number;
  displayName: string;
  provider: BridgeProvider;
  status: BridgeStatus;
  supportsMultipleAccounts: boolean;
  type: string;
  network?: string;
  statusText?: string;
}

export interface WireBridgeLogin {
  bridgeID: string;
  loginID: string;
  removeScopes: RemoveScope[];
  status: LoginStatus;
  accountIDs?: string[];
  statusText?: string;
  user?: WireUser;
}

export interface WireLoginFlow {
  id: string;
  name?: string;
  description?: string;
}

export interface WireInputField {
  id: string;
  label?: string;
  placeholder?: string;
  initialValue?: string;
  optional?: boolean;
  type?: string;
  /** Extra properties beyond the SDK typing [GUESS]: Desktop may pass bridgev2's pattern/options through. */
  pattern?: string;
  options?: string[];
}

/** bridgev2's `LoginCookieFieldSource`, camelCase as rich clients read it. */
export interface WireCookieSource {
  type: 'cookie' | 'local_storage' | 'request_header' | 'request_body' | 'special';
  name: string;
  cookieDomain?: string;
  requestURLRegex?: string;
}

export interface WireCookieField {
  /** SDK fields: the flat form of the first source. */
  id: string;
  name?: string;
  type?: 'cookie' | 'header' | 'local_storage';
  /** bridgev2 extras (read by beeper/cli): not in the SDK typings. */
  required?: boolean;
  pattern?: string;
  sources?: WireCookieSource[];
}

export interface WireAttachment {
  type: string;
  filename: string;
  content: string;
  info?: { mimetype?: string; w?: number; h?: number; size?: number };
}

export type WireDisplay =
  | { type: 'qr'; data: string }
  | { type: 'emoji'; imageURL: string }
  | { type: 'code'; data: string }
  | { type: 'nothing' }
  /** `future` profile: a display type newer than the SDK. */
  | { type: string; [key: string]: unknown };

export type WireStep =
  | {
      type: 'user_input';
      stepID: string;
      fields: WireInputField[];
      instructions?: string;
      attachments?: WireAttachment[];
    }
  | {
      type: 'cookies';
      stepID: string;
      url: string;
      fields: WireCookieField[];
      expectedFinalURLRegex?: string;
      extractJS?: string;
      instructions?: string;
      userAgent?: string;
    }
  | { type: 'display_and_wait'; stepID: string; display: WireDisplay; instructions?: string }
  | {
      type: 'complete';
      stepID?: string;
      account?: WireAccount;
      login?: WireBridgeLogin;
      instructions?: string;
    }
  /** `future` profile: a step type newer than the SDK (e.g. bridgev2's `webauthn`). */
  | { type: string; stepID: string; instructions?: string; [key: string]: unknown };

export interface WireAPIError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface WireLoginSession {
  bridgeID: string;
  loginSessionID: string;
  status: SessionStatus;
  currentStep?: WireStep;
  account?: WireAccount;
  accountID?: string;
  loginID?: string;
  login?: WireBridgeLogin;
  error?: WireAPIError;
}

export interface WireErrorBody {
  code: string;
  message: string;
  details?: unknown;
}
