// @vitest-environment happy-dom
/** renderer/src/components/reconnect.ts: the window asks the core to reconnect an account and opens its login. */
import { act, renderHook } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BeeperAccountManagerAPI } from '../../../../preload/contract/api.ts';
import { useReconnect } from '../../../../renderer/src/components/reconnect.ts';
import { useApp } from '../../../../renderer/src/store.ts';

beforeEach(() => useApp.setState(useApp.getInitialState(), true));

describe('useReconnect', () => {
  it('sends the IDs it was given as they are, and opens the login that starts', async () => {
    const asked: unknown[] = [];
    useApp.setState({ api: { reconnect: (r: unknown) => (asked.push(r), Promise.resolve({ id: 'ses_9' })) } as unknown as BeeperAccountManagerAPI });
    const { result } = renderHook(() => useReconnect());
    await act(() => result.current('b', 'L', null));
    expect(asked).toEqual([{ bridgeID: 'b', loginID: 'L', accountID: null }]);
    expect(useApp.getState().route).toEqual({ to: 'session', sessionID: 'ses_9' });
  });

  it('a reconnect that fails stays on the screen it came from, saying why', async () => {
    useApp.setState({ api: { reconnect: () => Promise.reject(new Error('Beeper Desktop is not reachable.')) } as unknown as BeeperAccountManagerAPI });
    const { result } = renderHook(() => useReconnect());
    await act(() => result.current('b', null, 'A'));
    expect(useApp.getState().route).toEqual({ to: 'accounts' });
    expect(useApp.getState().notices.map((n) => n.text)).toEqual(['Beeper Desktop is not reachable.']);
  });
});
