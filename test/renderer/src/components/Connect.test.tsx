// @vitest-environment happy-dom
/** renderer/src/components/Connect.tsx: every screen before the account list, and what each asks main to do. */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuthView, ConnectionView } from '../../../../preload/contract/views.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { accounts, snapshot, someNetworks } from '../../../support/views.ts';

afterEach(cleanup);

const base = snapshot();
const signedOut: AuthView = { ...base.auth, status: 'signed-out', source: null, scopes: [] };
const notRunning: ConnectionView = {
  ...base.connection,
  status: 'not-running',
  baseURL: null,
  desktopVersion: null,
  appState: null,
  tried: ['http://127.0.0.1:23373', 'http://localhost:23373'],
  error: { kind: 'not_running', message: 'Beeper Desktop is not running, or its API is turned off (Settings → Developers).' },
};
const title = (): string => screen.getByRole('heading', { level: 1 }).textContent ?? '';

describe('before the account list', () => {
  it('searching', async () => {
    await renderApp(snapshot({ auth: signedOut, connection: { ...base.connection, status: 'searching' } }));
    expect(title()).toBe('Looking for Beeper Desktop…');
  });

  it('not running: says how to turn the API on, where it looked, and tries again on request', async () => {
    const { main } = await renderApp(snapshot({ auth: signedOut, connection: notRunning }));
    expect(title()).toBe('Beeper Desktop is not running');
    expect(screen.getByText(/Settings → Developers/, { selector: 'p' })).toBeTruthy();
    expect(screen.getByText(/Looked at http:\/\/127\.0\.0\.1:23373 and 1 other local address at /)).toBeTruthy();
    main.answer('connection.retry', () => notRunning);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(main.callsTo('connection.retry')).toHaveLength(1));
  });

  it('not running: another address is sent to main; an empty one means "search automatically"', async () => {
    const { main } = await renderApp(snapshot({ auth: signedOut, connection: notRunning }));
    main.answer('connection.setAddress', () => notRunning);
    fireEvent.change(screen.getByLabelText('API address'), { target: { value: ' http://192.168.1.5:23373 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this address' }));
    await waitFor(() => expect(main.callsTo('connection.setAddress')).toHaveLength(1));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Use this address' }).getAttribute('aria-busy')).not.toBe('true'));
    fireEvent.change(screen.getByLabelText('API address'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this address' }));
    await waitFor(() => expect(main.callsTo('connection.setAddress')).toEqual([{ baseURL: 'http://192.168.1.5:23373' }, { baseURL: null }]));
  });

  it('something else answered: says it is not Beeper Desktop', async () => {
    await renderApp(snapshot({ auth: signedOut, connection: { ...notRunning, error: { kind: 'invalid_response', code: 'NOT_BEEPER', message: 'Something at http://127.0.0.1:23373 answered, but not like the Beeper Desktop API.' } } }));
    expect(title()).toBe('That is not Beeper Desktop');
  });

  it('Beeper Desktop itself signed out', async () => {
    await renderApp(snapshot({ auth: signedOut, connection: { ...base.connection, appState: 'needs-login' } }));
    expect(title()).toBe('Sign in to Beeper Desktop first');
  });

  it('signed out: Connect asks main to sign in, and the wait can be cancelled', async () => {
    const { main } = await renderApp(snapshot({ auth: signedOut }));
    expect(title()).toBe('Connect to Beeper Desktop');
    main.answer('auth.signIn', () => ({ ...signedOut, status: 'signing-in' }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(() => expect(main.callsTo('auth.signIn')).toHaveLength(1));
    act(() => main.push('state.auth', { ...signedOut, status: 'signing-in' }));
    expect(screen.getByText(/Waiting for you to approve/)).toBeTruthy();
    main.answer('auth.cancelSignIn', () => null);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(main.callsTo('auth.cancelSignIn')).toHaveLength(1));
  });

  it('an expired sign-in asks to connect again and says why', async () => {
    await renderApp(snapshot({ auth: { ...signedOut, connectAgain: true, reason: { kind: 'token_expired', message: 'Your connection to Beeper Desktop expired. Connect again.' } } }));
    expect(title()).toBe('Connect to Beeper Desktop again');
    expect(screen.getByRole('alert').textContent).toBe('Your connection to Beeper Desktop expired. Connect again.');
  });

  it('a pasted token that main refuses: the reason next to the field', async () => {
    const { main } = await renderApp(snapshot({ auth: signedOut }));
    main.refuse('auth.useToken', { kind: 'unauthorized', message: 'Beeper Desktop did not accept that token.' });
    const field = screen.getByLabelText('Access token');
    expect(screen.getByRole('button', { name: 'Use token' }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(field, { target: { value: 'bad-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use token' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Beeper Desktop did not accept that token.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(main.callsTo('auth.useToken')).toEqual([{ token: 'bad-token' }]);
  });

  it('signed in, accounts not loaded yet: a spinner, not an empty list', async () => {
    await renderApp(snapshot({ accounts: accounts([], { lastRefreshedAt: null }) }));
    expect(screen.getByText('Loading your accounts')).toBeTruthy();
    expect(screen.queryByText('No chat accounts yet')).toBeNull();
  });

  it('no secure storage: offers to keep the sign-in unencrypted, only with consent', async () => {
    const { main } = await renderApp(snapshot({ auth: { ...base.auth, storage: { persistent: false, backend: 'basic_text', needsConsent: true, reason: 'No keyring was found.', summary: 'It is kept only until you quit: this system has no keychain to store it in.' } } }));
    const banner = screen.getByRole('region', { name: 'Sign-in storage' });
    expect(banner.textContent).toContain('No keyring was found.');
    main.answer('auth.setPlaintextConsent', () => base.auth);
    fireEvent.click(screen.getByRole('button', { name: 'Store it unencrypted' }));
    await waitFor(() => expect(main.callsTo('auth.setPlaintextConsent')).toEqual([{ allow: true }]));
  });
});

describe('Open Beeper Desktop', () => {
  const notRunning = (desktopShell: boolean) => {
    const s = snapshot();
    return { ...s, capabilities: { ...s.capabilities, desktopShell }, auth: { ...s.auth, status: 'signed-out' as const }, connection: { ...s.connection, status: 'not-running' as const } };
  };

  it('the desktop shell offers it next to Try again, and asks main; a browser cannot, so it is not offered', async () => {
    const { main } = await renderApp(notRunning(true));
    main.answer('connection.openBeeperDesktop', () => null);
    fireEvent.click(screen.getByRole('button', { name: 'Open Beeper Desktop' }));
    await waitFor(() => expect(main.callsTo('connection.openBeeperDesktop')).toHaveLength(1));
    cleanup();
    await renderApp(notRunning(false));
    expect(screen.queryByRole('button', { name: 'Open Beeper Desktop' })).toBeNull();
  });

  it('signed in, the banner saying Beeper Desktop is gone offers it too', async () => {
    const s = notRunning(true);
    await renderApp({ ...s, auth: snapshot().auth, accounts: accounts(someNetworks()) });
    expect(within(screen.getByRole('alert')).getByRole('button', { name: 'Open Beeper Desktop' })).toBeTruthy();
  });
});
