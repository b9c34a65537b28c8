/**
 * What a launch (or a second launch, passed on by the single-instance lock) asks for, from its
 * command line or a `beeper-account-manager://` link.
 */
import { reconnectAllRoute } from '../../preload/contract/routes.ts';
import type { EventPayload } from '../../preload/contract/schemas.ts';
import type { ReconnectAllView } from '../../preload/contract/views.ts';

export const PROTOCOL = 'beeper-account-manager';

export type LaunchAction =
  | { type: 'show' }
  | { type: 'hidden' }
  | { type: 'add-account'; bridgeID?: string | undefined }
  /**
   * `confirm`: it came from outside the app (a link, a command line) and only opens a screen that
   * asks first; from the tray or a notification the user already chose it in the app.
   */
  | { type: 'reconnect'; bridgeID: string; loginID: string | null; accountID: string | null; confirm: boolean }
  /** From the tray only: the guided queue through every account that needs login. */
  | { type: 'reconnect-all' };

const ID = /^[A-Za-z0-9._:@+=-]{1,256}$/;

/**
 * Parses argv (Electron's, so it starts with the executable and maybe the app path).
 *   --hidden                          start in the tray (start at login)
 *   --add-account[=<bridgeID>]
 *   --reconnect=<bridgeID>/<loginID>
 *   beeper-account-manager://reconnect/<bridgeID>/<loginID>   beeper-account-manager://add/<bridgeID>
 * Anything unknown or malformed just shows the window. A reconnect asked for here is never started
 * without the user's confirmation: links can come from anywhere.
 */
export function parseLaunch(argv: readonly string[]): LaunchAction {
  for (const arg of argv) {
    const action = arg.startsWith(`${PROTOCOL}://`) ? parseLink(arg) : parseFlag(arg);
    if (action) return action;
  }
  return { type: 'show' };
}

const reconnect = (bridgeID: string, loginID: string): LaunchAction => ({ type: 'reconnect', bridgeID, loginID, accountID: null, confirm: true });

function parseFlag(arg: string): LaunchAction | null {
  if (arg === '--hidden') return { type: 'hidden' };
  if (arg === '--add-account') return { type: 'add-account' };
  const add = /^--add-account=(.+)$/.exec(arg);
  if (add && ID.test(add[1]!)) return { type: 'add-account', bridgeID: add[1] };
  const re = /^--reconnect=([^/]+)\/(.+)$/.exec(arg);
  if (re && ID.test(re[1]!) && ID.test(re[2]!)) return reconnect(re[1]!, re[2]!);
  return null;
}

function parseLink(arg: string): LaunchAction | null {
  let parts: string[];
  try {
    const u = new URL(arg);
    parts = [u.host, ...u.pathname.split('/').filter(Boolean)].map((p) => decodeURIComponent(p));
  } catch {
    return null; // a malformed link just shows the window
  }
  if (parts[0] === 'reconnect' && parts.length === 3 && parts.every((p) => ID.test(p))) return reconnect(parts[1]!, parts[2]!);
  if (parts[0] === 'add' && (parts.length === 1 || (parts.length === 2 && ID.test(parts[1]!)))) return { type: 'add-account', bridgeID: parts[1] };
  return null;
}

export interface LaunchDeps {
  showWindow(): void;
  /** Starts a reconnect session; returns its ID, or null when it could not start. */
  startReconnect(bridgeID: string, loginID: string | null, accountID: string | null): Promise<string | null>;
  /** Starts "Reconnect all" (or finds it running); null when it could not start. */
  startReconnectAll(): Promise<ReconnectAllView | null>;
  /** Shows a screen: the contract's navigation request, the window's route. */
  navigate(to: EventPayload<'ui.navigate'>): void;
}

/** Carries out what a launch asked for (the first one, or a second one passed on by the lock). */
export async function performLaunch(action: LaunchAction, deps: LaunchDeps, firstLaunch: boolean): Promise<void> {
  switch (action.type) {
    case 'hidden':
      // Start-at-login starts in the tray; a second launch with --hidden still means "show me".
      if (!firstLaunch) deps.showWindow();
      return;
    case 'show':
      deps.showWindow();
      return;
    case 'add-account':
      deps.showWindow();
      deps.navigate({ to: 'add-account', bridgeID: action.bridgeID });
      return;
    case 'reconnect': {
      deps.showWindow();
      if (action.confirm) {
        // Only a screen that asks: nothing starts, and no login in progress is cancelled, until the user says so.
        deps.navigate({ to: 'confirm-reconnect', bridgeID: action.bridgeID, loginID: action.loginID, accountID: action.accountID });
        return;
      }
      const sessionID = await deps.startReconnect(action.bridgeID, action.loginID, action.accountID);
      deps.navigate(sessionID ? { to: 'session', sessionID } : { to: 'accounts' });
      return;
    }
    case 'reconnect-all':
      deps.showWindow();
      deps.navigate(reconnectAllRoute(await deps.startReconnectAll()));
  }
}

/**
 * Environment variables that only tests and side-by-side development runs may use (another
 * profile folder, test hooks). A packaged build ignores them: nothing outside the app can redirect
 * its data or turn hooks on.
 */
export const TEST_ONLY_ENV = ['BAM_USER_DATA_DIR', 'BAM_E2E', 'BAM_WINDOW_GRACE_MS'] as const;

export function testOnlyEnv(name: (typeof TEST_ONLY_ENV)[number], env: NodeJS.ProcessEnv, isPackaged: boolean): string | undefined {
  return isPackaged ? undefined : env[name];
}
