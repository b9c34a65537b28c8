/**
 * main/core/ipc/handlers.ts: each channel reaches the core method it names, and core events reach a
 * transport only through the contract. Every channel is also run end to end against the simulator
 * in test/main/core/account-manager/ipc-and-secrets.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../../main/core/account-manager.ts';
import { forwardCoreEvents, registerCoreHandlers } from '../../../../main/core/ipc/handlers.ts';
import { IpcRegistry, type SenderInfo } from '../../../../main/core/ipc/registry.ts';
import { Logger } from '../../../../main/core/log.ts';
import { AppError } from '../../../../main/core/errors.ts';

const sender: SenderInfo = { transport: 'websocket', id: 't', url: 'http://t' };

function fakeCore() {
  const calls: string[] = [];
  let listener: ((event: string, payload: unknown) => void) | null = null;
  const core = {
    cancelSignIn: () => void calls.push('cancelSignIn'),
    clearHistory: () => void calls.push('clearHistory'),
    dismissSession: (id: string) => (calls.push(`dismissSession ${id}`), Promise.resolve()),
    subscribe: (l: (event: string, payload: unknown) => void) => ((listener = l), () => void (listener = null)),
  } as unknown as Core;
  return { core, calls, emit: (event: string, payload: unknown) => listener?.(event, payload) };
}

describe('core handlers', () => {
  it('cancelling a sign-in, dismissing a login and clearing the history reach the core and answer null', async () => {
    const f = fakeCore();
    const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    registerCoreHandlers(registry, f.core);
    expect(await registry.invoke('auth.cancelSignIn', undefined, sender)).toEqual({ ok: true, value: null });
    expect(await registry.invoke('sessions.dismiss', { sessionID: 'ses_1' }, sender)).toEqual({ ok: true, value: null });
    expect(await registry.invoke('accounts.clearHistory', undefined, sender)).toEqual({ ok: true, value: null });
    expect(f.calls).toEqual(['cancelSignIn', 'dismissSession ses_1', 'clearHistory']);
  });

  it('forwards core events that fit the contract, drops the rest, and stops when asked', () => {
    const f = fakeCore();
    const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    const published: Array<[string, unknown]> = [];
    const stop = forwardCoreEvents(f.core, registry, (channel, payload) => published.push([channel, payload]));
    f.emit('state.sessionRemoved', { sessionID: 'ses_1', extra: 'stripped' });
    f.emit('state.sessionRemoved', { sessionID: 42 });
    expect(published).toEqual([['state.sessionRemoved', { sessionID: 'ses_1' }]]);
    stop();
    f.emit('state.sessionRemoved', { sessionID: 'ses_2' });
    expect(published).toHaveLength(1);
  });
});

describe('every core handler', () => {
  /** A core whose every method answers with an error naming the call, so the reply shows what was called and with what. */
  function recordingCore(): Core {
    const said = (name: string) => (...args: unknown[]) => {
      throw new AppError('unknown', 'called', { code: `${name} ${JSON.stringify(args)}` });
    };
    const methods = ['snapshot', 'findDesktop', 'setServerAddress', 'signIn', 'useToken', 'setPlaintextConsent', 'signOut', 'refreshAccounts', 'accountHistory', 'loginFlows', 'reconnect', 'removeLogin', 'updateSettings', 'checkForUpdates', 'restartToUpdate', 'startSession', 'submitInput', 'submitCookies', 'cancelSession'];
    return Object.fromEntries(methods.map((m) => [m, said(m)])) as unknown as Core;
  }

  it('reaches the core method it names, with the request it was given', async () => {
    const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    registerCoreHandlers(registry, recordingCore());
    const cases: Array<[string, unknown, string]> = [
      ['app.getState', undefined, 'snapshot []'],
      ['connection.retry', undefined, 'findDesktop []'],
      ['connection.setAddress', { baseURL: 'http://127.0.0.1:23373' }, 'setServerAddress ["http://127.0.0.1:23373"]'],
      ['auth.signIn', undefined, 'signIn []'],
      ['auth.useToken', { token: 'tok' }, 'useToken ["tok"]'],
      ['auth.setPlaintextConsent', { allow: true }, 'setPlaintextConsent [true]'],
      ['auth.signOut', undefined, 'signOut []'],
      ['accounts.refresh', undefined, 'refreshAccounts []'],
      ['accounts.history', { bridgeID: 'b', loginID: 'L', accountID: null }, 'accountHistory [{"bridgeID":"b","loginID":"L","accountID":null}]'],
      ['bridges.getFlows', { bridgeID: 'b' }, 'loginFlows ["b"]'],
      ['sessions.start', { bridgeID: 'b' }, 'startSession [{"bridgeID":"b"}]'],
      ['sessions.reconnect', { bridgeID: 'b', loginID: 'L', accountID: null }, 'reconnect [{"bridgeID":"b","loginID":"L","accountID":null}]'],
      ['sessions.submitInput', { sessionID: 'ses_1', fields: { a: '1' } }, 'submitInput ["ses_1",{"a":"1"}]'],
      ['sessions.submitCookies', { sessionID: 'ses_1', fields: { a: '1' }, lastURL: 'https://x.example/' }, 'submitCookies ["ses_1",{"a":"1"},{"source":"api","lastURL":"https://x.example/"}]'],
      ['sessions.cancel', { sessionID: 'ses_1' }, 'cancelSession ["ses_1"]'],
      ['logins.remove', { bridgeID: 'b', loginID: 'L', scope: 'current-device' }, 'removeLogin ["b","L","current-device"]'],
      ['settings.update', { notifications: false }, 'updateSettings [{"notifications":false}]'],
      ['updates.check', undefined, 'checkForUpdates []'],
      ['updates.restart', undefined, 'restartToUpdate []'],
    ];
    for (const [channel, payload, call] of cases) {
      expect(await registry.invoke(channel, payload, sender), channel).toMatchObject({ ok: false, error: { code: call } });
    }
  });
});
