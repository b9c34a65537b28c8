/**
 * The view models main pushes to the renderer. They carry what the UI shows and nothing else: no
 * token, no typed values, no cookies. Main parses everything it sends through these schemas, which
 * strips any field the contract does not name.
 */
import { z } from 'zod';
import { perToggle } from './settings.ts';
import { LANGUAGES, LANGUAGE_SETTINGS, PSEUDO_LOCALES } from './i18n/locales.ts';
import { ACCOUNT_STATUSES, BRIDGE_STATUSES, LOGIN_STATUSES } from './statuses.ts';

const AccountStatusSchema = z.enum([...ACCOUNT_STATUSES, 'unknown']);
const LoginStatusSchema = z.enum(LOGIN_STATUSES);
const BridgeStatusSchema = z.enum([...BRIDGE_STATUSES, 'unknown']);

export const AppErrorViewSchema = z.object({
  kind: z.string(),
  message: z.string(),
  code: z.string().optional(),
  status: z.number().optional(),
});

// ------------------------------------------------------------------ connection and sign-in

export const ConnectionViewSchema = z.object({
  status: z.enum(['searching', 'not-running', 'running']),
  baseURL: z.string().nullable(),
  /** Addresses probed in the last search, in order. */
  tried: z.array(z.string()),
  configuredURL: z.string().nullable(),
  desktopVersion: z.string().nullable(),
  /** Beeper Desktop's own sign-in state: 'ready', 'needs-login', … or 'unknown'. */
  appState: z.string().nullable(),
  error: AppErrorViewSchema.nullable(),
  checkedAt: z.string().nullable(),
});
export type ConnectionView = z.infer<typeof ConnectionViewSchema>;

export const AuthViewSchema = z.object({
  status: z.enum(['signed-out', 'signing-in', 'signed-in']),
  source: z.enum(['oauth', 'manual']).nullable(),
  expiresAt: z.string().nullable(),
  scopes: z.array(z.string()),
  reason: AppErrorViewSchema.nullable(),
  /** Signed out because the sign-in expired or was no longer accepted: the window asks to connect again. */
  connectAgain: z.boolean(),
  storage: z.object({
    persistent: z.boolean(),
    backend: z.string(),
    needsConsent: z.boolean(),
    reason: z.string().nullable(),
    /** Where the sign-in is kept, in one sentence a person would say. */
    summary: z.string(),
  }),
});
export type AuthView = z.infer<typeof AuthViewSchema>;

// ------------------------------------------------------------------ accounts

export const IdentityViewSchema = z.object({
  name: z.string(),
  /** Phone number, @username or email, whichever identifies the account best. */
  detail: z.string().nullable(),
  /** Only data: URLs: the renderer loads nothing remote. */
  avatarURL: z.string().nullable(),
});
export type IdentityView = z.infer<typeof IdentityViewSchema>;

/**
 * What reconnecting an account offers, decided by the core: `needed` (it needs a login: its row offers
 * Reconnect), `offered` (it works: "Log in again…" in its details, which says what that does first),
 * `none` (Beeper itself, or a bridge this app cannot start a login on).
 */
export const ReconnectOfferSchema = z.enum(['needed', 'offered', 'none']);
export type ReconnectOffer = z.infer<typeof ReconnectOfferSchema>;

export const AccountViewSchema = z.object({
  accountID: z.string(),
  network: z.string(),
  /** null with the older API shape that has no status. */
  status: AccountStatusSchema.nullable(),
  statusText: z.string().nullable(),
  identity: IdentityViewSchema,
  /** What tells it apart from its login's other accounts: its network when that is its own ("Slack (Acme Inc)"), else its name. */
  label: z.string(),
  needsAttention: z.boolean(),
  reconnect: ReconnectOfferSchema,
});
export type AccountView = z.infer<typeof AccountViewSchema>;

export const RemoveScopeSchema = z.enum(['current-device', 'all-devices']);
export type RemoveScope = z.infer<typeof RemoveScopeSchema>;

export const LoginViewSchema = z.object({
  bridgeID: z.string(),
  loginID: z.string(),
  status: LoginStatusSchema,
  statusText: z.string().nullable(),
  identity: IdentityViewSchema,
  removeScopes: z.array(RemoveScopeSchema),
  accounts: z.array(AccountViewSchema),
  /** Its accounts are worth listing under it: more than one, or one on another network than the bridge's. */
  listsAccounts: z.boolean(),
  needsAttention: z.boolean(),
  reconnect: ReconnectOfferSchema,
});
export type LoginView = z.infer<typeof LoginViewSchema>;

export const NetworkViewSchema = z.object({
  bridgeID: z.string(),
  displayName: z.string(),
  network: z.string(),
  provider: z.string(),
  type: z.string(),
  status: BridgeStatusSchema,
  statusText: z.string().nullable(),
  supportsMultipleAccounts: z.boolean(),
  /** A new account can be connected now; otherwise `unavailableReason` says why not. */
  canAddAccount: z.boolean(),
  /** Its logins can be reconnected from here. */
  canReconnect: z.boolean(),
  /** Beeper's own account (its Matrix login), not a chat network: never added or reconnected here. */
  isBeeper: z.boolean(),
  unavailableReason: z.string().nullable(),
  /** What the user can do about it, when there is something ("Turn it on in Beeper Desktop's settings."). */
  unavailableFix: z.string().nullable(),
  logins: z.array(LoginViewSchema),
  /** Accounts whose login is not listed (older servers, or a login the bridge does not report). */
  otherAccounts: z.array(AccountViewSchema),
  /** Shown in the account list: it has a login or an account. */
  listed: z.boolean(),
});
export type NetworkView = z.infer<typeof NetworkViewSchema>;

export const AttentionItemSchema = z.object({
  bridgeID: z.string(),
  bridgeName: z.string(),
  loginID: z.string().nullable(),
  accountID: z.string().nullable(),
  identity: IdentityViewSchema,
  /** The login's status when it needs a login, else its account's. */
  status: z.union([LoginStatusSchema, AccountStatusSchema]),
  message: z.string(),
});
export type AttentionItem = z.infer<typeof AttentionItemSchema>;

export const AccountsViewSchema = z.object({
  networks: z.array(NetworkViewSchema),
  needsAttention: z.array(AttentionItemSchema),
  /** Some network other than Beeper itself has an account: else the list invites adding the first. */
  hasChatAccounts: z.boolean(),
  lastRefreshedAt: z.string().nullable(),
  refreshing: z.boolean(),
  /** The last refresh failed; the data shown is from `lastRefreshedAt`. */
  error: AppErrorViewSchema.nullable(),
});
export type AccountsView = z.infer<typeof AccountsViewSchema>;

// ------------------------------------------------------------------ account history

/**
 * Why a history entry was written: where an account stood when this app first saw it (`seen`: not
 * when that began), a change this app observed, or something the user did through it.
 */
export const HISTORY_CAUSES = ['seen', 'observed', 'connected', 'reconnected', 'removed'] as const;

export const HistoryEntryViewSchema = z.object({
  at: z.string(),
  /** The status as the API named it (a newer one as it came). */
  status: z.string(),
  /** The network's own words for it, when it gave any. */
  reason: z.string().nullable(),
  cause: z.enum(HISTORY_CAUSES),
  /** Which account it is about, when the login holds several (Slack workspaces); else null. */
  account: z.string().nullable(),
});
export type HistoryEntryView = z.infer<typeof HistoryEntryViewSchema>;

/** One account's (or one login's) history, as its details show it. */
export const AccountHistoryViewSchema = z.object({
  /** Newest first. */
  entries: z.array(HistoryEntryViewSchema),
  /** Since when it is in the status it has now, as far as this app saw; null when it never saw a change. */
  since: z.string().nullable(),
  /** When it dropped in the last 7 days, if that happened three times or more; else empty. */
  unstable: z.array(z.string()),
});
export type AccountHistoryView = z.infer<typeof AccountHistoryViewSchema>;

/** Which account a details pane, a history or a reconnect is about: a login, an account, or both. */
export const AccountTargetSchema = z.object({ bridgeID: z.string().min(1).max(512), loginID: z.string().min(1).max(512).nullable(), accountID: z.string().min(1).max(512).nullable() });
export type AccountTarget = z.infer<typeof AccountTargetSchema>;
/** A login or an account of a bridge: at least one of the two IDs. */
export const namesOne = (t: { loginID: string | null; accountID: string | null }): boolean => t.loginID !== null || t.accountID !== null;
export const accountTarget = AccountTargetSchema.strict().refine(namesOne, 'names a login or an account');

// ------------------------------------------------------------------ login sessions

export const InputFieldViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  placeholder: z.string().nullable(),
  initialValue: z.string().nullable(),
  optional: z.boolean(),
  /** Normalised input kind for the form control. */
  kind: z.enum(['text', 'password', 'phone', 'email', 'code', 'token', 'url', 'domain', 'username', 'select', 'captcha']),
  pattern: z.string().nullable(),
  options: z.array(z.string()),
});
export type InputFieldView = z.infer<typeof InputFieldViewSchema>;

export const CookieFieldViewSchema = z.object({
  id: z.string(),
  /** What to look for: the cookie, header or storage key name. */
  name: z.string(),
  source: z.enum(['cookie', 'header', 'local_storage', 'request_body', 'special']),
  /** The server marks it required: the form does not submit without it. */
  required: z.boolean(),
  /** The server marks it optional. Neither flag: the server did not say, and decides on submit. */
  optional: z.boolean(),
  pattern: z.string().nullable(),
});
export type CookieFieldView = z.infer<typeof CookieFieldViewSchema>;

export const DisplayViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('qr'), data: z.string() }),
  z.object({
    kind: z.literal('emoji'),
    /** Only a data: URL; null while loading or when the server's picture cannot be shown. */
    imageURL: z.string().nullable(),
    emoji: z.string().nullable(),
    loading: z.boolean(),
  }),
  z.object({ kind: z.literal('code'), data: z.string() }),
  z.object({ kind: z.literal('nothing') }),
  /** A display type newer than this app. */
  z.object({ kind: z.literal('unsupported'), rawType: z.string() }),
]);
export type DisplayView = z.infer<typeof DisplayViewSchema>;

export const StepViewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('user_input'),
    stepID: z.string(),
    instructions: z.string().nullable(),
    fields: z.array(InputFieldViewSchema),
    attachments: z.array(z.object({ kind: z.enum(['image', 'audio', 'file']), name: z.string(), dataURL: z.string().nullable() })),
    /** The network asked again (e.g. an incorrect code). */
    retry: z.boolean(),
  }),
  z.object({
    type: z.literal('cookies'),
    stepID: z.string(),
    instructions: z.string().nullable(),
    url: z.string(),
    fields: z.array(CookieFieldViewSchema),
  }),
  z.object({
    type: z.literal('display_and_wait'),
    stepID: z.string(),
    instructions: z.string().nullable(),
    display: DisplayViewSchema,
    /** Increments each time the network sends a new code, so the UI can announce it. */
    revision: z.number().int(),
  }),
  /** A step or session status newer than this app: finish it in Beeper Desktop, or cancel. */
  z.object({
    type: z.literal('unsupported'),
    stepID: z.string().nullable(),
    instructions: z.string().nullable(),
    /** What the server called it (step type or session status), for the record. */
    rawType: z.string().nullable(),
  }),
]);
export type StepView = z.infer<typeof StepViewSchema>;

export const SessionViewSchema = z.object({
  id: z.string(),
  bridgeID: z.string(),
  bridgeName: z.string(),
  flowID: z.string().nullable(),
  /** A reconnect: which login or account, and who it is (as the account list shows it), so every step can say so. */
  reconnect: z.object({ loginID: z.string().nullable(), accountID: z.string().nullable(), identity: IdentityViewSchema.nullable() }).nullable(),
  phase: z.enum(['starting', 'user_input', 'cookies', 'display_and_wait', 'unsupported', 'complete', 'failed', 'cancelled']),
  /** The session has ended (complete, failed or cancelled): nothing more will happen in it. */
  finished: z.boolean(),
  /** A submit is in flight: the form is disabled. */
  busy: z.boolean(),
  step: StepViewSchema.nullable(),
  /** A rejected submit the user can correct; the step stays. */
  stepError: AppErrorViewSchema.nullable(),
  /** Why the session ended, when it failed. */
  error: AppErrorViewSchema.nullable(),
  result: z
    .object({
      loginID: z.string(),
      accountIDs: z.array(z.string()),
      identity: IdentityViewSchema.nullable(),
      network: z.string(),
      restored: z.boolean(),
    })
    .nullable(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** "Reconnect all": the queue through every account that needs login, and how each went. */
export const ReconnectAllViewSchema = z.object({
  /** Every account was gone through, or the user stopped: the summary shows. */
  finished: z.boolean(),
  /** The index of the account being reconnected now, if any. */
  current: z.number().int().nullable(),
  items: z.array(
    z.object({
      bridgeID: z.string(),
      bridgeName: z.string(),
      loginID: z.string().nullable(),
      accountID: z.string().nullable(),
      identity: IdentityViewSchema,
      outcome: z.enum(['waiting', 'current', 'reconnected', 'skipped', 'failed', 'not-reached']),
      /** Why it failed, in the app's words. */
      error: z.string().nullable(),
      /** Its login, while it runs. */
      sessionID: z.string().nullable(),
    }),
  ),
  /** Accounts that need login but cannot be reconnected from here, with the reason. */
  unavailable: z.array(z.object({ bridgeName: z.string(), identity: IdentityViewSchema, reason: z.string() })),
});
export type ReconnectAllView = z.infer<typeof ReconnectAllViewSchema>;

export const LoginFlowViewSchema = z.object({ id: z.string(), name: z.string(), description: z.string().nullable() });
export type LoginFlowView = z.infer<typeof LoginFlowViewSchema>;

export const SettingsViewSchema = z.object({
  baseURL: z.string().nullable(),
  ...perToggle(() => z.boolean()),
  /** The Settings choice. */
  language: z.enum(LANGUAGE_SETTINGS),
  /** What it resolves to with the system's languages: the window speaks this. */
  locale: z.object({ locale: z.string(), catalogue: z.enum([...LANGUAGES, ...PSEUDO_LOCALES]), dir: z.enum(['ltr', 'rtl']) }),
  allowPlaintextToken: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** The auto-updater, as the window shows it. */
export const UpdaterViewSchema = z.object({
  status: z.enum(['idle', 'checking', 'available', 'downloading', 'ready', 'up-to-date', 'error', 'unsupported']),
  currentVersion: z.string(),
  /** The version found, being downloaded, or ready to install. */
  version: z.string().nullable(),
  percent: z.number().nullable(),
  /** What to tell the user now: the state, why checking failed, or why this install cannot update itself. */
  summary: z.string(),
  downloadURL: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type UpdaterView = z.infer<typeof UpdaterViewSchema>;

/** What the host around the core can do (Electron shell vs browser preview). */
export const CapabilitiesSchema = z.object({
  /** A browser window that signs in and captures cookies by itself (Electron only). */
  captureWindow: z.boolean(),
  /** The host can show native notifications, a tray, and update itself. */
  desktopShell: z.boolean(),
  /** Start at login works here (packaged builds: a login item on macOS and Windows, an XDG autostart entry on Linux). */
  startAtLogin: z.boolean(),
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;

// ------------------------------------------------------------------ the window's place

/** Which screen shows: one name per screen, main and window alike. */
const routeID = z.string().min(1).max(512);
export const RouteSchema = z.discriminatedUnion('to', [
  /** The account list; with `selected`, that account's details beside it (or instead of it, in a narrow window). */
  z.object({ to: z.literal('accounts'), selected: accountTarget.optional() }),
  z.object({ to: z.literal('add-account'), bridgeID: routeID.optional() }),
  z.object({ to: z.literal('session'), sessionID: routeID }),
  /** Reconnect all: the account being reconnected, or the summary. */
  z.object({ to: z.literal('reconnect-all') }),
  /** A reconnect asked for from outside the app (a link): the user confirms first. */
  z.object({ to: z.literal('confirm-reconnect'), bridgeID: routeID, loginID: routeID.nullable(), accountID: routeID.nullable() }),
]);
export type Route = z.infer<typeof RouteSchema>;

/**
 * Where the user is in the window: kept by main, so that a window closed to the tray, destroyed and
 * opened again shows the same screen with the same search and folded sections.
 */
export const WindowPlaceSchema = z
  .object({
    route: RouteSchema,
    listFilter: z.object({ query: z.string().max(256), attentionOnly: z.boolean() }).strict(),
    collapsed: z.array(z.string().min(1).max(512)).max(1000),
  })
  .strict();
export type WindowPlace = z.infer<typeof WindowPlaceSchema>;

export const AppSnapshotSchema = z.object({
  capabilities: CapabilitiesSchema,
  connection: ConnectionViewSchema,
  auth: AuthViewSchema,
  accounts: AccountsViewSchema,
  sessions: z.array(SessionViewSchema),
  reconnectAll: ReconnectAllViewSchema.nullable(),
  settings: SettingsViewSchema,
  updater: UpdaterViewSchema,
  /** Where the last window was; null before any window told. */
  place: WindowPlaceSchema.nullable(),
});
export type AppSnapshot = z.infer<typeof AppSnapshotSchema>;
