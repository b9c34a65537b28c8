/** The accounts and the address through the whole core against the simulator: what needs a sign-in, removal scopes, finding Beeper Desktop again. */
import { describe, expect, it } from 'vitest';
import type { ConnectionView, LoginView } from '../../../../preload/contract/views.ts';
import { call, until, useCore } from '../../../support/core.ts';

describe('before connecting', () => {
  const fx = useCore();

  it('asks to connect first for anything that reads accounts', async () => {
    await expect(call(fx.t, 'accounts.refresh')).rejects.toMatchObject({ kind: 'unauthorized', message: 'Connect to Beeper Desktop first.' });
    await expect(call(fx.t, 'bridges.getFlows', { bridgeID: 'telegram' })).rejects.toMatchObject({ kind: 'unauthorized' });
  });

  it('an empty address forgets the one set, and Beeper Desktop is searched for again', async () => {
    await call(fx.t, 'connection.setAddress', { baseURL: 'http://127.0.0.1:9' });
    expect(fx.t.core.settings.get('baseURL')).toBe('http://127.0.0.1:9');
    const c = await call<ConnectionView>(fx.t, 'connection.setAddress', { baseURL: null });
    expect(fx.t.core.settings.get('baseURL')).toBeNull();
    expect(c).toMatchObject({ status: 'running', baseURL: fx.sim.url });
  });

  it('the window getting focus while Beeper Desktop is away looks for it again', async () => {
    fx.t.core.connection.lost();
    expect(fx.t.core.snapshot().connection.status).toBe('not-running');
    fx.t.core.windowFocused();
    await until(() => fx.t.core.snapshot().connection.status === 'running', 'found again');
  });
});

describe('signed in', () => {
  const fx = useCore({ simConfig: { oauthAutoApprove: true }, signIn: true });
  const logins = (): LoginView[] => fx.t.core.snapshot().accounts.networks.flatMap((n) => n.logins);

  it('refuses a removal scope the login does not offer, before asking Beeper Desktop', async () => {
    const cases = [
      { only: 'current-device', asked: 'all-devices', message: 'This account can only be removed from this device.' },
      { only: 'all-devices', asked: 'current-device', message: 'This account can only be removed from all devices.' },
    ] as const;
    // The bridges of two seeded logins, each made to offer one way only (copies: the next reset restores them).
    const bridgeIDs = [...new Set([...fx.sim.core.state.logins.values()].map((l) => l.bridgeID).filter((id) => id !== 'matrix'))];
    const bridges = fx.sim.core.state.bridges;
    bridges.set(bridgeIDs[0]!, { ...bridges.get(bridgeIDs[0]!)!, removeScopes: ['current-device'] });
    bridges.set(bridgeIDs[1]!, { ...bridges.get(bridgeIDs[1]!)!, removeScopes: ['all-devices'] });
    await call(fx.t, 'accounts.refresh');
    for (const c of cases) {
      const login = logins().find((l) => l.removeScopes.length === 1 && l.removeScopes[0] === c.only);
      expect(login, `a login removable only from ${c.only}`).toBeDefined();
      const before = fx.sim.core.log.length;
      await expect(call(fx.t, 'logins.remove', { bridgeID: login!.bridgeID, loginID: login!.loginID, scope: c.asked })).rejects.toMatchObject({ kind: 'invalid_request', message: c.message });
      expect(fx.sim.core.log.slice(before).some((l) => l.path.includes('/logins/'))).toBe(false);
    }
  });
});
