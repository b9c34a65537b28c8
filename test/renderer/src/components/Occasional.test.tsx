// @vitest-environment happy-dom
/**
 * renderer/src/components/Occasional.tsx: the first screens' now-and-then parts, in a chunk of their
 * own. A new window whose first screen shows one draws it at once; one that shows none does not
 * load them, and draws one when it comes (what each part says: App.test.tsx, Accounts.test.tsx).
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppSnapshot } from '../../../../preload/contract/views.ts';
import { fakeMain } from '../../../support/renderer/fake-api.ts';
import { accounts, session, snapshot, someNetworks } from '../../../support/views.ts';

afterEach(cleanup);

/** A new window (nothing loaded), started as main.tsx starts it, drawn once started. */
async function newWindow(first: AppSnapshot) {
  vi.resetModules();
  const [{ App }, { useApp }, { loadFirstScreen }] = await Promise.all([import('../../../../renderer/src/App.tsx'), import('../../../../renderer/src/store.ts'), import('../../../../renderer/src/screens.tsx')]);
  const main = fakeMain();
  main.answer('app.getState', () => first);
  useApp.setState({ loadScreen: loadFirstScreen });
  await act(() => useApp.getState().init(main.api));
  render(<App />);
  return main;
}

const listed = (overrides: Partial<AppSnapshot> = {}) => snapshot({ accounts: accounts(someNetworks()), ...overrides });

describe('the parts of the first screens shown now and then', () => {
  it('in the first screen, drawn with it: the update banner, the logins in progress', async () => {
    await newWindow(listed({ updater: { ...snapshot().updater, status: 'ready', version: '1.2.0' }, sessions: [session(null, { id: 's1', phase: 'failed', bridgeName: 'Signal' })] }));
    // No wait: on the first render.
    expect(screen.getByRole('region', { name: 'Update' }).textContent).toContain('Version 1.2.0');
    expect(screen.getByRole('heading', { name: 'Logins in progress' })).toBeTruthy();
  });

  it('not in the first screen: not loaded; Beeper Desktop going away later brings its banner', async () => {
    const main = await newWindow(listed());
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => main.push('state.connection', { ...snapshot().connection, status: 'not-running', appState: null }));
    expect((await screen.findByRole('alert')).textContent).toContain('Beeper Desktop is not reachable.');
  });
});
