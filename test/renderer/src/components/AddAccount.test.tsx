// @vitest-environment happy-dom
/** renderer/src/components/AddAccount.tsx: choosing a network, then a way to log in. */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useApp } from '../../../../renderer/src/store.ts';
import { renderApp } from '../../../support/renderer/render-app.tsx';
import { accounts, network, session, snapshot, someNetworks } from '../../../support/views.ts';

afterEach(cleanup);

const withFuture = () => accounts([...someNetworks(), network({ bridgeID: 'bluesky', displayName: 'Bluesky', provider: 'edge' })]);

describe('AddAccountScreen', () => {
  it('groups networks by where they run, keeps newer providers, and never offers Beeper itself', async () => {
    await renderApp(snapshot({ accounts: withFuture() }), { to: 'add-account' });
    const groups = screen.getAllByRole('region').map((r) => r.getAttribute('aria-labelledby'));
    expect(groups).toEqual(['group-local', 'group-cloud', 'group-other']);
    expect(within(screen.getByRole('region', { name: 'Other networks' })).getByRole('button', { name: /Bluesky/ })).toBeTruthy();
    const offered = screen.getAllByRole('region').flatMap((r) => within(r).getAllByRole('button').map((b) => b.getAttribute('aria-describedby') ?? b.textContent));
    expect(offered).toHaveLength(4); // Signal, Telegram, WhatsApp, Bluesky: not Beeper
    expect(offered.some((t) => t?.includes('Beeper'))).toBe(false);
  });

  it('many networks: a search finds one by name; none found says so; a few networks need no search', async () => {
    await renderApp(snapshot({ accounts: withFuture() }), { to: 'add-account' });
    expect(screen.queryByRole('searchbox')).toBeNull();
    cleanup();
    const more = ['Instagram', 'Slack', 'Discord', 'LinkedIn', 'X'].map((displayName) => network({ bridgeID: displayName.toLowerCase(), displayName }));
    await renderApp(snapshot({ accounts: accounts([...withFuture().networks, ...more]) }), { to: 'add-account' });
    const search = screen.getByRole('searchbox', { name: 'Search networks' });
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'link' } });
    expect(screen.getAllByRole('button', { name: /LinkedIn|Instagram|Slack|Telegram/ }).map((b) => b.textContent)).toEqual([expect.stringContaining('LinkedIn')]);
    fireEvent.change(search, { target: { value: 'myspace' } });
    expect(screen.getByText('No network matches “myspace”.')).toBeTruthy();
  });

  it('a network that cannot be added now looks unavailable, says why and what to do, and cannot be chosen', async () => {
    const nets = withFuture().networks.map((n) => (n.bridgeID === 'signal' ? { ...n, unavailableFix: 'Turn it on in Beeper Desktop’s settings, then refresh.' } : n));
    await renderApp(snapshot({ accounts: accounts(nets) }), { to: 'add-account' });
    const signal = screen.getByRole('button', { name: /Signal/ });
    expect(signal.hasAttribute('disabled')).toBe(true);
    expect(signal.className).toContain('network-card-unavailable');
    expect(within(signal).getByText('Unavailable')).toBeTruthy();
    expect(signal.getAttribute('aria-describedby')).toBe('why-signal');
    expect(document.getElementById('why-signal')?.textContent).toBe('Signal is turned off in Beeper Desktop. Turn it on in Beeper Desktop’s settings, then refresh.');
    expect(screen.getByRole('button', { name: /Telegram/ }).className).not.toContain('network-card-unavailable');
  });

  it('one way to log in: starts it at once', async () => {
    const { main } = await renderApp(snapshot({ accounts: withFuture() }), { to: 'add-account' });
    main.answer('bridges.getFlows', () => [{ id: 'phone', name: 'Phone number', description: null }]);
    main.answer('sessions.start', () => session(null, { id: 's5' }));
    fireEvent.click(screen.getByRole('button', { name: /Telegram/ }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's5' }));
    expect(main.callsTo('sessions.start')).toEqual([{ bridgeID: 'telegram', flowID: 'phone' }]);
  });

  it('several ways: asks which, then starts the one chosen', async () => {
    const { main } = await renderApp(snapshot({ accounts: withFuture() }), { to: 'add-account' });
    main.answer('bridges.getFlows', () => [
      { id: 'qr', name: 'QR code', description: 'Scan with your phone' },
      { id: 'phone', name: 'Pairing code', description: null },
    ]);
    main.answer('sessions.start', () => session(null, { id: 's6' }));
    fireEvent.click(screen.getByRole('button', { name: /WhatsApp/ }));
    expect(await screen.findByRole('heading', { name: 'How do you want to connect WhatsApp?' })).toBeTruthy();
    // The new question is where focus goes, so it is read out.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'How do you want to connect WhatsApp?' })));
    fireEvent.click(screen.getByRole('radio', { name: /Pairing code/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's6' }));
    expect(main.callsTo('sessions.start')).toEqual([{ bridgeID: 'whatsapp', flowID: 'phone' }]);
  });

  it('no way to log in from here: says so', async () => {
    const { main } = await renderApp(snapshot({ accounts: withFuture() }), { to: 'add-account' });
    main.answer('bridges.getFlows', () => []);
    fireEvent.click(screen.getByRole('button', { name: /Bluesky/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Bluesky offers no way to log in from here.');
    expect(main.callsTo('sessions.start')).toEqual([]);
  });

  it('a link naming a network only opens its screen: nothing starts until the user continues', async () => {
    const { main } = await renderApp(snapshot({ accounts: withFuture() }));
    main.answer('bridges.getFlows', () => [{ id: 'phone', name: 'Phone number', description: null }]);
    main.answer('sessions.start', () => session(null, { id: 's7' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Accounts'));
    main.push('ui.navigate', { to: 'add-account', bridgeID: 'telegram' });
    expect(await screen.findByRole('heading', { name: 'How do you want to connect Telegram?' })).toBeTruthy();
    expect(main.callsTo('bridges.getFlows')).toEqual([{ bridgeID: 'telegram' }]);
    expect(main.callsTo('sessions.start')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 's7' }));
    expect(main.callsTo('sessions.start')).toEqual([{ bridgeID: 'telegram', flowID: 'phone' }]);
  });

  it('a link never replaces a login in progress: it says so and offers the way back to it', async () => {
    const live = session(null, { id: 'live', bridgeID: 'telegram', bridgeName: 'Telegram' });
    const { main } = await renderApp(snapshot({ accounts: withFuture(), sessions: [live] }));
    main.answer('bridges.getFlows', () => [{ id: 'phone', name: 'Phone number', description: null }]);
    main.push('ui.navigate', { to: 'add-account', bridgeID: 'telegram' });
    expect(await screen.findByText(/A login to Telegram is already in progress/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show the login in progress' }));
    expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 'live' });
    expect(main.callsTo('sessions.start')).toEqual([]);
    expect(main.callsTo('sessions.cancel')).toEqual([]);
  });
});
