/** Login-session mechanics: long-poll, duplicates, cancel, bad submits, expiry, reconnect rules. */
import BeeperDesktop from '@beeper/desktop-api';
import { describe, expect, it } from 'vitest';
import type { WireBridgeLogin, WireLoginSession } from '../simulator/wire.ts';
import { cancelSession, control, createSession, getSession, rejectionOf, sdk, stepID, submit, until, untilWaiting, useSimulator } from '../support/simulator-client.ts';

const fx = useSimulator();

const qrData = (s: WireLoginSession): string => (s.currentStep as { display: { data: string } }).display.data;

describe('display_and_wait long-poll', () => {
  it('blocks until something happens, and GET shows the current QR without blocking', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 300 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const started = Date.now();
    const s1 = await submit(fx.client, s0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(qrData(s1)).not.toBe(qrData(s0));
    expect(qrData(await getSession(fx.client, s0))).toBe(qrData(s1));
  });

  it('a long-poll the client abandons does not swallow the next rotation: the next poll gets it at once', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 1_000 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const remote = fx.sim.core.logins.sessions.get(s0.loginSessionID)!;
    const abandoned = new AbortController();
    const poll = submit(fx.client, s0, {}, { signal: abandoned.signal });
    await untilWaiting(fx.sim, s0.loginSessionID);
    abandoned.abort();
    await rejectionOf(poll);
    await until(() => remote.waiting === 0, 'the server to notice the hang-up');
    const left = remote.rotationsLeft;
    await until(() => remote.rotationsLeft === left - 1, 'the first rotation');
    const rotated = (remote.display as { data: string }).data;
    // The rotation that happened meanwhile, not the one after it.
    const next = await submit(fx.client, s0);
    expect(qrData(next)).toBe(rotated);
    expect(remote.rotationsLeft).toBe(left - 1);
  });

  it('attaches duplicate submits to the wait already running: all get the same answer', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 60_000 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const first = submit(fx.client, s0);
    const second = submit(fx.client, s0);
    await untilWaiting(fx.sim, s0.loginSessionID, 2);
    await control(fx.sim, `/sessions/${s0.loginSessionID}/scan`, {});
    const [a, b] = await Promise.all([first, second]);
    expect(a.status).toBe('complete');
    expect(b).toEqual(a);
    expect(fx.sim.core.state.loginsOf('local-whatsapp')).toHaveLength(2); // the seeded one and this one, not three
  });

  it('returns the last result when the finished step is submitted again (a lost response is recoverable)', async () => {
    const s0 = await createSession(fx.client, 'local-signal');
    await control(fx.sim, `/sessions/${s0.loginSessionID}/scan`, {});
    const done = await submit(fx.client, s0);
    expect(done.status).toBe('complete');
    expect(await submit(fx.client, s0)).toEqual(done);
  });

  it('survives the SDK retrying a timed-out long-poll: the retries join the same wait', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 60_000 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const impatient = sdk(fx.sim.url, fx.token, { timeout: 150, maxRetries: 2 });
    const err = await rejectionOf(
      impatient.post(`/v1/bridges/local-whatsapp/login-sessions/${s0.loginSessionID}/steps/fi.mau.whatsapp.login.qr`, { body: { type: 'display_and_wait' } }),
    );
    expect(err).toBeInstanceOf(BeeperDesktop.APIConnectionTimeoutError);
    // The server logs an aborted request when its socket closes, just after the client gives up.
    const attemptsLogged = () => fx.sim.core.log.filter((l) => l.path.endsWith('/steps/fi.mau.whatsapp.login.qr'));
    await expect.poll(() => attemptsLogged().length).toBe(3);
    const attempts = attemptsLogged();
    expect(attempts.every((a) => a.outcome === 'aborted')).toBe(true);
    expect((await getSession(fx.client, s0)).status).toBe('waiting_for_display');
  });

  it('a client can abort its own long-poll with an AbortSignal and submit again', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 60_000 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const abort = new AbortController();
    const pending = submit(fx.client, s0, {}, { signal: abort.signal });
    await untilWaiting(fx.sim, s0.loginSessionID);
    abort.abort();
    expect(await rejectionOf(pending)).toBeInstanceOf(BeeperDesktop.APIUserAbortError);
    const again = submit(fx.client, s0);
    await control(fx.sim, `/sessions/${s0.loginSessionID}/scan`, {});
    expect((await again).status).toBe('complete');
  });
});

describe('cancel', () => {
  it('cancels during a long-poll: the waiting submit gets 410 LOGIN_CANCELLED, GET shows cancelled', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 60_000 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const waiting = submit(fx.client, s0);
    await untilWaiting(fx.sim, s0.loginSessionID);
    expect(await cancelSession(fx.client, s0)).toEqual({ bridgeID: 'local-whatsapp', loginSessionID: s0.loginSessionID, status: 'cancelled' });
    const err = await rejectionOf(waiting);
    expect([err.status, err.error?.code]).toEqual([410, 'FI.MAU.BRIDGE.LOGIN_CANCELLED']);
    const after = await getSession(fx.client, s0);
    expect(after.status).toBe('cancelled');
    expect(after.currentStep).toBeUndefined();
    expect((await cancelSession(fx.client, s0)).status).toBe('cancelled'); // idempotent
    expect((await rejectionOf(submit(fx.client, s0))).error).toMatchObject({ code: 'FI.MAU.BRIDGE.LOGIN_CANCELLED' });
  });

  it('stops the QR rotation of a cancelled session', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 20 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    await cancelSession(fx.client, s0);
    const version = fx.sim.core.logins.sessions.get(s0.loginSessionID)!.version;
    await new Promise((r) => setTimeout(r, 100));
    expect(fx.sim.core.logins.sessions.get(s0.loginSessionID)!.version).toBe(version);
  });

  it('cannot cancel a finished session', async () => {
    const s0 = await createSession(fx.client, 'local-signal');
    await control(fx.sim, `/sessions/${s0.loginSessionID}/scan`, {});
    expect((await rejectionOf(cancelSession(fx.client, s0))).error).toMatchObject({ code: 'FI.MAU.BRIDGE.LOGIN_ALREADY_FINISHED' });
  });
});

describe('bad submits', () => {
  it('rejects a wrong stepID or type with 400 M_BAD_STATE and keeps the session', async () => {
    const s0 = await createSession(fx.client, 'local-telegram', { flowID: 'phone' });
    const wrongStep = await rejectionOf(submit(fx.client, s0, { fields: {} }, { stepID: 'fi.mau.telegram.login.code' }));
    expect([wrongStep.status, wrongStep.error?.code]).toEqual([400, 'M_BAD_STATE']);
    const wrongType = await rejectionOf(submit(fx.client, s0, {}, { type: 'display_and_wait' }));
    expect([wrongType.status, wrongType.error?.code]).toEqual([400, 'M_BAD_STATE']);
    expect(stepID(await getSession(fx.client, s0))).toBe('fi.mau.telegram.login.phone_number');
  });

  it('rejects a missing required field with 400 and an unknown step type with 422', async () => {
    const s0 = await createSession(fx.client, 'local-telegram', { flowID: 'phone' });
    const missing = await rejectionOf(submit(fx.client, s0, { fields: {} }));
    expect(missing.error).toMatchObject({ code: 'M_BAD_JSON', details: { field: 'fi.mau.telegram.login.phone_number' } });
    const unknownType = await rejectionOf(submit(fx.client, s0, {}, { type: 'webauthn' }));
    expect(unknownType.status).toBe(422);
  });

  it('404s an unknown session and a session under the wrong bridge', async () => {
    const s0 = await createSession(fx.client, 'local-telegram');
    expect((await rejectionOf(getSession(fx.client, { ...s0, loginSessionID: 'ls_nope' }))).status).toBe(404);
    expect((await rejectionOf(getSession(fx.client, { ...s0, bridgeID: 'local-whatsapp' }))).status).toBe(404);
  });
});

describe('lifetime', () => {
  it('fails a session that outlives its TTL with LOGIN_TIMED_OUT, waking a waiting submit with 410', async () => {
    await control(fx.sim, '/config', { sessionTtlMs: 150, qrRotationMs: 60_000 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const err = await rejectionOf(submit(fx.client, s0));
    expect([err.status, err.error?.code]).toEqual([410, 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT']);
    expect(await getSession(fx.client, s0)).toMatchObject({ status: 'failed', error: { code: 'FI.MAU.BRIDGE.LOGIN_TIMED_OUT' } });
  });

  it('forgets sessions like a restarted Beeper Desktop: a waiting submit and later calls get 404', async () => {
    await control(fx.sim, '/config', { qrRotationMs: 60_000 });
    const s0 = await createSession(fx.client, 'local-whatsapp');
    const waiting = submit(fx.client, s0);
    await untilWaiting(fx.sim, s0.loginSessionID);
    await control(fx.sim, `/sessions/${s0.loginSessionID}/forget`, {});
    expect((await rejectionOf(waiting)).status).toBe(404);
    expect((await rejectionOf(getSession(fx.client, s0))).status).toBe(404);
  });

  it('runs several sessions at once on different bridges', async () => {
    const [wa, tg, sig] = await Promise.all([
      createSession(fx.client, 'local-whatsapp'),
      createSession(fx.client, 'local-telegram'),
      createSession(fx.client, 'local-signal'),
    ]);
    await control(fx.sim, `/sessions/${sig.loginSessionID}/scan`, {});
    await control(fx.sim, `/sessions/${wa.loginSessionID}/scan`, {});
    const [waDone, sigDone] = await Promise.all([submit(fx.client, wa), submit(fx.client, sig)]);
    expect([waDone.status, sigDone.status]).toEqual(['complete', 'complete']);
    expect((await getSession(fx.client, tg)).status).toBe('waiting_for_input');
  });
});

describe('reconnect rules', () => {
  const tgLogin = async (): Promise<WireBridgeLogin> => (await fx.client.get<{ items: WireBridgeLogin[] }>('/v1/bridges/local-telegram/logins')).items[0]!;

  it('refuses loginID and accountID that refer to different logins', async () => {
    const tg = await tgLogin();
    const err = await rejectionOf(createSession(fx.client, 'local-telegram', { loginID: tg.loginID, accountID: 'matrix' }));
    expect(err.status).toBe(404); // the account is not on this bridge
    const s = await createSession(fx.client, 'local-telegram', { flowID: 'phone' });
    const p = await submit(fx.client, s, { fields: { 'fi.mau.telegram.login.phone_number': '+15559990000' } });
    await control(fx.sim, '/config', { telegram: { twoFactor: false } });
    const other = await submit(fx.client, p, { fields: { 'fi.mau.telegram.login.code': '12345' } });
    const mismatch = await rejectionOf(createSession(fx.client, 'local-telegram', { loginID: tg.loginID, accountID: other.accountID! }));
    expect([mismatch.status, mismatch.error?.code]).toEqual([400, 'INVALID_REQUEST']);
  });

  it('404s reconnecting a login that does not exist', async () => {
    expect((await rejectionOf(createSession(fx.client, 'local-telegram', { loginID: 'ba_gone' }))).status).toBe(404);
  });

  it('allows reconnecting on a single-account bridge that is already `connected`', async () => {
    const s0 = await createSession(fx.client, 'local-signal');
    await control(fx.sim, `/sessions/${s0.loginSessionID}/scan`, {});
    const done = await submit(fx.client, s0);
    const again = await createSession(fx.client, 'local-signal', { loginID: done.loginID! });
    await control(fx.sim, `/sessions/${again.loginSessionID}/scan`, {});
    expect((await submit(fx.client, again)).loginID).toBe(done.loginID);
  });

  it('replaces the old login when a different account signs in during a reconnect (LOGIN_OVERRIDDEN)', async () => {
    const [wa] = (await fx.client.get<{ items: WireBridgeLogin[] }>('/v1/bridges/local-whatsapp/logins')).items;
    const s0 = await createSession(fx.client, 'local-whatsapp', { loginID: wa!.loginID });
    await control(fx.sim, `/sessions/${s0.loginSessionID}/scan`, { asOther: true });
    const done = await submit(fx.client, s0);
    expect(done.login!.loginID).not.toBe(wa!.loginID);
    const logins = (await fx.client.get<{ items: WireBridgeLogin[] }>('/v1/bridges/local-whatsapp/logins')).items;
    expect(logins.map((l) => l.loginID)).toEqual([done.login!.loginID]);
  });
});
