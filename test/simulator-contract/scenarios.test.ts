/** Every scenario bridge, end to end, through the official client (docs/beeper-desktop-api.md §8). */
import BeeperDesktop from '@beeper/desktop-api';
import { describe, expect, it } from 'vitest';
import type { WireAccount, WireBridge, WireBridgeLogin, WireLoginSession } from '../simulator/wire.ts';
import { control, createSession, getSession, rejectionOf, stepID, submit, untilWaiting, useSimulator } from '../support/simulator-client.ts';

const fx = useSimulator();

const scan = (bridgeID: string, body: Record<string, unknown> = {}): Promise<WireLoginSession> => control(fx.sim, `/bridges/${bridgeID}/scan`, body);

async function expectListed(session: WireLoginSession): Promise<void> {
  expect(session.status).toBe('complete');
  const loginID = session.login!.loginID;
  expect(session.loginID).toBe(loginID);
  expect(session.currentStep).toMatchObject({ type: 'complete', login: { loginID, status: 'connected' } });
  const accounts = (await fx.client.accounts.list()) as WireAccount[];
  const mine = accounts.filter((a) => a.loginID === loginID);
  expect(mine.map((a) => a.accountID)).toEqual(session.login!.accountIDs);
  expect(mine.every((a) => a.status === 'connected')).toBe(true);
  expect(session.account).toEqual(mine[0]);
  const bridge = await fx.client.get<WireBridge>(`/v1/bridges/${session.bridgeID}`);
  expect(bridge.accounts.map((a) => a.accountID)).toEqual(expect.arrayContaining(session.login!.accountIDs!));
  const logins = await fx.client.get<{ items: WireBridgeLogin[] }>(`/v1/bridges/${session.bridgeID}/logins`);
  expect(logins.items.find((l) => l.loginID === loginID)).toMatchObject({ status: 'connected' });
}

describe('WhatsApp', () => {
  it('QR flow: a long-poll returns a fresh QR on rotation, then completes when the phone scans', async () => {
    const s0 = await createSession(fx.client, 'local-whatsapp', { flowID: 'qr' });
    expect(s0).toMatchObject({
      bridgeID: 'local-whatsapp',
      status: 'waiting_for_display',
      currentStep: { type: 'display_and_wait', stepID: 'fi.mau.whatsapp.login.qr', display: { type: 'qr' }, instructions: 'Scan the QR code with the WhatsApp mobile app to log in' },
    });
    const qr0 = (s0.currentStep as { display: { data: string } }).display.data;
    expect(qr0).toMatch(/^2@/);
    const s1 = await submit(fx.client, s0); // blocks until the QR rotates (600 ms at this time scale)
    expect(stepID(s1)).toBe('fi.mau.whatsapp.login.qr');
    const qr1 = (s1.currentStep as { display: { data: string } }).display.data;
    expect(qr1).not.toBe(qr0);

    const waiting = submit(fx.client, s1);
    await untilWaiting(fx.sim, s1.loginSessionID);
    await scan('local-whatsapp');
    const done = await waiting;
    expect(done.currentStep).toMatchObject({ stepID: 'fi.mau.whatsapp.login.complete' });
    await expectListed(done);
  });

  it('QR flow fails with LOGIN_TIMEOUT (a 200 `failed` session) after the last QR', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 5 });
    let s = await createSession(fx.client, 'local-whatsapp', { flowID: 'qr' });
    const seen = new Set<string>();
    while (s.status === 'waiting_for_display') {
      seen.add((s.currentStep as { display: { data: string } }).display.data);
      s = await submit(fx.client, s);
    }
    expect(seen.size).toBe(6); // first QR + five rotations
    expect(s).toMatchObject({ status: 'failed', error: { code: 'FI.MAU.WHATSAPP.LOGIN_TIMEOUT' } });
    expect(s.currentStep).toBeUndefined();
  });

  it('phone flow: phone number, then a pairing code to type on the phone', async () => {
    const s0 = await createSession(fx.client, 'local-whatsapp', { flowID: 'phone' });
    expect(s0.currentStep).toMatchObject({ type: 'user_input', stepID: 'fi.mau.whatsapp.login.phone', fields: [{ id: 'phone_number', type: 'phone_number' }] });
    const bad = await rejectionOf(submit(fx.client, s0, { fields: { phone_number: '555-1234' } }));
    expect(bad.status).toBe(400);
    expect(bad.error).toMatchObject({ code: 'M_BAD_JSON' });
    const s1 = await submit(fx.client, s0, { fields: { phone_number: '+44 (20) 7946-0958' } });
    expect(s1.currentStep).toMatchObject({ type: 'display_and_wait', stepID: 'fi.mau.whatsapp.login.code', display: { type: 'code' } });
    expect((s1.currentStep as { display: { data: string } }).display.data).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const waiting = submit(fx.client, s1);
    await untilWaiting(fx.sim, s1.loginSessionID);
    await scan('local-whatsapp');
    const done = await waiting;
    expect(done.login!.user).toMatchObject({ phoneNumber: '+442079460958' });
    await expectListed(done);
  });

  it('falls back to the QR flow for an unknown flow ID', async () => {
    const s = await createSession(fx.client, 'local-whatsapp', { flowID: 'carrier-pigeon' });
    expect(stepID(s)).toBe('fi.mau.whatsapp.login.qr');
  });

  it('uses the first flow when none is given', async () => {
    expect(stepID(await createSession(fx.client, 'local-whatsapp'))).toBe('fi.mau.whatsapp.login.qr');
  });
});

describe('Telegram', () => {
  it('phone → wrong code (.incorrect retry step) → right code → wrong 2FA → right 2FA → complete', async () => {
    const s0 = await createSession(fx.client, 'local-telegram', { flowID: 'phone' });
    expect(s0.currentStep).toMatchObject({
      type: 'user_input',
      stepID: 'fi.mau.telegram.login.phone_number',
      fields: [{ id: 'fi.mau.telegram.login.phone_number', type: 'phone_number', label: 'Phone number', placeholder: 'Include the country code with +' }],
    });
    const s1 = await submit(fx.client, s0, { fields: { 'fi.mau.telegram.login.phone_number': '+1 555 777 1234' } });
    expect(s1.currentStep).toMatchObject({ stepID: 'fi.mau.telegram.login.code', fields: [{ id: 'fi.mau.telegram.login.code', type: '2fa_code' }] });
    const s2 = await submit(fx.client, s1, { fields: { 'fi.mau.telegram.login.code': '00000' } });
    expect(s2).toMatchObject({ status: 'waiting_for_input', currentStep: { stepID: 'fi.mau.telegram.login.code.incorrect', instructions: 'Incorrect code' } });
    const s3 = await submit(fx.client, s2, { fields: { 'fi.mau.telegram.login.code': '12345' } });
    expect(s3.currentStep).toMatchObject({
      stepID: 'fi.mau.telegram.login.password',
      instructions: 'You have two-factor authentication enabled.',
      fields: [{ id: 'fi.mau.telegram.login.password', type: 'password' }],
    });
    const s4 = await submit(fx.client, s3, { fields: { 'fi.mau.telegram.login.password': 'hunter2' } });
    expect(stepID(s4)).toBe('fi.mau.telegram.login.password.incorrect');
    const done = await submit(fx.client, s4, { fields: { 'fi.mau.telegram.login.password': 'correct horse' } });
    expect(done.currentStep).toMatchObject({ stepID: 'fi.mau.telegram.login.complete', instructions: 'Successfully logged in as +15557771234' });
    await expectListed(done);
  });

  it('skips the password step when 2FA is off', async () => {
    await control(fx.sim, '/config', { telegram: { twoFactor: false } });
    const s0 = await createSession(fx.client, 'local-telegram', { flowID: 'phone' });
    const s1 = await submit(fx.client, s0, { fields: { 'fi.mau.telegram.login.phone_number': '+15557770000' } });
    const done = await submit(fx.client, s1, { fields: { 'fi.mau.telegram.login.code': '12345' } });
    await expectListed(done);
  });

  it('reconnects the seeded needs-login login: starts at the code step and restores the same login', async () => {
    const [tg] = (await fx.client.get<{ items: WireBridgeLogin[] }>('/v1/bridges/local-telegram/logins')).items;
    expect(tg!.status).toBe('needs_login');
    const s0 = await createSession(fx.client, 'local-telegram', { flowID: 'phone', loginID: tg!.loginID });
    expect(s0).toMatchObject({ loginID: tg!.loginID, currentStep: { stepID: 'fi.mau.telegram.login.code' } });
    const s1 = await submit(fx.client, s0, { fields: { 'fi.mau.telegram.login.code': '12345' } });
    const done = await submit(fx.client, s1, { fields: { 'fi.mau.telegram.login.password': 'correct horse' } });
    expect(done.login!.loginID).toBe(tg!.loginID);
    expect(done.account!.accountID).toBe(tg!.accountIDs![0]);
    await expectListed(done);
    const after = await fx.client.get<WireAccount>(`/v1/accounts/${tg!.accountIDs![0]}`);
    expect(after).toMatchObject({ status: 'connected' });
    expect(after).not.toHaveProperty('statusText');
  });

  it('reconnects by accountID too', async () => {
    const accounts = (await fx.client.accounts.list()) as WireAccount[];
    const tg = accounts.find((a) => a.bridge.id === 'local-telegram')!;
    const s0 = await createSession(fx.client, 'local-telegram', { accountID: tg.accountID });
    expect(s0).toMatchObject({ loginID: tg.loginID, accountID: tg.accountID, currentStep: { stepID: 'fi.mau.telegram.login.code' } });
  });

  it('QR flow, then 2FA', async () => {
    const s0 = await createSession(fx.client, 'local-telegram', { flowID: 'qr' });
    expect((s0.currentStep as { display: { data: string } }).display.data).toMatch(/^tg:\/\/login\?token=/);
    const waiting = submit(fx.client, s0);
    await untilWaiting(fx.sim, s0.loginSessionID);
    await scan('local-telegram', { phoneNumber: '+15551110000' });
    const s1 = await waiting;
    expect(stepID(s1)).toBe('fi.mau.telegram.login.password');
    await expectListed(await submit(fx.client, s1, { fields: { 'fi.mau.telegram.login.password': 'correct horse' } }));
  });

  it('answers 404 M_NOT_FOUND for an unknown flow', async () => {
    const err = await rejectionOf(createSession(fx.client, 'local-telegram', { flowID: 'bot' }));
    expect(err.status).toBe(404);
    expect(err.error).toMatchObject({ code: 'M_NOT_FOUND' });
  });
});

describe('Signal', () => {
  it('QR → scan → complete, after which the single-account bridge is `connected` and refuses new logins', async () => {
    const s0 = await createSession(fx.client, 'local-signal');
    expect(s0.currentStep).toMatchObject({ stepID: 'fi.mau.signal.login.qr', instructions: 'Scan the QR code on your Signal app to log in' });
    expect((s0.currentStep as { display: { data: string } }).display.data).toMatch(/^sgnl:\/\/linkdevice\?uuid=/);
    await scan('local-signal');
    const done = await submit(fx.client, s0); // the change happened before the submit: answered at once
    expect(done.currentStep).toMatchObject({ stepID: 'fi.mau.signal.login.complete' });
    await expectListed(done);
    const bridge = await fx.client.get<WireBridge>('/v1/bridges/local-signal');
    expect(bridge.status).toBe('connected');
    const err = await rejectionOf(createSession(fx.client, 'local-signal'));
    expect(err).toBeInstanceOf(BeeperDesktop.PermissionDeniedError);
    expect(err.error).toMatchObject({ code: 'FI.MAU.BRIDGE.TOO_MANY_LOGINS' });
  });

  it('ends with HTTP 410 LOGIN_TIMED_OUT after the last QR (the other failure channel)', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 2 });
    let s = await createSession(fx.client, 'local-signal');
    let rotations = 0;
    const err = await rejectionOf(
      (async () => {
        for (;;) {
          s = await submit(fx.client, s);
          rotations++;
        }
      })(),
    );
    expect(rotations).toBeGreaterThan(0);
    expect(rotations).toBeLessThanOrEqual(19);
    expect(err.status).toBe(410);
    expect(err.error).toMatchObject({ code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT' });
    expect(await getSession(fx.client, s)).toMatchObject({ status: 'failed', error: { code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT' } });
  });

  it('answers 404 M_NOT_FOUND for an unknown flow', async () => {
    expect((await rejectionOf(createSession(fx.client, 'local-signal', { flowID: 'phone' }))).error).toMatchObject({ code: 'M_NOT_FOUND' });
  });
});

describe('Google Messages', () => {
  const cookies = { OSID: 'o', SID: 's', HSID: 'h', SSID: 'ss', APISID: 'a', SAPISID: 'sa' };

  it('Google account: cookies, then the emoji to tap, then complete', async () => {
    const s0 = await createSession(fx.client, 'local-gmessages', { flowID: 'google' });
    expect(s0).toMatchObject({ status: 'waiting_for_cookies', currentStep: { type: 'cookies', stepID: 'fi.mau.gmessages.google_account' } });
    const step = s0.currentStep as { url: string; fields: Array<{ id: string; type?: string; required?: boolean }>; expectedFinalURLRegex: string };
    expect(step.url).toBe(`${fx.sim.url}/__signin/google/`);
    expect(step.fields.map((f) => f.id)).toEqual(['OSID', 'SID', 'HSID', 'SSID', 'APISID', 'SAPISID', '__Secure-1PSIDTS']);
    expect(step.fields.every((f) => f.type === 'cookie')).toBe(true);
    expect(step.fields.at(-1)!.required).toBe(false);
    expect(new RegExp(step.expectedFinalURLRegex).test(`${fx.sim.url}/__signin/google/messages/web/config`)).toBe(true);

    const missing = await rejectionOf(submit(fx.client, s0, { fields: { SID: 's' }, source: 'api' }));
    expect(missing.status).toBe(400);
    expect((await getSession(fx.client, s0)).status).toBe('waiting_for_cookies');

    const s1 = await submit(fx.client, s0, { fields: cookies, source: 'api' });
    expect(s1).toMatchObject({ status: 'waiting_for_display', currentStep: { stepID: 'fi.mau.gmessages.emoji', display: { type: 'emoji' } } });
    const imageURL = (s1.currentStep as { display: { imageURL: string } }).display.imageURL;
    const image = await fetch(imageURL);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(await image.text()).toMatch(/<svg[^>]+role="img"/);

    const waiting = submit(fx.client, s1);
    await untilWaiting(fx.sim, s1.loginSessionID);
    await scan('local-gmessages');
    await expectListed(await waiting);
  });

  it('fails the session when the wrong emoji is tapped', async () => {
    const s0 = await createSession(fx.client, 'local-gmessages', { flowID: 'google' });
    const s1 = await submit(fx.client, s0, { fields: cookies });
    await scan('local-gmessages', { wrong: true });
    expect(await submit(fx.client, s1)).toMatchObject({ status: 'failed', error: { code: 'FI.MAU.GMESSAGES.PAIR_INCORRECT_EMOJI' } });
  });

  it('QR flow', async () => {
    const s0 = await createSession(fx.client, 'local-gmessages', { flowID: 'qr' });
    expect(stepID(s0)).toBe('fi.mau.gmessages.qr');
    await scan('local-gmessages');
    await expectListed(await submit(fx.client, s0));
  });
});

describe('Instagram', () => {
  const fields = { sessionid: '1%3Aabc', csrftoken: 'c', ds_user_id: '4242', mid: 'm', ig_did: 'd', 'x-ig-app-id': '936619743392459' };

  it('cookies and a request header, collected in a webview, complete the login', async () => {
    const s0 = await createSession(fx.client, 'local-instagram');
    const step = s0.currentStep as { stepID: string; userAgent: string; fields: Array<{ id: string; name: string; type: string }> };
    expect(step.stepID).toBe('fi.mau.meta.cookies');
    expect(step.userAgent).toMatch(/Chrome\//);
    expect(step.userAgent).not.toMatch(/Electron/);
    expect(step.fields.find((f) => f.type === 'header')).toMatchObject({ id: 'x-ig-app-id', name: 'X-IG-App-ID' });
    const done = await submit(fx.client, s0, { fields, source: 'webview', lastURL: `${fx.sim.url}/__signin/instagram/direct/inbox/` });
    expect(fx.sim.core.logins.sessions.get(s0.loginSessionID)!.lastSubmit).toMatchObject({ source: 'webview', lastURL: expect.stringContaining('/direct/inbox/') });
    await expectListed(done);
  });

  it('missing cookies end the session as a 200 with status failed (META_MISSING_COOKIES)', async () => {
    const s0 = await createSession(fx.client, 'local-instagram');
    const failed = await submit(fx.client, s0, { fields: { sessionid: 'x' } });
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'FI.MAU.META_MISSING_COOKIES' } });
    // Re-submitting the step that just finished returns the same result; any other step is 410.
    expect(await submit(fx.client, s0, { fields })).toEqual(failed);
    const other = await rejectionOf(submit(fx.client, s0, { fields }, { stepID: 'fi.mau.meta.other' }));
    expect([other.status, other.error?.code]).toEqual([410, 'FI.MAU.BRIDGE.LOGIN_ALREADY_FINISHED']);
  });
});

describe('Slack', () => {
  it('asks for a token found by extractJS and the `d` cookie; checks their patterns', async () => {
    const s0 = await createSession(fx.client, 'slackgo');
    const step = s0.currentStep as { extractJS: string; fields: Array<{ id: string; type?: string; pattern?: string }> };
    expect(step.extractJS).toContain('localConfig_v2');
    // bridgev2 profile: the SDK's flat fields plus `required`, `pattern` and `sources[]`. A `special`
    // source has no flat `type`.
    expect(step.fields).toEqual([
      { id: 'auth_token', name: 'fi.mau.slack.auth_token', required: true, pattern: '^xoxc-.+$', sources: [{ type: 'special', name: 'fi.mau.slack.auth_token' }] },
      { id: 'cookie_token', name: 'd', type: 'cookie', required: true, pattern: '^xoxd-.+$', sources: [{ type: 'cookie', name: 'd', cookieDomain: '127.0.0.1' }] },
    ]);
    const bad = await rejectionOf(submit(fx.client, s0, { fields: { auth_token: 'nope', cookie_token: 'xoxd-1' } }));
    expect(bad.status).toBe(400);
    const done = await submit(fx.client, s0, { fields: { auth_token: 'xoxc-T0GLOBEX2-U0SAM0001-abc', cookie_token: 'xoxd-abc' }, source: 'webview' });
    expect(done.login).toMatchObject({ loginID: 'T0GLOBEX2-U0SAM0001', accountIDs: ['slackgo.T0GLOBEX2-U0SAM0001'] });
    expect(done.account).toMatchObject({ network: 'Slack (Globex)', bridge: { provider: 'cloud', type: 'slackgo' } });
    await expectListed(done);
  });
});

describe('Slack email flow', () => {
  it('email → captcha picture (a wrong answer gets a new picture) → emailed code → workspace select → complete', async () => {
    const s0 = await createSession(fx.client, 'slackgo', { flowID: 'email' });
    expect(s0.currentStep).toMatchObject({ stepID: 'fi.mau.slack.login.enter_email', fields: [{ id: 'email', type: 'email' }] });
    const s1 = await submit(fx.client, s0, { fields: { email: 'Sam@Globex.example' } });
    const captcha = s1.currentStep as { stepID: string; fields: Array<{ type: string }>; attachments: Array<{ type: string; content: string; info: { mimetype: string } }> };
    expect(captcha).toMatchObject({ stepID: 'fi.mau.slack.login.email_captcha', fields: [{ type: 'captcha_code' }] });
    expect(captcha.attachments[0]).toMatchObject({ type: 'm.image', info: { mimetype: 'image/svg+xml' } });
    const answerOf = (a: { content: string }): string => /<title>([^<]+)<\/title>/.exec(Buffer.from(a.content, 'base64').toString())![1]!;
    const wrong = await submit(fx.client, s1, { fields: { captcha_token: 'nope' } });
    expect(stepID(wrong)).toBe('fi.mau.slack.login.email_captcha.incorrect');
    const retryAttachment = (wrong.currentStep as unknown as typeof captcha).attachments[0]!;
    const s2 = await submit(fx.client, wrong, { fields: { captcha_token: answerOf(retryAttachment).toLowerCase() } });
    expect(s2.currentStep).toMatchObject({ stepID: 'fi.mau.slack.login.enter_email_code', instructions: 'We emailed a code to sam@globex.example.' });
    const badCode = await rejectionOf(submit(fx.client, s2, { fields: { code: '000000' } }));
    expect(badCode.status).toBe(400);
    const s3 = await submit(fx.client, s2, { fields: { code: '424242' } });
    expect(s3.currentStep).toMatchObject({ stepID: 'fi.mau.slack.login.select_workspace', fields: [{ id: 'workspace', type: 'select', options: ['Acme Inc', 'Globex', 'Initech'] }] });
    const invalid = await rejectionOf(submit(fx.client, s3, { fields: { workspace: 'Hooli' } }));
    expect(invalid.status).toBe(400);
    const done = await submit(fx.client, s3, { fields: { workspace: 'Initech' } });
    expect(done.account).toMatchObject({ network: 'Slack (Initech)' });
    await expectListed(done);
  });
});

describe('X', () => {
  it('ct0 and auth_token cookies complete the login', async () => {
    const s0 = await createSession(fx.client, 'local-twitter');
    expect(s0.currentStep).toMatchObject({ stepID: 'fi.mau.twitter.login.enter_cookies', url: `${fx.sim.url}/__signin/x/` });
    await expectListed(await submit(fx.client, s0, { fields: { ct0: 'c', auth_token: 'a' } }));
  });
});

describe('unavailable bridges', () => {
  it('refuses new logins with the bridge status as the reason', async () => {
    const limit = await rejectionOf(createSession(fx.client, 'discordgo'));
    expect([limit.status, limit.error?.code]).toEqual([403, 'FI.MAU.BRIDGE.TOO_MANY_LOGINS']);
    const unavailable = await rejectionOf(createSession(fx.client, 'local-linkedin'));
    expect([unavailable.status, unavailable.error?.code, unavailable.error?.message]).toEqual([400, 'BRIDGE_UNAVAILABLE', 'LinkedIn is temporarily unavailable. Try again later.']);
    const disabled = await rejectionOf(createSession(fx.client, 'local-facebook'));
    expect([disabled.status, disabled.error?.code]).toEqual([403, 'BRIDGE_DISABLED']);
    expect(fx.sim.core.logins.sessions.size).toBe(0);
  });

  it('follows a status changed at run time', async () => {
    await control(fx.sim, '/bridges/local-whatsapp/status', { status: 'temporarily_unavailable', statusText: 'Down for maintenance' });
    expect((await fx.client.get<WireBridge>('/v1/bridges/local-whatsapp')).status).toBe('temporarily_unavailable');
    expect((await rejectionOf(createSession(fx.client, 'local-whatsapp'))).error).toMatchObject({ message: 'Down for maintenance' });
    await control(fx.sim, '/bridges/local-whatsapp/status', { status: null });
    expect((await createSession(fx.client, 'local-whatsapp')).status).toBe('waiting_for_display');
  });
});
