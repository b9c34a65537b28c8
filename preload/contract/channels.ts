/**
 * Channel names of the IPC contract, with the renderer-facing method each one becomes. Plain
 * constants (no runtime dependencies) so the sandboxed preload stays tiny; the schemas for each
 * channel live in ./schemas.ts and are enforced by main.
 */

/** renderer → main request/response channels, keyed by the preload method name. */
export const INVOKE = {
  getState: 'app.getState',
  retryConnection: 'connection.retry',
  openBeeperDesktop: 'connection.openBeeperDesktop',
  setServerAddress: 'connection.setAddress',
  signIn: 'auth.signIn',
  cancelSignIn: 'auth.cancelSignIn',
  useToken: 'auth.useToken',
  setPlaintextConsent: 'auth.setPlaintextConsent',
  signOut: 'auth.signOut',
  refreshAccounts: 'accounts.refresh',
  accountHistory: 'accounts.history',
  clearHistory: 'accounts.clearHistory',
  getLoginFlows: 'bridges.getFlows',
  startSession: 'sessions.start',
  reconnect: 'sessions.reconnect',
  startReconnectAll: 'reconnects.startAll',
  skipReconnect: 'reconnects.skip',
  stopReconnectAll: 'reconnects.stop',
  closeReconnectAll: 'reconnects.close',
  submitInput: 'sessions.submitInput',
  submitCookies: 'sessions.submitCookies',
  cancelSession: 'sessions.cancel',
  dismissSession: 'sessions.dismiss',
  openCaptureWindow: 'sessions.openCaptureWindow',
  removeLogin: 'logins.remove',
  updateSettings: 'settings.update',
  diagnostics: 'help.diagnostics',
  saveDiagnostics: 'help.saveDiagnostics',
  openLogs: 'help.openLogs',
  checkForUpdates: 'updates.check',
  restartToUpdate: 'updates.restart',
  rememberPlace: 'ui.rememberPlace',
  windowReady: 'ui.ready',
} as const;

/** main → renderer pushed events. */
export const EVENTS = {
  connection: 'state.connection',
  auth: 'state.auth',
  accounts: 'state.accounts',
  session: 'state.session',
  sessionRemoved: 'state.sessionRemoved',
  reconnectAll: 'state.reconnectAll',
  settings: 'state.settings',
  updater: 'state.updater',
  /** The shell asks the UI to show something (a tray item, a notification click). */
  navigate: 'ui.navigate',
} as const;

export type InvokeMethod = keyof typeof INVOKE;
export type InvokeChannel = (typeof INVOKE)[InvokeMethod];
export type EventName = keyof typeof EVENTS;
export type EventChannel = (typeof EVENTS)[EventName];

/** What crosses the transport for every invoke: never a thrown error, always an envelope. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string; code?: string } };

/** The name the API is exposed under on `window` (Electron) / provided by the WebSocket bridge (browser). */
export const API_KEY = 'beeperAccountManager';
