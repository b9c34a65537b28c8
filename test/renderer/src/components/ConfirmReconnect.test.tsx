// @vitest-environment happy-dom
/** renderer/src/components/ConfirmReconnect.tsx: a reconnect a link asked for starts only once confirmed. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useApp, type Route } from '../../../../renderer/src/store.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { accounts, session, snapshot, someNetworks } from '../../../support/views.ts';

afterEach(cleanup);

const ask = (bridgeID: string, loginID: string | null): Route => ({ to: 'confirm-reconnect', bridgeID, loginID, accountID: null });

describe('ConfirmReconnectScreen', () => {
  it('names the account and starts nothing until confirmed', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()) }), ask('telegram', 'tg1'));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Reconnect Telegram · @alex?');
    expect(main.callsTo('sessions.reconnect')).toEqual([]);
    main.answer('sessions.reconnect', () => session(null, { id: 's3' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's3' }));
    // Which IDs reach Beeper Desktop is the core's rule: the window says which account.
    expect(main.callsTo('sessions.reconnect')).toEqual([{ bridgeID: 'telegram', loginID: 'tg1', accountID: null }]);
  });

  it('warns that a login in progress on that network stops', async () => {
    await renderApp(snapshot({ accounts: accounts(someNetworks()), sessions: [session(null, { bridgeID: 'telegram' })] }), ask('telegram', 'tg1'));
    expect(screen.getByText('This stops the login to Telegram that is in progress.')).toBeTruthy();
  });

  it('Cancel goes back without starting anything', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()) }), ask('telegram', 'tg1'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
    expect(main.callsTo('sessions.reconnect')).toEqual([]);
  });

  it.each([
    ['an unknown login', ask('telegram', 'nope')],
    ['an unknown network', ask('nope', 'tg1')],
    ['Beeper itself', ask('matrix', 'me')],
  ])('%s: "Account not found", nothing changed', async (_name, route) => {
    await renderApp(snapshot({ accounts: accounts(someNetworks()) }), route);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Account not found');
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
  });
});
