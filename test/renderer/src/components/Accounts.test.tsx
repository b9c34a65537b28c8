// @vitest-environment happy-dom
/** renderer/src/components/Accounts.tsx: the list, what needs attention, reconnect and remove. */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useApp } from '../../../../renderer/src/store.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { accounts, identity, session, snapshot, someNetworks } from '../../../support/views.ts';

afterEach(cleanup);

const withAttention = () =>
  accounts(someNetworks(), {
    needsAttention: [{ bridgeID: 'whatsapp', bridgeName: 'WhatsApp', loginID: 'wa1', accountID: null, identity: identity('Alex Doe', '+1 555 0100'), status: 'logged_out', message: 'Logged out from your phone' }],
  });

describe('AccountsScreen', () => {
  it('no accounts: invites to add the first one; Beeper’s own login does not count', async () => {
    const [, , beeper] = someNetworks();
    await renderApp(snapshot({ accounts: accounts([beeper!]) }));
    expect(screen.getByRole('heading', { name: 'No chat accounts yet' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add your first account' }));
    expect(useApp.getState().route).toEqual({ to: 'add-account' });
  });

  it('lists each network with its logins; Beeper itself can be neither reconnected nor removed', async () => {
    await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    const telegram = screen.getByRole('region', { name: 'Telegram · Beeper Cloud' });
    expect(within(telegram).getByText('Alex Doe')).toBeTruthy();
    expect(within(telegram).getByRole('button', { name: 'Reconnect Alex Doe on Telegram' })).toBeTruthy();
    const beeper = screen.getByRole('region', { name: /^Beeper/ });
    expect(within(beeper).queryByRole('button')).toBeNull();
    // Signal has no logins: not listed here.
    expect(screen.queryByRole('region', { name: /Signal/ })).toBeNull();
  });

  it('what needs attention comes first, and Reconnect starts that login’s reconnect', async () => {
    const { main } = await renderApp(snapshot({ accounts: withAttention() }));
    const attention = screen.getByRole('region', { name: '1 account needs attention' });
    expect(within(attention).getByText('Logged out from your phone')).toBeTruthy();
    main.answer('sessions.reconnect', () => session(null, { id: 's9', bridgeID: 'whatsapp', bridgeName: 'WhatsApp', reconnect: { loginID: 'wa1', accountID: null } }));
    fireEvent.click(within(attention).getByRole('button', { name: 'Reconnect Alex Doe on WhatsApp: Logged out from your phone' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's9' }));
    expect(main.callsTo('sessions.reconnect')).toEqual([{ bridgeID: 'whatsapp', loginID: 'wa1', accountID: null }]);
  });

  it('remove: offers only the scopes the login allows, and says it was removed', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Alex Doe on WhatsApp' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['current-device']);
    main.answer('logins.remove', () => ({ affectedAccountIDs: ['wa1'] }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove from this device' }));
    expect((await screen.findByText('Alex Doe was removed from WhatsApp.')).getAttribute('role')).toBeNull();
    expect(main.callsTo('logins.remove')).toEqual([{ bridgeID: 'whatsapp', loginID: 'wa1', scope: 'current-device' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('remove refused: the dialog stays and main’s message is shown', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Alex Doe on Telegram' }));
    fireEvent.click(screen.getByRole('radio', { name: /Log out everywhere/ }));
    main.refuse('logins.remove', { kind: 'server_error', message: 'Beeper Desktop had a problem.' });
    fireEvent.click(screen.getByRole('button', { name: 'Log out everywhere' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Beeper Desktop had a problem.');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(main.callsTo('logins.remove')).toEqual([{ bridgeID: 'telegram', loginID: 'tg1', scope: 'all-devices' }]);
  });

  it('a failed refresh keeps the list and says what is shown', async () => {
    await renderApp(snapshot({ accounts: accounts(someNetworks(), { error: { kind: 'network', message: 'Beeper Desktop did not answer in time.' } }) }));
    expect(screen.getByText(/Could not refresh: Beeper Desktop did not answer in time\. Showing what was there/)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Telegram · Beeper Cloud' })).getByText('Alex Doe')).toBeTruthy();
  });

  it('Refresh asks main to refresh', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    main.answer('accounts.refresh', () => accounts(someNetworks()));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(main.callsTo('accounts.refresh')).toHaveLength(1));
  });
});

describe('AccountsScreen, focus and what is read out', () => {
  it('closing the Remove dialog puts focus back on the button that opened it', async () => {
    await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    const opener = screen.getByRole('button', { name: 'Remove Alex Doe on Telegram' });
    opener.focus();
    fireEvent.click(opener);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove Alex Doe on Telegram' }));
  });

  it('the time since the last refresh is not announced at every tick; the two reconnect buttons of one account differ', async () => {
    await renderApp(snapshot({ accounts: withAttention() }));
    const updated = screen.getByText(/^Updated /);
    expect(updated.closest('[aria-live]')).toBeNull();
    const names = screen.getAllByRole('button', { name: /^Reconnect Alex Doe on WhatsApp/ }).map((b) => b.getAttribute('aria-label'));
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });
});

describe('AccountsScreen while Beeper Desktop is gone', () => {
  const gone = () => {
    const s = snapshot({ accounts: withAttention() });
    return { ...s, connection: { ...s.connection, status: 'not-running' as const, error: { kind: 'not_running', message: 'Beeper Desktop stopped answering. Looking for it again…' } } };
  };

  it('actions that need it are off, each pointing at the banner that says why; the banner offers Try again', async () => {
    const { main } = await renderApp(gone());
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('Beeper Desktop stopped answering.');
    const needing = [
      ...screen.getAllByRole('button', { name: /^Reconnect / }),
      ...screen.getAllByRole('button', { name: /^Remove / }),
      screen.getByRole('button', { name: 'Add account' }),
      screen.getByRole('button', { name: 'Refresh' }),
    ];
    for (const b of needing) {
      expect((b as HTMLButtonElement).disabled, b.textContent ?? '').toBe(true);
      expect(b.getAttribute('aria-describedby')).toBe(banner.id);
    }
    main.answer('connection.retry', () => gone().connection);
    fireEvent.click(within(banner).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(main.callsTo('connection.retry')).toHaveLength(1));
  });

  it('back again: everything is on, and the banner is gone', async () => {
    const s = snapshot({ accounts: withAttention() });
    await renderApp(s);
    expect(screen.queryByRole('alert')).toBeNull();
    for (const b of screen.getAllByRole('button', { name: /^(Reconnect|Remove) / })) expect((b as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('AccountsScreen with logins in progress', () => {
  const live = [
    session(null, { id: 's1', bridgeID: 'slack', bridgeName: 'Slack', phase: 'user_input', startedAt: '2026-11-29T09:00:00.000Z' }),
    session(null, { id: 's2', bridgeID: 'telegram', bridgeName: 'Telegram', phase: 'display_and_wait', reconnect: { loginID: 'tg1', accountID: null }, startedAt: '2026-11-29T09:01:00.000Z' }),
    session(null, { id: 's3', bridgeID: 'signal', bridgeName: 'Signal', phase: 'failed', startedAt: '2026-11-29T09:02:00.000Z' }),
  ];

  it('lists each unfinished login with Continue and Cancel, and one that ended on its own with Start again and Close', async () => {
    const { main } = await renderApp({ ...snapshot({ accounts: accounts(someNetworks()) }), sessions: [...live, session(null, { id: 's4', bridgeID: 'x', bridgeName: 'X', phase: 'complete' })] });
    const region = screen.getByRole('region', { name: 'Logins in progress' });
    expect(within(region).getAllByRole('listitem').map((li) => li.querySelector('.grow')?.textContent)).toEqual(['Reconnecting Telegram', 'Adding Slack', 'Adding SignalEnded: the login did not complete.']);
    main.answer('sessions.dismiss', () => null);
    main.answer('sessions.start', () => session(null, { id: 's5', bridgeID: 'signal' }));
    fireEvent.click(within(region).getByRole('button', { name: 'Start adding Signal again' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's5' }));
    expect(main.callsTo('sessions.start')).toEqual([{ bridgeID: 'signal' }]);
    act(() => useApp.getState().navigate({ to: 'accounts' }));
    fireEvent.click(within(screen.getByRole('region', { name: 'Logins in progress' })).getByRole('button', { name: 'Continue adding Slack' }));
    expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's1' });
    act(() => useApp.getState().navigate({ to: 'accounts' }));
    main.answer('sessions.dismiss', () => null);
    fireEvent.click(within(screen.getByRole('region', { name: 'Logins in progress' })).getByRole('button', { name: 'Cancel reconnecting Telegram' }));
    await waitFor(() => expect(main.callsTo('sessions.dismiss')).toEqual([{ sessionID: 's3' }, { sessionID: 's2' }]));
  });

  it('the header names the way back: one login continues it, several open this list', async () => {
    await renderApp({ ...snapshot({ accounts: accounts(someNetworks()) }), sessions: [live[0]!] }, { to: 'add-account' });
    fireEvent.click(screen.getByRole('button', { name: 'Continue adding Slack' }));
    expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's1' });
    cleanup();
    await renderApp({ ...snapshot({ accounts: accounts(someNetworks()) }), sessions: live }, { to: 'add-account' });
    fireEvent.click(screen.getByRole('button', { name: '2 logins in progress' }));
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
  });
});
