// @vitest-environment happy-dom
/** renderer/src/components/AccountDetails.tsx: who an account is, its status since when, its login's accounts, its actions, its history. */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountHistoryView, AccountView, AccountsView } from '../../../../preload/contract/views.ts';
import { useApp } from '../../../../renderer/src/store.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { accounts, identity, login, network, session, snapshot, someNetworks } from '../../../support/views.ts';

afterEach(cleanup);

const workspace = (accountID: string, label: string): AccountView => ({ accountID, network: label, status: 'connected', statusText: null, identity: identity('Alex Rivera'), label, needsAttention: false, reconnect: 'offered' });
const withSlack = (): AccountsView =>
  accounts([
    ...someNetworks(),
    network({
      bridgeID: 'slackgo',
      displayName: 'Slack',
      logins: [login({ bridgeID: 'slackgo', loginID: 'S', identity: identity('Alex Rivera', '@alex'), removeScopes: ['all-devices'], accounts: [workspace('A', 'Slack (Acme Inc)'), workspace('B', 'Slack (Acme Labs)')], listsAccounts: true })],
    }),
  ]);
const history = (v: Partial<AccountHistoryView> = {}): AccountHistoryView => ({ entries: [], since: null, unstable: [], ...v });

async function details(view: AccountsView, target: { bridgeID: string; loginID: string | null; accountID: string | null }, h: AccountHistoryView = history()) {
  const r = await renderApp(snapshot({ accounts: view }));
  r.main.answer('accounts.history', () => h);
  act(() => useApp.getState().navigate({ to: 'accounts', selected: target }));
  return { ...r, pane: screen.getByRole('complementary') };
}

describe('AccountDetails', () => {
  it('names the network, who the account is, its status with the network’s words and since when; focus goes to it', async () => {
    const { pane, main } = await details(accounts(someNetworks()), { bridgeID: 'whatsapp', loginID: 'wa1', accountID: null }, history({ since: '2026-11-29T09:12:00.000Z' }));
    expect(within(pane).getByText('WhatsApp')).toBeTruthy();
    const title = within(pane).getByRole('heading', { level: 2, name: 'Alex Doe' });
    expect(document.activeElement).toBe(title);
    expect(within(pane).getByText('+1 555 0100')).toBeTruthy();
    expect(within(pane).getByText('Logged out')).toBeTruthy();
    expect(within(pane).getByText('Logged out from your phone')).toBeTruthy();
    expect(await within(pane).findByText(/^since /)).toBeTruthy();
    expect(main.callsTo('accounts.history')).toEqual([{ bridgeID: 'whatsapp', loginID: 'wa1', accountID: null }]);
  });

  it('a Slack login: its workspaces by name, and Remove names what goes', async () => {
    const { pane } = await details(withSlack(), { bridgeID: 'slackgo', loginID: 'S', accountID: null });
    const list = within(pane).getByRole('region', { name: 'Accounts of this login' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Slack (Acme Inc) Connected', 'Slack (Acme Labs) Connected']);
    fireEvent.click(within(pane).getByRole('button', { name: 'Remove…' }));
    expect(within(screen.getByRole('dialog')).getByText(/This removes its 2 accounts — Slack \(Acme Inc\) and Slack \(Acme Labs\) — with their chats/)).toBeTruthy();
  });

  it('a working account: “Log in again…” says what it does first; Keep changes nothing, Log in again starts the reconnect', async () => {
    const { pane, main } = await details(accounts(someNetworks()), { bridgeID: 'telegram', loginID: 'tg1', accountID: null });
    expect(within(pane).queryByRole('button', { name: 'Reconnect' })).toBeNull();
    fireEvent.click(within(pane).getByRole('button', { name: 'Log in again…' }));
    const dialog = screen.getByRole('dialog', { name: 'Log in to Telegram again?' });
    expect(dialog.textContent).toContain('Alex Doe · @alex is connected. Logging in again starts a new Telegram login');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it as it is' }));
    expect(main.callsTo('sessions.reconnect')).toEqual([]);
    fireEvent.click(within(pane).getByRole('button', { name: 'Log in again…' }));
    main.answer('sessions.reconnect', () => session(null, { id: 's7', reconnect: { loginID: 'tg1', accountID: null, identity: null } }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Log in again' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's7' }));
    expect(main.callsTo('sessions.reconnect')).toEqual([{ bridgeID: 'telegram', loginID: 'tg1', accountID: null }]);
  });

  it('an account that needs login: Reconnect at once; Beeper itself: no action at all', async () => {
    const { pane } = await details(accounts(someNetworks()), { bridgeID: 'whatsapp', loginID: 'wa1', accountID: null });
    expect(within(pane).getByRole('button', { name: 'Reconnect' })).toBeTruthy();
    expect(within(pane).queryByRole('button', { name: 'Log in again…' })).toBeNull();
    act(() => useApp.getState().navigate({ to: 'accounts', selected: { bridgeID: 'matrix', loginID: 'me', accountID: null } }));
    const beeper = screen.getByRole('complementary');
    expect(within(beeper).getAllByRole('button').map((b) => b.textContent)).toEqual([' Accounts']);
  });

  it('the timeline, newest first, in words; three drops in a week are said with their dates', async () => {
    const h = history({
      entries: [
        { at: '2026-11-29T09:20:00.000Z', status: 'connected', reason: null, cause: 'reconnected', account: null },
        { at: '2026-11-29T09:12:00.000Z', status: 'needs_login', reason: 'WhatsApp was unlinked from your phone', cause: 'observed', account: null },
      ],
      unstable: ['2026-11-24T10:00:00.000Z', '2026-11-26T10:00:00.000Z', '2026-11-29T09:12:00.000Z'],
    });
    const { pane } = await details(accounts(someNetworks()), { bridgeID: 'whatsapp', loginID: 'wa1', accountID: null }, h);
    const items = await within(pane).findAllByRole('listitem');
    expect(items.map((li) => li.querySelector('span')?.textContent)).toEqual(['Reconnected by you', 'Needs login — WhatsApp was unlinked from your phone']);
    expect(items[0]!.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-29T09:20:00.000Z');
    expect(within(pane).getByText(/^Dropped 3 times in the last week: /)).toBeTruthy();
  });

  it('nothing recorded yet, or a history that could not be loaded, says so', async () => {
    const { pane } = await details(accounts(someNetworks()), { bridgeID: 'telegram', loginID: 'tg1', accountID: null });
    expect(await within(pane).findByText(/^Nothing recorded yet/)).toBeTruthy();
    cleanup();
    const r = await renderApp(snapshot({ accounts: accounts(someNetworks()) }));
    r.main.refuse('accounts.history', { kind: 'unknown', message: 'no' });
    act(() => useApp.getState().navigate({ to: 'accounts', selected: { bridgeID: 'telegram', loginID: 'tg1', accountID: null } }));
    expect(await screen.findByText('The history could not be loaded.')).toBeTruthy();
  });

  it('a refresh asks for the history again and keeps focus where the user is; Esc closes and puts focus back on the row', async () => {
    const { pane, main } = await details(accounts(someNetworks()), { bridgeID: 'telegram', loginID: 'tg1', accountID: null });
    const logIn = within(pane).getByRole('button', { name: 'Log in again…' });
    logIn.focus();
    act(() => main.push('state.accounts', accounts(someNetworks(), { lastRefreshedAt: '2026-11-29T09:05:00.000Z' })));
    await waitFor(() => expect(main.callsTo('accounts.history')).toHaveLength(2));
    expect(document.activeElement).toBe(logIn);
    fireEvent.keyDown(logIn, { key: 'Escape' });
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-row')).toBe(JSON.stringify(['telegram', 'tg1', null])));
  });

  it('the history cleared in Settings: the open details ask for it again, and show it empty', async () => {
    const entry = { at: '2026-11-29T09:12:00.000Z', status: 'needs_login', reason: null, cause: 'observed' as const, account: null };
    const { pane, main } = await details(accounts(someNetworks()), { bridgeID: 'telegram', loginID: 'tg1', accountID: null }, history({ entries: [entry] }));
    expect(await within(pane).findByText('Needs login')).toBeTruthy();
    main.answer('accounts.history', () => history());
    main.answer('accounts.clearHistory', () => null);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear history…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    expect(await within(pane).findByText(/^Nothing recorded yet/)).toBeTruthy();
  });

  it('an account that is gone (removed elsewhere) says so, with the way back', async () => {
    await details(accounts(someNetworks()), { bridgeID: 'telegram', loginID: 'nope', accountID: null });
    expect(screen.getByRole('heading', { name: 'Account not found' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Back to accounts' }));
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
  });
});
