/**
 * The core's handlers, one per contract channel. The shell adds its own (e.g. the cookie-capture
 * window) on the same registry; a channel without a handler answers "unknown request".
 */
import type { Core } from '../account-manager.ts';
import type { IpcRegistry } from './registry.ts';

export function registerCoreHandlers(registry: IpcRegistry, core: Core): void {
  registry.handle('app.getState', () => core.snapshot());
  registry.handle('connection.retry', () => core.findDesktop());
  registry.handle('connection.setAddress', ({ baseURL }) => core.setServerAddress(baseURL));
  registry.handle('auth.signIn', () => core.signIn());
  registry.handle('auth.cancelSignIn', () => {
    core.cancelSignIn();
    return null;
  });
  registry.handle('auth.useToken', ({ token }) => core.useToken(token));
  registry.handle('auth.setPlaintextConsent', ({ allow }) => core.setPlaintextConsent(allow));
  registry.handle('auth.signOut', () => core.signOut());
  registry.handle('accounts.refresh', () => core.refreshAccounts());
  registry.handle('accounts.history', (target) => core.accountHistory(target));
  registry.handle('accounts.clearHistory', () => {
    core.clearHistory();
    return null;
  });
  registry.handle('bridges.getFlows', ({ bridgeID }) => core.loginFlows(bridgeID));
  registry.handle('sessions.start', (req) => core.startSession(req));
  registry.handle('sessions.reconnect', (target) => core.reconnect(target));
  registry.handle('reconnects.startAll', () => core.startReconnectAll());
  registry.handle('reconnects.skip', () => core.skipReconnect());
  registry.handle('reconnects.stop', () => core.stopReconnectAll());
  registry.handle('reconnects.close', () => {
    core.closeReconnectAll();
    return null;
  });
  registry.handle('sessions.submitInput', ({ sessionID, fields }) => core.submitInput(sessionID, fields));
  registry.handle('sessions.submitCookies', ({ sessionID, fields, lastURL }) => core.submitCookies(sessionID, fields, { source: 'api', lastURL }));
  registry.handle('sessions.cancel', ({ sessionID }) => core.cancelSession(sessionID));
  registry.handle('sessions.dismiss', async ({ sessionID }) => {
    await core.dismissSession(sessionID);
    return null;
  });
  registry.handle('logins.remove', ({ bridgeID, loginID, scope }) => core.removeLogin(bridgeID, loginID, scope));
  registry.handle('settings.update', (patch) => core.updateSettings(patch));
  registry.handle('help.diagnostics', () => core.diagnostics());
  registry.handle('updates.check', () => core.checkForUpdates());
  registry.handle('updates.restart', () => core.restartToUpdate());
  registry.handle('ui.rememberPlace', (place) => {
    core.place.remember(place);
    return null;
  });
  registry.handle('ui.ready', () => {
    core.place.windowReady();
    return null;
  });
}

/** Forwards the core's events through the registry's validation to a transport's publisher. */
export function forwardCoreEvents(core: Core, registry: IpcRegistry, publish: (channel: string, payload: unknown) => void): () => void {
  return core.subscribe((event, payload) => {
    const checked = registry.event(event, payload);
    if (checked !== null) publish(event, checked);
  });
}
