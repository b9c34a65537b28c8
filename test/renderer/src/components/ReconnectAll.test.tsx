// @vitest-environment happy-dom
/** renderer/src/components/ReconnectAll.tsx: the button, the bar above each queued login, the summary; the window following the queue. */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconnectAllView } from '../../../../preload/contract/views.ts';
import { useApp } from '../../../../renderer/src/store.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { accountsOf, identity, session, snapshot } from '../../../support/views.ts';

afterEach(cleanup);

const item = (bridgeID: string, name: string, outcome: ReconnectAllView['items'][number]['outcome'], sessionID: string | null = null, error: string | null = null): ReconnectAllView['items'][number] => ({
  bridgeID,
  bridgeName: bridgeID,
  loginID: `${bridgeID}-L`,
  accountID: null,
  identity: identity(name),
  outcome,
  error,
  sessionID,
});
const queue = (items: ReconnectAllView['items'], extra: Partial<ReconnectAllView> = {}): ReconnectAllView => ({ finished: false, current: items.findIndex((i) => i.outcome === 'current'), items, unavailable: [], ...extra });
const three = () =>
  accountsOf([
    { bridge: 'WhatsApp', id: 'WhatsApp-L', status: 'needs_login', name: 'Alex' },
    { bridge: 'Telegram', id: 'Telegram-L', status: 'needs_login', name: 'Sam' },
    { bridge: 'Signal', id: 'Signal-L', status: 'needs_login', name: 'Kim' },
  ]);

describe('Reconnect all', () => {
  it('offered when several accounts need login; starting it goes to the first one’s login', async () => {
    const { main } = await renderApp(snapshot({ accounts: three(), sessions: [session(null, { id: 's1', bridgeID: 'WhatsApp', phase: 'display_and_wait' })] }));
    const q = queue([item('WhatsApp', 'Alex', 'current', 's1'), item('Telegram', 'Sam', 'waiting'), item('Signal', 'Kim', 'waiting')]);
    main.answer('reconnects.startAll', () => q);
    fireEvent.click(within(screen.getByRole('region', { name: '3 accounts need attention' })).getByRole('button', { name: 'Reconnect all (3)' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's1' }));
  });

  it('one account needing login: no Reconnect all', async () => {
    await renderApp(snapshot({ accounts: accountsOf([{ bridge: 'WhatsApp', id: 'w', status: 'needs_login', name: 'Alex' }]) }));
    expect(screen.queryByRole('button', { name: /Reconnect all/ })).toBeNull();
  });

  it('the bar above a queued login says where and whose; Skip and Stop replace Cancel', async () => {
    const q = queue([item('WhatsApp', 'Alex', 'reconnected'), item('Telegram', 'Sam', 'current', 's2'), item('Signal', 'Kim', 'waiting')]);
    const { main } = await renderApp(snapshot({ accounts: three(), reconnectAll: q, sessions: [session(null, { id: 's2', bridgeID: 'Telegram', phase: 'display_and_wait' })] }), { to: 'session', sessionID: 's2' });
    const bar = screen.getByRole('group', { name: 'Reconnect all' });
    expect(bar.textContent).toContain('2 of 3 · Telegram · Sam');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    main.answer('reconnects.skip', () => q);
    fireEvent.click(within(bar).getByRole('button', { name: 'Skip' }));
    await waitFor(() => expect(main.callsTo('reconnects.skip')).toHaveLength(1));
    main.answer('reconnects.stop', () => q);
    fireEvent.click(within(bar).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(main.callsTo('reconnects.stop')).toHaveLength(1));
  });

  it('the window follows the queue from one login to the next, and to the summary; a window elsewhere stays where it is', async () => {
    const s1 = session(null, { id: 's1', bridgeID: 'WhatsApp', phase: 'display_and_wait' });
    const { main } = await renderApp(snapshot({ accounts: three(), sessions: [s1], reconnectAll: queue([item('WhatsApp', 'Alex', 'current', 's1'), item('Telegram', 'Sam', 'waiting')]) }), { to: 'session', sessionID: 's1' });
    act(() => main.push('state.reconnectAll', queue([item('WhatsApp', 'Alex', 'reconnected'), item('Telegram', 'Sam', 'waiting')], { current: null })));
    expect(useApp.getState().route).toEqual({ to: 'reconnect-all' });
    expect(screen.getByRole('heading', { name: 'Starting the next login…' })).toBeTruthy();
    act(() => main.push('state.session', session(null, { id: 's2', bridgeID: 'Telegram', phase: 'display_and_wait' })));
    act(() => main.push('state.reconnectAll', queue([item('WhatsApp', 'Alex', 'reconnected'), item('Telegram', 'Sam', 'current', 's2')])));
    expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's2' });
    act(() => useApp.getState().navigate({ to: 'accounts' }));
    act(() => main.push('state.reconnectAll', queue([item('WhatsApp', 'Alex', 'reconnected'), item('Telegram', 'Sam', 'failed', null, 'The code ran out.')], { current: null, finished: true })));
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
  });

  it('the summary: how each went, why one failed, what cannot be reconnected here; Done closes it', async () => {
    const q: ReconnectAllView = {
      finished: true,
      current: null,
      items: [item('WhatsApp', 'Alex', 'reconnected'), item('Telegram', 'Sam', 'skipped'), item('Signal', 'Kim', 'failed', null, 'Signal was unlinked.'), item('Slack', 'Lee', 'not-reached')],
      unavailable: [{ bridgeName: 'Beeper', identity: identity('alex'), reason: 'Beeper’s own account: sign in again in Beeper Desktop.' }],
    };
    const { main } = await renderApp(snapshot({ accounts: three(), reconnectAll: q }), { to: 'reconnect-all' });
    expect(screen.getByRole('heading', { name: 'Reconnect all: done' })).toBeTruthy();
    expect(screen.getByText('1 of 4 reconnected.')).toBeTruthy();
    const lines = [...document.querySelectorAll('.queue-summary li')].map((li) => li.textContent);
    expect(lines).toEqual(['AAlex on WhatsAppReconnected', 'SSam on TelegramSkipped', 'KKim on SignalCould not reconnect: Signal was unlinked.', 'LLee on SlackNot reached: stopped before it']);
    expect(within(screen.getByRole('region', { name: 'Not reconnectable here' })).getByText('Beeper’s own account: sign in again in Beeper Desktop.')).toBeTruthy();
    main.answer('reconnects.close', () => null);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'accounts' }));
    expect(main.callsTo('reconnects.close')).toHaveLength(1);
  });
});
