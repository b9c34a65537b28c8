// @vitest-environment happy-dom
/** renderer/src/screens.tsx: screens loaded on first use, without a flash when loaded before. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppSnapshot } from '../../../preload/contract/views.ts';
import { NO_FILTER, type ListFilter } from '../../../renderer/src/account-filter.ts';
import { lazyScreen, loadFirstScreen, SessionScreen } from '../../../renderer/src/screens.tsx';
import type { FirstScreen, Route } from '../../../renderer/src/store.ts';
import { accounts, session, snapshot, someNetworks } from '../../support/views.ts';

/** A first screen: the account list of someone with accounts, as `overrides` change it. */
const first = (overrides: Partial<AppSnapshot> = {}, route: Route = { to: 'accounts' }, listFilter: ListFilter = NO_FILTER): FirstScreen => ({
  route,
  gate: false,
  snapshot: snapshot({ accounts: accounts(someNetworks()), ...overrides }),
  listFilter,
});

/** screens.tsx as a new window has it: nothing loaded yet. */
const freshScreens = async () => {
  vi.resetModules();
  return import('../../../renderer/src/screens.tsx');
};

const Hello = ({ name }: { name: string }) => <p>Hello, {name}</p>;

afterEach(cleanup);

describe('screens loaded on first use', () => {
  it('renders nothing while its code loads, then the screen; the code is asked for once', async () => {
    const load = vi.fn(() => Promise.resolve(Hello));
    const Lazy = lazyScreen(load);
    const { container } = render(<Lazy name="Alex" />);
    expect(container.textContent).toBe('');
    expect(await screen.findByText('Hello, Alex')).toBeTruthy();
    render(<Lazy name="Sam" />);
    expect(screen.getByText('Hello, Sam')).toBeTruthy(); // at once: already loaded
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loaded before it shows, it shows at once: no empty moment', async () => {
    const Lazy = lazyScreen(() => Promise.resolve(Hello));
    await Lazy.load();
    render(<Lazy name="Alex" />);
    expect(screen.getByText('Hello, Alex')).toBeTruthy();
  });

  it('a load that failed is tried again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk')).mockResolvedValue(Hello);
    const Lazy = lazyScreen(load as () => Promise<typeof Hello>);
    await expect(Lazy.load()).rejects.toThrow('chunk');
    await Lazy.load();
    render(<Lazy name="Alex" />);
    expect(screen.getByText('Hello, Alex')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a route’s screen code is loaded by its route; the account list needs none', async () => {
    await act(() => loadFirstScreen(first({}, { to: 'session', sessionID: 's1' })));
    // Loaded: the session screen draws at once (here: a login the window does not know).
    const { container } = render(<SessionScreen sessionID="s1" />);
    expect(container.textContent).not.toBe('');
  });
});

describe('the parts of the first screens shown now and then', () => {
  const gone = snapshot().connection;
  const shows: Array<[string, FirstScreen]> = [
    ['an update ready', first({ updater: { ...snapshot().updater, status: 'ready', version: '0.2.0' } })],
    ['Beeper Desktop gone', first({ connection: { ...gone, status: 'not-running', appState: null } })],
    ['no secure storage for the sign-in', first({ auth: { ...snapshot().auth, storage: { ...snapshot().auth.storage, needsConsent: true } } })],
    ['a login in progress', first({ sessions: [session(null, { id: 's1', phase: 'starting' })] })],
    ['a login that ended on its own', first({ sessions: [session(null, { id: 's1', phase: 'failed' })] })],
    ['no chat account yet', first({ accounts: accounts([]) })],
    ['a search kept from the last window', first({}, { to: 'accounts' }, { query: 'ali', attentionOnly: false })],
  ];

  it.each(shows)('are loaded before a first screen that shows one (%s): it draws them at once', async (_, screen) => {
    const { EmptyList, loadFirstScreen: load } = await freshScreens();
    await load(screen);
    expect(render(<EmptyList />).container.textContent).not.toBe('');
  });

  it('are not loaded for the common first screen, the account list without them', async () => {
    const { EmptyList, loadFirstScreen: load } = await freshScreens();
    await load(first({ sessions: [session(null, { id: 's1', phase: 'complete' })] }));
    expect(render(<EmptyList />).container.textContent).toBe('');
  });
});
