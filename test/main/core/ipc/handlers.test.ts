/**
 * main/core/ipc/handlers.ts: each channel reaches the core method it names, and core events reach a
 * transport only through the contract. Every channel is also run end to end against the simulator
 * in test/main/core/account-manager/ipc-and-secrets.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { AccountManager } from '../../../../main/core/account-manager.ts';
import { forwardCoreEvents, registerCoreHandlers } from '../../../../main/core/ipc/handlers.ts';
import { IpcRegistry, type SenderInfo } from '../../../../main/core/ipc/registry.ts';
import { Logger } from '../../../../main/core/log.ts';

const sender: SenderInfo = { transport: 'websocket', id: 't', url: 'http://t' };

function fakeCore() {
  const calls: string[] = [];
  let listener: ((event: string, payload: unknown) => void) | null = null;
  const core = {
    auth: { cancelSignIn: () => void calls.push('auth.cancelSignIn') },
    sessions: { dismiss: (id: string) => (calls.push(`sessions.dismiss ${id}`), Promise.resolve()) },
    subscribe: (l: (event: string, payload: unknown) => void) => ((listener = l), () => void (listener = null)),
  } as unknown as AccountManager;
  return { core, calls, emit: (event: string, payload: unknown) => listener?.(event, payload) };
}

describe('core handlers', () => {
  it('cancelling a sign-in and dismissing a login reach the core and answer null', async () => {
    const f = fakeCore();
    const registry = new IpcRegistry({ log: new Logger(), isTrustedSender: () => true });
    registerCoreHandlers(registry, f.core);
    expect(await registry.invoke('auth.cancelSignIn', undefined, sender)).toEqual({ ok: true, value: null });
    expect(await registry.invoke('sessions.dismiss', { sessionID: 'ses_1' }, sender)).toEqual({ ok: true, value: null });
    expect(f.calls).toEqual(['auth.cancelSignIn', 'sessions.dismiss ses_1']);
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
