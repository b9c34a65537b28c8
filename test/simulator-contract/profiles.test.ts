/**
 * The simulator's three server profiles. `sdk` sends only what the SDK models name (checked against
 * a JSON Schema of those models on every response of a crawl that drives each kind of step);
 * `bridgev2` adds bridgev2's pass-through fields; `future` adds what a newer Beeper Desktop would.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { FUTURE_FIELD, PROFILES, type Profile } from '../simulator/profiles.ts';
import type { WireLoginSession } from '../simulator/wire.ts';
import { control, until, useSimulator } from '../support/simulator-client.ts';
import { SDK_MODELS, type SdkModel } from '../support/sdk-models.ts';

const fx = useSimulator();

interface Seen {
  model: SdkModel;
  path: string;
  body: unknown;
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${fx.sim.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${fx.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/**
 * Reads every list, starts a session on every flow of every bridge, and drives one of each kind of
 * step to its end (typed input, cookies, QR, emoji, completion, failure). Returns every answer.
 */
async function crawl(): Promise<Seen[]> {
  const seen: Seen[] = [];
  const get = async (model: SdkModel, path: string): Promise<unknown> => {
    const { json } = await api('GET', path);
    seen.push({ model, path, body: json });
    return json;
  };
  const session = async (path: string, body: unknown, method = 'POST'): Promise<WireLoginSession> => {
    const r = await api(method, path, body);
    if (r.status === 200) seen.push({ model: 'LoginSession', path, body: r.json });
    return r.json as WireLoginSession;
  };
  const stepPath = (s: WireLoginSession): string => `/v1/bridges/${s.bridgeID}/login-sessions/${s.loginSessionID}/steps/${(s.currentStep as { stepID: string }).stepID}`;

  await get('AccountList', '/v1/accounts');
  const bridges = (await get('BridgeList', '/v1/bridges')) as { items: Array<{ id: string }> };
  for (const b of bridges.items) {
    await get('LoginList', `/v1/bridges/${b.id}/logins`);
    const flows = (await get('LoginFlowList', `/v1/bridges/${b.id}/login-flows`)) as { items: Array<{ id: string }> };
    for (const f of flows.items) {
      const s = await session(`/v1/bridges/${b.id}/login-sessions`, { flowID: f.id });
      if (s.loginSessionID) await api('DELETE', `/v1/bridges/${b.id}/login-sessions/${s.loginSessionID}`);
    }
  }

  // Telegram: typed input to completion (a complete step with account and login).
  let tg = await session('/v1/bridges/local-telegram/login-sessions', { flowID: 'phone' });
  tg = await session(stepPath(tg), { type: 'user_input', fields: { 'fi.mau.telegram.login.phone_number': '+15550104444' } });
  tg = await session(stepPath(tg), { type: 'user_input', fields: { 'fi.mau.telegram.login.code': '12345' } });
  tg = await session(stepPath(tg), { type: 'user_input', fields: { 'fi.mau.telegram.login.password': 'correct horse' } });
  expect(tg.status).toBe('complete');
  await session(`/v1/bridges/local-telegram/login-sessions/${tg.loginSessionID}`, undefined, 'GET');

  // Google Messages: cookies, then the emoji display.
  const gm = await session('/v1/bridges/local-gmessages/login-sessions', { flowID: 'google' });
  const emoji = await session(stepPath(gm), { type: 'cookies', fields: { OSID: 'o', SID: 's', HSID: 'h', SSID: 'ss', APISID: 'a', SAPISID: 'sa' } });
  expect(emoji.status).toBe('waiting_for_display');
  await api('DELETE', `/v1/bridges/local-gmessages/login-sessions/${emoji.loginSessionID}`);

  // Slack: a cookies step with a `special` field.
  const slack = await session('/v1/bridges/slackgo/login-sessions', { flowID: 'email' });
  await session(stepPath(slack), { type: 'user_input', fields: { email: 'sam@globex.example' } });

  // WhatsApp: a QR that runs out ends as a 200 `failed` session with its error.
  await control(fx.sim, '/config', { qrRotationMs: 5 });
  const wa = await session('/v1/bridges/local-whatsapp/login-sessions', { flowID: 'qr' });
  await until(() => fx.sim.core.logins.sessions.get(wa.loginSessionID)?.status === 'failed', 'the QR to run out');
  const failed = await session(`/v1/bridges/local-whatsapp/login-sessions/${wa.loginSessionID}`, undefined, 'GET');
  expect(failed.error).toMatchObject({ code: 'FI.MAU.WHATSAPP.LOGIN_TIMEOUT' });
  return seen;
}

const useProfile = (profile: Profile): Promise<unknown> => control(fx.sim, '/config', { profile });

describe('sdk: only the fields the SDK models name', () => {
  it('every answer of a full crawl validates against the SDK models, closed', async () => {
    await useProfile('sdk');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    ajv.addSchema(SDK_MODELS, 'sdk');
    const seen = await crawl();
    expect(seen.length).toBeGreaterThan(40);
    const failures = seen.flatMap((s) => {
      const validate = ajv.getSchema(`sdk#/$defs/${s.model}`)!;
      return validate(s.body) ? [] : [`${s.path}: ${ajv.errorsText(validate.errors)}`];
    });
    expect(failures).toEqual([]);
  });

  it('the schema is closed: a bridgev2 answer does not validate', async () => {
    await useProfile('bridgev2');
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(SDK_MODELS, 'sdk');
    const { json } = await api('POST', '/v1/bridges/slackgo/login-sessions', { flowID: 'token' });
    expect(ajv.validate('sdk#/$defs/LoginSession', json)).toBe(false);
    expect(ajv.errorsText()).toContain('must NOT have additional properties');
  });

  it('flat cookie fields, an inline emoji, remote avatars', async () => {
    await useProfile('sdk');
    const { json: slack } = await api('POST', '/v1/bridges/slackgo/login-sessions', { flowID: 'token' });
    expect((slack as WireLoginSession).currentStep).toMatchObject({ fields: [{ id: 'auth_token', name: 'fi.mau.slack.auth_token' }, { id: 'cookie_token', name: 'd', type: 'cookie' }] });
    const { json: accounts } = await api('GET', '/v1/accounts');
    const avatars = (accounts as Array<{ user: { imgURL?: string } }>).map((a) => a.user.imgURL).filter(Boolean);
    expect(avatars.length).toBeGreaterThan(0);
    for (const url of avatars) expect(url).toMatch(/^(mxc|https):\/\//);
    const gm = (await api('POST', '/v1/bridges/local-gmessages/login-sessions', { flowID: 'google' })).json as WireLoginSession;
    const next = (await api('POST', `/v1/bridges/local-gmessages/login-sessions/${gm.loginSessionID}/steps/fi.mau.gmessages.google_account`, {
      type: 'cookies',
      fields: { OSID: 'o', SID: 's', HSID: 'h', SSID: 'ss', APISID: 'a', SAPISID: 'sa' },
    })).json as WireLoginSession;
    expect(next.currentStep).toMatchObject({ display: { type: 'emoji', imageURL: expect.stringMatching(/^data:image\/svg\+xml;base64,/) } });
  });
});

describe('bridgev2: the SDK fields plus what bridgev2 passes through', () => {
  it('cookie sources with domains and URL filters, a special source, text fields with pattern and options', async () => {
    await useProfile('bridgev2');
    const ig = (await api('POST', '/v1/bridges/local-instagram/login-sessions', {})).json as WireLoginSession;
    const fields = (ig.currentStep as unknown as { fields: Array<Record<string, unknown>> }).fields;
    expect(fields[0]).toEqual({ id: 'sessionid', name: 'sessionid', type: 'cookie', required: true, sources: [{ type: 'cookie', name: 'sessionid', cookieDomain: '127.0.0.1' }] });
    expect(fields.at(-1)).toEqual({
      id: 'x-ig-app-id',
      name: 'X-IG-App-ID',
      type: 'header',
      required: true,
      sources: [{ type: 'request_header', name: 'X-IG-App-ID', requestURLRegex: '/__signin/instagram/api/' }],
    });
    const gm = (await api('POST', '/v1/bridges/local-gmessages/login-sessions', { flowID: 'google' })).json as WireLoginSession;
    expect((gm.currentStep as { fields: Array<{ id: string; required: boolean }> }).fields.find((f) => f.id === '__Secure-1PSIDTS')).toMatchObject({ required: false });
    const slack = (await api('POST', '/v1/bridges/slackgo/login-sessions', { flowID: 'email' })).json as WireLoginSession;
    expect((slack.currentStep as { fields: unknown[] }).fields).toEqual([expect.objectContaining({ id: 'email', type: 'email' })]);
  });

  it('serves no bridge of a newer server', async () => {
    await useProfile('bridgev2');
    expect((await api('GET', '/v1/bridges/local-bluesky')).status).toBe(404);
    expect(((await api('GET', '/v1/accounts')).json as Array<{ accountID: string }>).some((a) => a.accountID.startsWith('local-bluesky'))).toBe(false);
  });
});

describe('future: a newer Beeper Desktop', () => {
  it('nulls for absent optional fields, an unknown field on every object, newer enum values, an account without bridge', async () => {
    await useProfile('future');
    const accounts = (await api('GET', '/v1/accounts')).json as Array<Record<string, unknown>>;
    for (const a of accounts) expect(a).toHaveProperty(FUTURE_FIELD);
    const bare = accounts.find((a) => String(a['accountID']).startsWith('local-bluesky'))!;
    expect(bare).not.toHaveProperty('bridge');
    expect(bare['status']).toBe('syncing_history');
    expect(accounts.find((a) => a['accountID'] === 'matrix')).toMatchObject({ statusText: null, user: { phoneNumber: null } });
    const bridges = ((await api('GET', '/v1/bridges')).json as { items: Array<Record<string, unknown>> }).items;
    expect(bridges.find((b) => b['id'] === 'local-bluesky')).toMatchObject({ provider: 'edge', [FUTURE_FIELD]: expect.anything() });
    expect(bridges.find((b) => b['id'] === 'local-facebook')).toMatchObject({ status: 'paused' });
    const logins = ((await api('GET', '/v1/bridges/local-bluesky/logins')).json as { items: unknown[] }).items;
    expect(logins[0]).toMatchObject({ status: 'suspended', removeScopes: ['current-device', 'this-session-only'] });
  });

  it('a new session status with a new step type; a new display type; a 403 code nobody knows', async () => {
    await useProfile('future');
    const passkey = (await api('POST', '/v1/bridges/local-bluesky/login-sessions', { flowID: 'passkey' })).json as Record<string, unknown>;
    expect(passkey).toMatchObject({ status: 'waiting_for_passkey', currentStep: { type: 'webauthn', stepID: 'com.beeper.bluesky.passkey' }, error: null, login: null });
    const tap = (await api('POST', '/v1/bridges/local-bluesky/login-sessions', { flowID: 'tap' })).json as Record<string, unknown>;
    expect(tap).toMatchObject({ status: 'waiting_for_display', currentStep: { type: 'display_and_wait', display: { type: 'nfc' } } });
    const invite = await api('POST', '/v1/bridges/local-bluesky/login-sessions', { flowID: 'invite' });
    expect(invite).toEqual({ status: 403, json: { code: 'COM.BEEPER.BLUESKY.INVITE_REQUIRED', message: 'Bluesky is invite-only for now. You are on the waitlist.' } });
  });
});

describe('choosing a profile', () => {
  it('POST /__sim/config refuses an unknown profile; every profile is reachable', async () => {
    await expect(control(fx.sim, '/config', { profile: 'newest' })).rejects.toThrow(/422/);
    for (const p of PROFILES) expect(await useProfile(p)).toMatchObject({ profile: p });
  });
});
