// @vitest-environment happy-dom
/** renderer/src/App.tsx: the window around the screens — header, banners, notices, and where main sends the user. */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/src/App.tsx';
import { useApp } from '../../../renderer/src/store.ts';
import { renderApp } from '../../support/renderer/render-app.tsx';
import { accounts, session, snapshot, someNetworks } from '../../support/views.ts';

afterEach(cleanup);

describe('App', () => {
  it('before the first snapshot: a splash, nothing else', () => {
    useApp.setState(useApp.getInitialState(), true);
    render(<App />);
    expect(screen.getByText('Starting')).toBeTruthy();
    expect(screen.queryByRole('banner')).toBeNull();
  });

  it('Beeper Desktop lost while signed in: the accounts stay, with a banner saying why', async () => {
    const base = snapshot({ accounts: accounts(someNetworks()) });
    await renderApp({ ...base, connection: { ...base.connection, status: 'not-running', error: { kind: 'not_running', message: 'Beeper Desktop stopped answering. Looking for it again…' } } });
    expect(screen.getByRole('alert').textContent).toBe('Beeper Desktop stopped answering. Looking for it again… Your accounts are shown as they were last seen; what needs Beeper Desktop is off until it is back. Try again');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Accounts');
    expect(screen.getByText('Beeper Desktop not found')).toBeTruthy();
  });

  it('an update ready: a banner to restart', async () => {
    const { main } = await renderApp(snapshot({ updater: { ...snapshot().updater, status: 'ready', version: '1.2.0', summary: 'Version 1.2.0 is ready to install.' } }));
    const banner = screen.getByRole('region', { name: 'Update' });
    expect(banner.textContent).toContain('Version 1.2.0 of Beeper Account Manager is ready.');
    main.answer('updates.restart', () => snapshot().updater);
    fireEvent.click(screen.getByRole('button', { name: 'Restart to update' }));
    await waitFor(() => expect(main.callsTo('updates.restart')).toHaveLength(1));
  });

  it('a login in progress elsewhere: the header leads back to it', async () => {
    await renderApp(snapshot({ accounts: accounts(someNetworks()), sessions: [session(null, { id: 's1', bridgeName: 'Telegram' })] }), { to: 'add-account' });
    fireEvent.click(screen.getByRole('button', { name: 'Continue adding Telegram' }));
    expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's1' });
  });

  it('follows main’s navigation: a tray item, a notification click', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()), sessions: [session(null, { id: 's1' })] }));
    act(() => main.push('ui.navigate', { to: 'session', sessionID: 's1' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Connecting to Telegram…');
    act(() => main.push('ui.navigate', { to: 'confirm-reconnect', bridgeID: 'telegram', loginID: 'tg1', accountID: null }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Reconnect Telegram · @alex?');
    act(() => main.push('ui.navigate', { to: 'accounts' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Accounts');
  });

  it('a session main removes closes its screen', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()), sessions: [session(null, { id: 's1' })] }), { to: 'session', sessionID: 's1' });
    act(() => main.push('state.sessionRemoved', { sessionID: 's1' }));
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
  });

  it('no one-click sign-out in the header; an error notice stays until dismissed', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    expect(screen.queryByRole('button', { name: /Sign out|Disconnect/ })).toBeNull();
    main.refuse('auth.signOut', { kind: 'unknown', message: 'Could not disconnect.' });
    void useApp.getState().run((api) => api.signOut());
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Could not disconnect.');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('the preview lost its host: says so', async () => {
    await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    act(() => useApp.setState({ hostConnected: false }));
    expect(screen.getByRole('alert').textContent).toBe('Lost the connection to the app. Reconnecting…');
  });
});
