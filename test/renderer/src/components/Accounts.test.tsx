// @vitest-environment happy-dom
/** renderer/src/components/Accounts.tsx: the list, what needs attention, reconnect and remove. */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useApp } from '../../../../renderer/src/store.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { accounts, accountsOf, identity, session, snapshot, someNetworks } from '../../../support/views.ts';

afterEach(cleanup);

/** Opens an account's details from its row, as a click does. */
const openDetails = (network: string, name: string): void => {
  fireEvent.click(within(screen.getByRole('region', { name: new RegExp(`^${network}`) })).getByRole('button', { name: new RegExp(`^${name}`) }));
};

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

  it('lists each network with its logins; a row offers Reconnect only when its account needs it', async () => {
    await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    const telegram = screen.getByRole('region', { name: 'Telegram · Beeper Cloud' });
    expect(within(telegram).getByRole('button', { name: /^Alex Doe @alex/ })).toBeTruthy();
    expect(within(telegram).queryByRole('button', { name: /^Reconnect/ })).toBeNull();
    expect(within(telegram).queryByRole('button', { name: /^Remove/ })).toBeNull();
    const whatsapp = screen.getByRole('region', { name: 'WhatsApp · Beeper Cloud' });
    expect(within(whatsapp).getByRole('button', { name: 'Reconnect Alex Doe on WhatsApp' })).toBeTruthy();
    // Signal has no logins: not listed here.
    expect(screen.queryByRole('region', { name: /Signal/ })).toBeNull();
  });

  it('what needs attention comes first, and Reconnect starts that login’s reconnect', async () => {
    const { main } = await renderApp(snapshot({ accounts: withAttention() }));
    const attention = screen.getByRole('region', { name: '1 account needs attention' });
    expect(within(attention).getByText('Logged out from your phone')).toBeTruthy();
    main.answer('sessions.reconnect', () => session(null, { id: 's9', bridgeID: 'whatsapp', bridgeName: 'WhatsApp', reconnect: { loginID: 'wa1', accountID: null, identity: null } }));
    fireEvent.click(within(attention).getByRole('button', { name: 'Reconnect Alex Doe on WhatsApp: Logged out from your phone' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's9' }));
    expect(main.callsTo('sessions.reconnect')).toEqual([{ bridgeID: 'whatsapp', loginID: 'wa1', accountID: null }]);
  });

  it('remove, from the details: offers only the scopes the login allows, says it was removed, and closes the details', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    openDetails('WhatsApp', 'Alex Doe');
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getAllByRole('radio').map((r) => (r as HTMLInputElement).value)).toEqual(['current-device']);
    main.answer('logins.remove', () => ({ affectedAccountIDs: ['wa1'] }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove from this device' }));
    expect((await screen.findByText('Alex Doe was removed from WhatsApp.')).getAttribute('role')).toBeNull();
    expect(main.callsTo('logins.remove')).toEqual([{ bridgeID: 'whatsapp', loginID: 'wa1', scope: 'current-device' }]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
  });

  it('remove refused: the dialog stays and main’s message is shown', async () => {
    const { main } = await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    openDetails('Telegram', 'Alex Doe');
    fireEvent.click(screen.getByRole('button', { name: 'Remove…' }));
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
    openDetails('Telegram', 'Alex Doe');
    const opener = screen.getByRole('button', { name: 'Remove…' });
    opener.focus();
    fireEvent.click(opener);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove…' }));
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
    openDetails('Telegram', 'Alex Doe');
    const needing = [
      ...screen.getAllByRole('button', { name: /^Reconnect / }),
      screen.getByRole('button', { name: 'Remove…' }),
      screen.getByRole('button', { name: 'Log in again…' }),
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
    openDetails('Telegram', 'Alex Doe');
    for (const b of screen.getAllByRole('button', { name: /^(Reconnect |Remove…|Log in again…)/ })) expect((b as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('AccountsScreen with logins in progress', () => {
  const live = [
    session(null, { id: 's1', bridgeID: 'slack', bridgeName: 'Slack', phase: 'user_input', startedAt: '2026-11-29T09:00:00.000Z' }),
    session(null, { id: 's2', bridgeID: 'telegram', bridgeName: 'Telegram', phase: 'display_and_wait', reconnect: { loginID: 'tg1', accountID: null, identity: null }, startedAt: '2026-11-29T09:01:00.000Z' }),
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

describe('AccountsScreen, finding one account among many', () => {
  const many = () =>
    accountsOf([
      ...Array.from({ length: 8 }, (_, i) => ({ bridge: 'signal', id: `s${i}`, status: 'connected' as const, name: `Person ${i + 1}` })),
      { bridge: 'telegram', id: 't1', status: 'needs_login' as const, name: 'Zoë Park' },
      { bridge: 'telegram', id: 't2', status: 'connected' as const, name: 'Sam Lee' },
    ]);
  const rows = (): string[] => [...document.querySelectorAll('.row-open .login-name')].map((e) => e.textContent ?? '');

  it('no search for a short list; from seven rows a search, a Needs attention filter and counts per network', async () => {
    await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    expect(screen.queryByRole('searchbox')).toBeNull();
    cleanup();
    await renderApp(snapshot({ accounts: many() }));
    expect(screen.getByRole('searchbox', { name: 'Search accounts' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Needs attention (1)' }).getAttribute('aria-pressed')).toBe('false');
    expect(within(screen.getByRole('region', { name: /^signal/ })).getByRole('button', { name: /signal/ }).textContent).toContain('8');
  });

  it('a search keeps the matching rows and says how many of each network; no match offers the way back to all', async () => {
    await renderApp(snapshot({ accounts: many() }));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'zoe' } });
    expect(rows()).toEqual(['Zoë Park']);
    expect(within(screen.getByRole('region', { name: /^telegram/ })).getByText('1 of 2')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /need attention|needs attention/ })).toBeNull();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'nobody' } });
    expect(screen.getByText('No account matches “nobody”.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show all accounts' }));
    expect(rows()).toHaveLength(10);
  });

  it('Needs attention shows only those; Esc in the search clears it', async () => {
    await renderApp(snapshot({ accounts: many() }));
    fireEvent.click(screen.getByRole('button', { name: 'Needs attention (1)' }));
    expect(rows()).toEqual(['Zoë Park']);
    fireEvent.click(screen.getByRole('button', { name: 'Needs attention (1)' }));
    const search = screen.getByRole('searchbox');
    fireEvent.change(search, { target: { value: 'sam' } });
    expect(rows()).toEqual(['Sam Lee']);
    fireEvent.keyDown(search, { key: 'Escape' });
    expect((search as HTMLInputElement).value).toBe('');
    expect(rows()).toHaveLength(10);
  });

  it('a section folds and stays folded when the list is refreshed; the search kept while away', async () => {
    const { main } = await renderApp(snapshot({ accounts: many() }));
    const toggle = within(screen.getByRole('region', { name: /^signal/ })).getByRole('button', { name: /signal/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(rows()).toEqual(['Zoë Park', 'Sam Lee']);
    act(() => main.push('state.accounts', { ...many(), lastRefreshedAt: '2026-11-29T10:00:00Z' }));
    expect(rows()).toEqual(['Zoë Park', 'Sam Lee']);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'person 3' } });
    act(() => useApp.getState().navigate({ to: 'add-account' }));
    act(() => useApp.getState().navigate({ to: 'accounts' }));
    expect(screen.getByRole<HTMLInputElement>('searchbox').value).toBe('person 3');
    expect(rows()).toEqual(['Person 3']); // a search shows folded sections' matches
  });

  it('keyboard: / focuses the search, arrows move through the rows, Home and End to the ends, Enter opens the details', async () => {
    await renderApp(snapshot({ accounts: many() }));
    fireEvent.keyDown(document.body, { key: '/' });
    const search = screen.getByRole('searchbox');
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('Person 1');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement?.textContent).toContain('Person 2');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toContain('Person 1');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.textContent).toContain('Sam Lee');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement?.textContent).toContain('Person 1');
    // A button's Enter is its click.
    fireEvent.click(document.activeElement!);
    expect(useApp.getState().route).toEqual({ to: 'accounts', selected: { bridgeID: 'signal', loginID: 's0', accountID: null } });
    expect(screen.getByRole('button', { name: /^Person 1/ }).getAttribute('aria-current')).toBe('true');
  });

  it('the list is one Tab stop: the selected row, else the first row shown', async () => {
    await renderApp(snapshot({ accounts: many() }));
    const stops = (): string[] => [...document.querySelectorAll<HTMLElement>('.row-open')].filter((b) => b.tabIndex === 0).map((b) => b.querySelector('.login-name')!.textContent);
    expect(stops()).toEqual(['Person 1']);
    fireEvent.click(screen.getByRole('button', { name: /^Sam Lee/ }));
    expect(stops()).toEqual(['Sam Lee']);
    act(() => useApp.getState().navigate({ to: 'accounts' }));
    fireEvent.click(within(screen.getByRole('region', { name: /^signal/ })).getByRole('button', { name: /^signal/ }));
    expect(stops()).toEqual(['Zoë Park']);
  });

  it('Ctrl+F and Cmd+F focus the search too; / typed into the search is text', async () => {
    await renderApp(snapshot({ accounts: many() }));
    const search = screen.getByRole('searchbox');
    fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    expect(document.activeElement).toBe(search);
    (search as HTMLInputElement).blur();
    fireEvent.keyDown(document.body, { key: 'f', metaKey: true });
    expect(document.activeElement).toBe(search);
    const slash = fireEvent.keyDown(search, { key: '/' });
    expect(slash).toBe(true); // not prevented: the character is typed
  });
});
