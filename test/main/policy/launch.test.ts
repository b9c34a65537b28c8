/** main/policy/launch.ts: launch arguments, links and the single instance, in plain Node. */
import { describe, expect, it, vi } from 'vitest';
import { parseLaunch, performLaunch, TEST_ONLY_ENV, testOnlyEnv } from '../../../main/policy/launch.ts';

describe('launch and single instance', () => {
  it('parses flags and links; anything odd just shows the window', () => {
    expect(parseLaunch(['/app/electron', '.', '--hidden'])).toEqual({ type: 'hidden' });
    expect(parseLaunch(['x', '--reconnect=local-telegram/ba_abc'])).toEqual({ type: 'reconnect', bridgeID: 'local-telegram', loginID: 'ba_abc', accountID: null, confirm: true });
    expect(parseLaunch(['x', '--add-account=local-signal'])).toEqual({ type: 'add-account', bridgeID: 'local-signal' });
    expect(parseLaunch(['x', 'beeper-account-manager://reconnect/local-whatsapp/ba_1'])).toEqual({ type: 'reconnect', bridgeID: 'local-whatsapp', loginID: 'ba_1', accountID: null, confirm: true });
    expect(parseLaunch(['x', 'beeper-account-manager://add'])).toEqual({ type: 'add-account', bridgeID: undefined });
    for (const odd of [['x', '--reconnect=../../etc'], ['x', 'beeper-account-manager://reconnect/a b/c'], ['x', 'beeper-account-manager://%zz'], ['x']]) {
      expect(parseLaunch(odd)).toEqual({ type: 'show' });
    }
  });

  it('only its own scheme is a link: other URLs, look-alike schemes and other hosts of its scheme just show the window', () => {
    for (const arg of [
      'https://evil.example/reconnect/local-telegram/ba_1',
      'beeper-account-manager-evil://reconnect/local-telegram/ba_1',
      'xbeeper-account-manager://add/local-signal',
      'beeper-account-manager:reconnect/local-telegram/ba_1',
      'beeper-account-manager://remove/local-telegram/ba_1',
      'beeper-account-manager://reconnect/local-telegram',
      'beeper-account-manager://reconnect/local-telegram/ba_1/extra',
      'beeper-account-manager://add/a/b',
      '--reconnect=local-telegram',
      '--add-account=',
      '--hiddenx',
    ]) {
      expect(parseLaunch(['x', arg]), arg).toEqual({ type: 'show' });
    }
    // Its links decode their parts, and the first argument that means something wins.
    expect(parseLaunch(['x', 'beeper-account-manager://reconnect/local%2Dtelegram/ba_1'])).toMatchObject({ bridgeID: 'local-telegram' });
    expect(parseLaunch(['x', '--add-account', '--hidden'])).toEqual({ type: 'add-account' });
    expect(parseLaunch(['x', 'nothing', '--hidden'])).toEqual({ type: 'hidden' });
  });

  it('a reconnect link only opens a screen that asks: nothing starts, nothing in progress is cancelled', async () => {
    const deps = { showWindow: vi.fn(), startReconnect: vi.fn(() => Promise.resolve('ses_1')), startReconnectAll: vi.fn(() => Promise.resolve(null)), navigate: vi.fn() };
    for (const link of ['--reconnect=local-telegram/ba_1', 'beeper-account-manager://reconnect/local-telegram/ba_1']) {
      await performLaunch(parseLaunch(['x', link]), deps, false);
      expect(deps.navigate).toHaveBeenLastCalledWith({ to: 'confirm-reconnect', bridgeID: 'local-telegram', loginID: 'ba_1', accountID: null });
    }
    expect(deps.showWindow).toHaveBeenCalledTimes(2);
    expect(deps.startReconnect).not.toHaveBeenCalled();
  });

  it('a second launch focuses the window and does what it asked', async () => {
    const deps = { showWindow: vi.fn(), startReconnect: vi.fn(() => Promise.resolve('ses_1')), startReconnectAll: vi.fn(() => Promise.resolve(null)), navigate: vi.fn() };
    // From the tray or a notification: the user already chose it in the app.
    await performLaunch({ type: 'reconnect', bridgeID: 'local-telegram', loginID: 'ba_1', accountID: null, confirm: false }, deps, false);
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    expect(deps.startReconnect).toHaveBeenCalledWith('local-telegram', 'ba_1', null);
    expect(deps.navigate).toHaveBeenCalledWith({ to: 'session', sessionID: 'ses_1' });
    await performLaunch({ type: 'hidden' }, deps, true); // start at login: stays in the tray
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    await performLaunch({ type: 'hidden' }, deps, false); // launching it again means "show me"
    expect(deps.showWindow).toHaveBeenCalledTimes(2);
    deps.startReconnect.mockResolvedValueOnce(null as never);
    await performLaunch({ type: 'reconnect', bridgeID: 'b', loginID: 'l', accountID: null, confirm: false }, deps, false);
    expect(deps.navigate).toHaveBeenLastCalledWith({ to: 'accounts' });
  });

  it('Reconnect all from the tray: the window goes to the login of the account being reconnected, else to the queue’s screen', async () => {
    const item = { bridgeID: 'b', bridgeName: 'B', loginID: 'l', accountID: null, identity: { name: 'A', detail: null, avatarURL: null }, outcome: 'current' as const, error: null, sessionID: 'ses_9' };
    const deps = { showWindow: vi.fn(), startReconnect: vi.fn(() => Promise.resolve(null)), startReconnectAll: vi.fn(() => Promise.resolve({ finished: false, current: 0, items: [item], unavailable: [] })), navigate: vi.fn() };
    await performLaunch({ type: 'reconnect-all' }, deps, false);
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    expect(deps.navigate).toHaveBeenLastCalledWith({ to: 'session', sessionID: 'ses_9' });
    deps.startReconnectAll.mockResolvedValueOnce(null as never);
    await performLaunch({ type: 'reconnect-all' }, deps, false);
    expect(deps.navigate).toHaveBeenLastCalledWith({ to: 'reconnect-all' });
  });

  it('a packaged build ignores the test-only environment variables', () => {
    const env = { BAM_USER_DATA_DIR: '/tmp/elsewhere', BAM_E2E: '1' };
    expect(testOnlyEnv('BAM_USER_DATA_DIR', env, false)).toBe('/tmp/elsewhere');
    expect(testOnlyEnv('BAM_E2E', env, false)).toBe('1');
    for (const name of TEST_ONLY_ENV) expect(testOnlyEnv(name, env, true)).toBeUndefined();
  });

  it('shows the window, and goes where the launch asked', async () => {
    const deps = { showWindow: vi.fn(), startReconnect: vi.fn(() => Promise.resolve(null)), startReconnectAll: vi.fn(() => Promise.resolve(null)), navigate: vi.fn() };
    await performLaunch({ type: 'show' }, deps, true);
    expect([deps.showWindow.mock.calls.length, deps.navigate.mock.calls]).toEqual([1, []]);
    await performLaunch({ type: 'add-account', bridgeID: 'local-signal' }, deps, true);
    expect([deps.showWindow.mock.calls.length, deps.navigate.mock.calls]).toEqual([2, [[{ to: 'add-account', bridgeID: 'local-signal' }]]]);
    // A reconnect that could not start lands on the accounts.
    await performLaunch({ type: 'reconnect', bridgeID: 'b', loginID: 'l', accountID: null, confirm: false }, deps, false);
    expect(deps.navigate).toHaveBeenLastCalledWith({ to: 'accounts' });
  });

  it('flags and links are whole: no prefix, nothing after a line break, no odd part after add', () => {
    for (const arg of ['x--add-account=local-signal', '--add-account=local\nsignal', 'x--reconnect=a/b', '--reconnect=a/b\nc', 'beeper-account-manager://add/a b']) {
      expect(parseLaunch(['x', arg]), JSON.stringify(arg)).toEqual({ type: 'show' });
    }
  });
});
