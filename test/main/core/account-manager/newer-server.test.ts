/**
 * A newer Beeper Desktop (the simulator's `future` profile) through the whole core: what this app
 * does not know degrades to a clear screen, nothing crashes, and no session is left running.
 */
import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../../preload/contract/views.ts';
import { call, expectNoSessionLeftRunning, liveOnServer, until, useCore } from '../../../support/core.ts';

const fx = useCore({ profile: 'future', simConfig: { oauthAutoApprove: true, timeScale: 0.01, qrRotationMs: 60_000 }, signIn: true, deps: { unsupportedPollMs: 50 } });
expectNoSessionLeftRunning(fx);

const start = (bridgeID: string, flowID: string): Promise<SessionView> => call<SessionView>(fx.t, 'sessions.start', { bridgeID, flowID });
const session = (id: string): SessionView => fx.t.core.sessions.get(id);
const phoneActs = (bridgeID: string): void => {
  fx.sim.core.logins.scan([...fx.sim.core.logins.sessions.values()].filter((x) => x.bridge.id === bridgeID && !x.terminal).at(-1)!, {});
};

describe('accounts from a newer server', () => {
  it('lists everything: unknown statuses and providers are neutral, an account without bridge finds its network, nulls are absent', () => {
    const v = fx.t.core.snapshot().accounts;
    expect(v.error).toBeNull();
    const bluesky = v.networks.find((n) => n.bridgeID === 'local-bluesky')!;
    expect(bluesky).toMatchObject({ displayName: 'Bluesky', provider: 'unknown', canAddAccount: true });
    expect(bluesky.logins).toHaveLength(1);
    // The login's `suspended` and the account's `syncing_history` are values this app does not know.
    expect(bluesky.logins[0]).toMatchObject({ status: 'unknown', removeScopes: ['current-device'], needsAttention: false });
    expect(bluesky.logins[0]!.accounts.map((a) => a.accountID)).toEqual([expect.stringMatching(/^local-bluesky_/)]);
    expect(v.networks.find((n) => n.bridgeID === 'local-facebook')).toMatchObject({ status: 'unknown', canAddAccount: false, unavailableReason: 'Messenger is turned off in Beeper settings' });
    expect(v.needsAttention.map((i) => i.bridgeID)).toEqual(['local-telegram']);
  });
});

describe('login steps from a newer server', () => {
  it('a new status with a new step type: a clear screen with its instructions, which follows the login when the passkey is confirmed elsewhere', async () => {
    const s = await start('local-bluesky', 'passkey');
    expect(s).toMatchObject({ phase: 'unsupported', error: null, step: { type: 'unsupported', rawType: 'webauthn', instructions: 'Confirm with the passkey saved for your Bluesky account.' } });
    phoneActs('local-bluesky');
    const done = await until(() => session(s.id).phase === 'complete' && session(s.id), 'the login to complete', 10_000);
    expect(done.result).toMatchObject({ network: 'Bluesky', restored: false });
  });

  it('cancelling the unknown step ends the session on the server', async () => {
    const s = await start('local-bluesky', 'passkey');
    expect((await liveOnServer(fx.sim)).map((x) => x.status)).toEqual(['waiting_for_passkey']);
    await call(fx.t, 'sessions.cancel', { sessionID: s.id });
    await until(async () => (await liveOnServer(fx.sim)).length === 0, 'the server session to end');
  });

  it('a new display type: the screen says so, keeps waiting, and completes when the phone acts', async () => {
    const s = await start('local-bluesky', 'tap');
    expect(s).toMatchObject({ phase: 'display_and_wait', step: { type: 'display_and_wait', display: { kind: 'unsupported', rawType: 'nfc' }, instructions: expect.stringContaining('Hold your phone') } });
    await until(() => [...fx.sim.core.logins.sessions.values()].some((x) => x.bridge.id === 'local-bluesky' && x.waiting > 0), 'the long-poll');
    phoneActs('local-bluesky');
    await until(() => session(s.id).phase === 'complete', 'the login to complete');
  });

  it('a 403 with a code this app has never seen shows the server’s own message, not "connect again"', async () => {
    const s = await start('local-bluesky', 'invite');
    expect(s).toMatchObject({ phase: 'failed', error: { kind: 'forbidden', code: 'COM.BEEPER.BLUESKY.INVITE_REQUIRED', message: 'Bluesky is invite-only for now. You are on the waitlist.' } });
  });
});
