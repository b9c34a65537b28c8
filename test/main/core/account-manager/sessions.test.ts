/**
 * Login sessions through the whole core against the simulator, for every scenario bridge, against
 * each server profile: only the SDK's fields (`sdk`), bridgev2's extras (`bridgev2`), and a newer
 * Beeper Desktop (`future`). Every flow completes under each; after every test no session the app
 * ended is left running on the server.
 */
import { describe, expect, it } from 'vitest';
import type { AccountsView, SessionView } from '../../../../preload/contract/views.ts';
import { PROFILES } from '../../../simulator/index.ts';
import { call, expectNoSessionLeftRunning, until, useCore } from '../../../support/core.ts';

describe.each(PROFILES)('%s profile', (profile) => {
  const fx = useCore({ profile, simConfig: { oauthAutoApprove: true, timeScale: 0.01, qrRotationMs: 60_000 }, signIn: true });
  expectNoSessionLeftRunning(fx);

  const session = (id: string): SessionView => fx.t.core.sessions.get(id);
  const start = (bridgeID: string, extra: Record<string, string> = {}): Promise<SessionView> => call<SessionView>(fx.t, 'sessions.start', { bridgeID, ...extra });
  const reconnect = (bridgeID: string, loginID: string | null, accountID: string | null): Promise<SessionView> => call<SessionView>(fx.t, 'sessions.reconnect', { bridgeID, loginID, accountID });
  const input = (s: SessionView, fields: Record<string, string>): Promise<SessionView> => call<SessionView>(fx.t, 'sessions.submitInput', { sessionID: s.id, fields });
  const cookies = (s: SessionView, fields: Record<string, string>): Promise<SessionView> => call<SessionView>(fx.t, 'sessions.submitCookies', { sessionID: s.id, fields });
  /** Waits until the engine has a long-poll parked at the simulator for this bridge. */
  const parked = (bridgeID: string): Promise<unknown> => until(() => [...fx.sim.core.logins.sessions.values()].some((x) => x.bridge.id === bridgeID && x.waiting > 0), `long-poll on ${bridgeID}`);
  const scan = async (bridgeID: string, body: Record<string, unknown> = {}): Promise<void> => {
    await parked(bridgeID);
    fx.sim.core.logins.scan([...fx.sim.core.logins.sessions.values()].filter((x) => x.bridge.id === bridgeID && !x.terminal).at(-1)!, body);
  };
  const completed = (s: SessionView): Promise<SessionView> => until(() => session(s.id).phase === 'complete' && session(s.id), `${s.bridgeID} to complete`);

  async function listed(s: SessionView): Promise<AccountsView> {
    const done = await completed(s);
    expect(done.result!.accountIDs.length).toBeGreaterThan(0);
    // Completion refreshes accounts: the new account shows up as connected under its network.
    return until(() => {
      const v = fx.t.core.snapshot().accounts;
      const network = v.networks.find((n) => n.bridgeID === s.bridgeID);
      const login = network?.logins.find((l) => l.loginID === done.result!.loginID);
      return login && login.status === 'connected' && login.accounts.every((a) => a.status === 'connected') && v;
    }, 'the account to be listed');
  }

  describe('every scenario bridge to completion', () => {
    it('WhatsApp QR: the QR shows, rotates (a new revision), and completes on scan', async () => {
      fx.sim.core.config.qrRotationMs = 150;
      const s = await start('local-whatsapp', { flowID: 'qr' });
      expect(s).toMatchObject({ phase: 'display_and_wait', bridgeName: 'WhatsApp', step: { type: 'display_and_wait', stepID: 'fi.mau.whatsapp.login.qr', display: { kind: 'qr' }, revision: 1 } });
      const first = (s.step as { display: { data: string } }).display.data;
      const rotated = await until(() => {
        const v = session(s.id);
        return v.step?.type === 'display_and_wait' && v.step.revision >= 2 && v;
      }, 'a rotated QR');
      expect((rotated.step as { display: { data: string } }).display.data).not.toBe(first);
      fx.sim.core.config.qrRotationMs = 60_000;
      await scan('local-whatsapp');
      const view = await listed(s);
      expect(view.networks.find((n) => n.bridgeID === 'local-whatsapp')!.logins).toHaveLength(2);
    });

    it('WhatsApp pairing code', async () => {
      const s0 = await start('local-whatsapp', { flowID: 'phone' });
      expect(s0.step).toMatchObject({ type: 'user_input', fields: [{ id: 'phone_number', kind: 'phone', label: 'Phone number' }] });
      const s1 = await input(s0, { phone_number: '+4915112345678' });
      expect(s1.step).toMatchObject({ type: 'display_and_wait', display: { kind: 'code', data: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/) } });
      await scan('local-whatsapp');
      await listed(s1);
    });

    it('Telegram: a wrong code is a retry step with its message, then 2FA, then complete', async () => {
      const s0 = await start('local-telegram', { flowID: 'phone' });
      const s1 = await input(s0, { 'fi.mau.telegram.login.phone_number': '+1 555 010 9999' });
      expect(s1.step).toMatchObject({ type: 'user_input', retry: false, fields: [{ kind: 'code', label: 'Code' }] });
      const s2 = await input(s1, { 'fi.mau.telegram.login.code': '99999' });
      expect(s2).toMatchObject({ phase: 'user_input', stepError: null, step: { stepID: 'fi.mau.telegram.login.code.incorrect', retry: true, instructions: 'Incorrect code' } });
      const s3 = await input(s2, { 'fi.mau.telegram.login.code': '12345' });
      expect(s3.step).toMatchObject({ fields: [{ kind: 'password' }], instructions: 'You have two-factor authentication enabled.' });
      const s4 = await input(s3, { 'fi.mau.telegram.login.password': 'correct horse' });
      expect(s4).toMatchObject({ phase: 'complete', result: { network: 'Telegram', restored: false, identity: { detail: '+1 555 010 9999' } } });
      await listed(s4);
    });

    it('Signal', async () => {
      const s = await start('local-signal');
      await scan('local-signal');
      await listed(s);
      const network = fx.t.core.snapshot().accounts.networks.find((n) => n.bridgeID === 'local-signal')!;
      expect(network).toMatchObject({ canAddAccount: false, unavailableReason: expect.stringContaining('already connected') });
    });

    it('Google Messages: cookies pasted by hand, then the emoji (fetched by main as a data URL), then complete', async () => {
      const s0 = await start('local-gmessages', { flowID: 'google' });
      expect(s0.step).toMatchObject({ type: 'cookies', url: `${fx.sim.url}/__signin/google/` });
      // Only bridgev2's extras say which cookies are required; the SDK's fields do not.
      expect((s0.step as { fields: Array<{ id: string; required: boolean }> }).fields.filter((f) => f.required).map((f) => f.id)).toEqual(
        profile === 'sdk' ? [] : ['OSID', 'SID', 'HSID', 'SSID', 'APISID', 'SAPISID'],
      );
      expect((s0.step as { fields: Array<{ id: string; optional: boolean }> }).fields.filter((f) => f.optional).map((f) => f.id)).toEqual(profile === 'sdk' ? [] : ['__Secure-1PSIDTS']);
      const missing = await cookies(s0, { SID: 'x' });
      expect(missing).toMatchObject({ phase: 'cookies', stepError: { kind: 'invalid_input', message: expect.stringContaining('OSID') } });
      const s1 = await cookies(s0, { OSID: 'o', SID: 's', HSID: 'h', SSID: 'ss', APISID: 'a', SAPISID: 'sa' });
      expect(s1.step).toMatchObject({ type: 'display_and_wait', display: { kind: 'emoji' } });
      if (profile === 'future') {
        // An mxc: picture cannot be shown: no spinner that cannot end.
        expect(s1.step).toMatchObject({ display: { imageURL: null, loading: false }, instructions: expect.stringContaining('Tap the emoji') });
      } else {
        // sdk: a data: URL shown as it is; bridgev2: an http URL fetched by main.
        const withImage = await until(() => {
          const v = session(s1.id);
          return v.step?.type === 'display_and_wait' && v.step.display.kind === 'emoji' && v.step.display.imageURL && v;
        }, 'the emoji image');
        expect((withImage.step as { display: { imageURL: string } }).display.imageURL).toMatch(/^data:image\/svg\+xml;base64,/);
      }
      expect(fx.sim.core.logins.sessions.values().next().value!.lastSubmit).toMatchObject({ source: 'api' });
      await scan('local-gmessages');
      await listed(s1);
    });

    it('Instagram, Slack and X with pasted values', async () => {
      const ig = await start('local-instagram');
      await cookies(ig, { sessionid: '1', csrftoken: 'c', ds_user_id: '77', mid: 'm', ig_did: 'd', 'x-ig-app-id': '936619743392459' });
      await listed(ig);
      const slack = await start('slackgo');
      expect(slack.step).toMatchObject({ fields: [{ id: 'auth_token', source: 'special', pattern: profile === 'sdk' ? null : '^xoxc-.+$' }, { id: 'cookie_token', source: 'cookie', name: 'd' }] });
      await cookies(slack, { auth_token: 'xoxc-T0INITECH-U0PETER01-x', cookie_token: 'xoxd-y' });
      await listed(slack);
      const x = await start('local-twitter');
      await cookies(x, { ct0: 'c', auth_token: 'a' });
      await listed(x);
    });
  });

  describe('reconnect, removal', () => {
    it('reconnects the seeded needs-login account from the attention list, restoring the same login', async () => {
      const [item] = fx.t.core.snapshot().accounts.needsAttention;
      expect(item).toMatchObject({ bridgeID: 'local-telegram', status: 'needs_login', message: expect.stringContaining('logged out') });
      const s0 = await reconnect(item!.bridgeID, item!.loginID, null);
      // Who it is for, as the list names the account: on every step of the reconnect.
      expect(s0).toMatchObject({ reconnect: { loginID: item!.loginID, identity: { name: 'Alex Rivera', detail: '+1 555 010 0202' } }, step: { stepID: 'fi.mau.telegram.login.code' } });
      const s1 = await input(s0, { 'fi.mau.telegram.login.code': '12345' });
      const done = await input(s1, { 'fi.mau.telegram.login.password': 'correct horse' });
      expect(done.result).toMatchObject({ loginID: item!.loginID, restored: true });
      await until(() => fx.t.core.snapshot().accounts.needsAttention.length === 0, 'attention list to clear');
    });

    it('one reconnect, one session: the tray (login and account), then the window (login), then a notification (account) keep the QR being scanned', async () => {
      const wa = fx.t.core.snapshot().accounts.networks.find((n) => n.bridgeID === 'local-whatsapp')!.logins[0]!;
      const accountID = wa.accounts[0]!.accountID;
      const fromTray = await reconnect('local-whatsapp', wa.loginID, accountID);
      const fromWindow = await reconnect('local-whatsapp', wa.loginID, null);
      const fromNotification = await reconnect('local-whatsapp', null, accountID);
      expect([fromWindow.id, fromNotification.id]).toEqual([fromTray.id, fromTray.id]);
      expect(fromTray).toMatchObject({ reconnect: { loginID: wa.loginID, accountID: null, identity: wa.identity }, finished: false });
      expect([...fx.sim.core.logins.sessions.values()].filter((x) => x.bridge.id === 'local-whatsapp')).toHaveLength(1);
      await call(fx.t, 'sessions.dismiss', { sessionID: fromTray.id });
    });

    it('a reconnect names a login or an account: neither is refused before anything is sent', async () => {
      await expect(call(fx.t, 'sessions.reconnect', { bridgeID: 'local-whatsapp', loginID: null, accountID: null })).rejects.toMatchObject({ kind: 'invalid_request' });
      await expect(call(fx.t, 'sessions.start', { bridgeID: 'local-whatsapp', loginID: 'x' })).rejects.toMatchObject({ kind: 'invalid_request' });
      expect(fx.t.core.sessions.list()).toEqual([]);
    });

    it('removes a login with a scope it allows; refuses one it does not', async () => {
      const slack = fx.t.core.snapshot().accounts.networks.find((n) => n.bridgeID === 'slackgo')!.logins[0]!;
      expect(slack.accounts).toHaveLength(2);
      await expect(call(fx.t, 'logins.remove', { bridgeID: 'local-whatsapp', loginID: fx.t.core.snapshot().accounts.networks.find((n) => n.bridgeID === 'local-whatsapp')!.logins[0]!.loginID, scope: 'all-devices' })).rejects.toMatchObject({
        kind: 'invalid_request',
      });
      const r = await call<{ affectedAccountIDs: string[] }>(fx.t, 'logins.remove', { bridgeID: 'slackgo', loginID: slack.loginID, scope: 'all-devices' });
      expect(r.affectedAccountIDs).toHaveLength(2);
      await until(() => fx.t.core.snapshot().accounts.networks.find((n) => n.bridgeID === 'slackgo')!.logins.length === 0, 'removal to show');
    });
  });

  describe('cancel and failures', () => {
    it('cancels during a long-poll: the request is aborted, then the session is deleted', async () => {
      const s = await start('local-whatsapp');
      await parked('local-whatsapp');
      const cancelled = await call<SessionView>(fx.t, 'sessions.cancel', { sessionID: s.id });
      expect(cancelled.phase).toBe('cancelled');
      const remote = [...fx.sim.core.logins.sessions.values()][0]!;
      await until(() => remote.status === 'cancelled' && remote.waiting === 0, 'server-side cancel');
      expect(fx.sim.core.log.some((l) => l.method === 'DELETE')).toBe(true);
    });

    it('a QR that runs out ends the session as failed with the network\'s message (200 `failed`)', async () => {
      fx.sim.core.config.qrRotationMs = 10;
      const s = await start('local-whatsapp');
      const failed = await until(() => session(s.id).phase === 'failed' && session(s.id), 'failure');
      expect(failed.error).toMatchObject({ code: 'FI.MAU.WHATSAPP.LOGIN_TIMEOUT', message: 'Entering code or scanning QR timed out. Please try again.' });
    });

    it('a Signal QR that runs out ends as failed too (HTTP 410)', async () => {
      fx.sim.core.config.qrRotationMs = 5;
      const s = await start('local-signal');
      const failed = await until(() => session(s.id).phase === 'failed' && session(s.id), 'failure');
      expect(failed.error).toMatchObject({ kind: 'session_expired', code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT' });
    });

    it('a rejected phone number keeps the step, with the reason', async () => {
      const s0 = await start('local-telegram');
      const s1 = await input(s0, { 'fi.mau.telegram.login.phone_number': '12345' });
      expect(s1).toMatchObject({ phase: 'user_input', busy: false, stepError: { kind: 'invalid_input', message: expect.stringContaining('international format') } });
      expect(s1.step).toMatchObject({ stepID: 'fi.mau.telegram.login.phone_number' });
    });

    it('refuses an unavailable bridge with its reason', async () => {
      const s = await start('local-linkedin');
      expect(s).toMatchObject({ phase: 'failed', error: { kind: 'bridge_unavailable', message: 'LinkedIn is temporarily unavailable. Try again later.' } });
    });

    it('a session the server forgot fails as expired', async () => {
      const s = await start('local-whatsapp');
      await parked('local-whatsapp');
      fx.sim.core.logins.forgetAll();
      expect(await until(() => session(s.id).phase === 'failed' && session(s.id), 'failure')).toMatchObject({ error: { kind: 'session_expired' } });
    });

    it('a login waiting for input when Beeper Desktop restarts ends as expired once it is back, not at the next submit', async () => {
      const s = await start('local-telegram', { flowID: 'phone' });
      expect(s.phase).toBe('user_input');
      await fx.sim.stopAPI();
      fx.t.core.connection.lost();
      await fx.sim.startAPI();
      expect(await until(() => session(s.id).phase === 'failed' && session(s.id), 'the forgotten login to end')).toMatchObject({ error: { kind: 'session_expired' } });
    });

    it('runs sessions on several bridges at once, and one per bridge', async () => {
      const [wa, sig] = await Promise.all([start('local-whatsapp'), start('local-signal')]);
      const again = await start('local-whatsapp');
      expect(again.id).toBe(wa.id); // a double click returns the same session
      const other = await start('local-whatsapp', { flowID: 'phone' });
      expect(other.id).not.toBe(wa.id);
      expect(session(wa.id).phase).toBe('cancelled'); // replaced
      await scan('local-signal');
      await completed(sig);
      expect(fx.t.core.snapshot().sessions.map((s) => s.phase).sort()).toEqual(['cancelled', 'complete', 'user_input']);
    });

    it('dismisses finished sessions; a reloaded renderer gets every live session', async () => {
      const s = await start('local-telegram');
      expect((await call<{ sessions: SessionView[] }>(fx.t, 'app.getState')).sessions.map((x) => x.id)).toEqual([s.id]);
      await call(fx.t, 'sessions.dismiss', { sessionID: s.id });
      expect((await call<{ sessions: SessionView[] }>(fx.t, 'app.getState')).sessions).toEqual([]);
      expect(fx.t.events.some((e) => e.event === 'state.sessionRemoved')).toBe(true);
    });
  });
});
