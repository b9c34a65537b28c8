/** main/core/api/schemas.ts: every answer shape the SDK allows, newer values, nulls, cookie fields in all three shapes, and random answers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseResponse } from '../../../../main/core/api/client.ts';
import {
  AccountSchema,
  AppSetupSchema,
  BRIDGE_STATUSES,
  BridgeLoginSchema,
  BridgeSchema,
  CancelResponseSchema,
  cookieFieldNeed,
  CookieFieldSchema,
  DisplaySchema,
  InfoSchema,
  InputFieldSchema,
  lenientList,
  LoginFlowSchema,
  LoginSessionSchema,
  parseCollectingSkipped,
  RegistrationSchema,
  RemoveResponseSchema,
  StepSchema,
  TokenResponseSchema,
  UserinfoSchema,
  UserSchema,
  withoutNulls,
} from '../../../../main/core/api/schemas.ts';
import { AppError } from '../../../../main/core/errors.ts';
import { account, bridge, garbage, login, loginSession } from '../../../support/sdk-arbitraries.ts';

describe('response schemas', () => {
  const account = { accountID: 'a', bridge: { id: 'b', provider: 'local', type: 'x' }, user: { id: 'u' } };

  it('accept both Account shapes and unknown extra fields', () => {
    expect(AccountSchema.parse(account).status).toBeUndefined();
    const current = AccountSchema.parse({ ...account, status: 'connected', loginID: 'l', somethingNew: { nested: true } });
    expect(current).toMatchObject({ status: 'connected', loginID: 'l' });
    expect(current).not.toHaveProperty('somethingNew');
  });

  it('map enum values newer than this app to a neutral value', () => {
    expect(AccountSchema.parse({ ...account, status: 'hibernating' }).status).toBe('unknown');
    const login = BridgeLoginSchema.parse({ bridgeID: 'b', loginID: 'l', status: 'quantum', removeScopes: ['current-device', 'galaxy-wide'] });
    expect(login).toMatchObject({ status: 'unknown', removeScopes: ['current-device'] });
  });

  it('keep a step of unknown type as `unknown` instead of failing', () => {
    const s = LoginSessionSchema.parse({ bridgeID: 'b', loginSessionID: 's', status: 'waiting_for_input', currentStep: { type: 'webauthn', stepID: 'p', challenge: {} } });
    expect(s.currentStep).toEqual({ type: 'unknown', rawType: 'webauthn', stepID: 'p' });
  });

  it('read select options and patterns when Desktop passes them through', () => {
    const s = LoginSessionSchema.parse({
      bridgeID: 'b',
      loginSessionID: 's',
      status: 'waiting_for_input',
      currentStep: { type: 'user_input', stepID: 'x', fields: [{ id: 'w', type: 'select', options: ['A', 'B'], pattern: '^(A|B)$' }] },
    });
    expect(s.currentStep).toMatchObject({ fields: [{ options: ['A', 'B'], pattern: '^(A|B)$' }] });
  });

  it('turn a malformed answer into a clear invalid_response error naming the path', () => {
    expect(() => parseResponse(LoginSessionSchema, { bridgeID: 'b', status: 'waiting_for_display' }, 'login session')).toThrow(/unexpected login session \(loginSessionID\)/);
    try {
      parseResponse(AccountSchema, null, 'account');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).kind).toBe('invalid_response');
    }
  });
});

describe('cookie fields in all three shapes', () => {
  it('SDK flat, flat with extras and sources[] read the same', () => {
    const sdk = CookieFieldSchema.parse({ id: 'sid', name: 'sid', type: 'cookie' });
    const extras = CookieFieldSchema.parse({ id: 'sid', name: 'sid', type: 'cookie', required: true, cookieDomain: 'x.com' });
    const rich = CookieFieldSchema.parse({ id: 'sid', name: 'sid', type: 'cookie', required: true, sources: [{ type: 'cookie', name: 'sid', cookieDomain: 'x.com' }] });
    expect(sdk).toEqual({ id: 'sid', name: 'sid', required: undefined, pattern: undefined, sources: [{ type: 'cookie', name: 'sid', cookieDomain: undefined, requestURLRegex: undefined }] });
    expect(extras.sources).toEqual([{ type: 'cookie', name: 'sid', cookieDomain: 'x.com', requestURLRegex: undefined }]);
    expect(rich).toMatchObject({ required: true, sources: [{ type: 'cookie', name: 'sid', cookieDomain: 'x.com' }] });
  });

  it('maps the flat kinds; no kind (or an unknown one) is a special value; unknown source kinds are skipped', () => {
    expect(CookieFieldSchema.parse({ id: 'h', name: 'X-A', type: 'header' }).sources[0]!.type).toBe('request_header');
    expect(CookieFieldSchema.parse({ id: 't', name: 'fi.mau.slack.auth_token' }).sources[0]).toMatchObject({ type: 'special', name: 'fi.mau.slack.auth_token' });
    expect(CookieFieldSchema.parse({ id: 't', type: 'indexed_db' }).sources[0]).toMatchObject({ type: 'special', name: 't' });
    const mixed = CookieFieldSchema.parse({ id: 'a', sources: [{ type: 'indexed_db', name: 'x' }, { type: 'local_storage', name: 'tok' }] });
    expect(mixed.sources).toEqual([{ type: 'local_storage', name: 'tok', cookieDomain: undefined, requestURLRegex: undefined }]);
    expect(mixed.name).toBe('tok');
  });
});

const RUNS = { numRuns: 300 };

describe('response schemas', () => {
  it('keep every item the SDK allows, skip only the malformed ones, and never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 4, arbitrary: account }, { weight: 1, arbitrary: garbage }), { maxLength: 8 }), (items) => {
        const valid = items.filter((i) => AccountSchema.safeParse(withoutNulls(i)).success);
        const skipped: string[][] = [];
        const parsed = parseResponse(lenientList(AccountSchema, 'account'), items, 'account list', (s) => skipped.push(s));
        expect(parsed).toHaveLength(valid.length);
        expect(parsed.every((a) => typeof a.accountID === 'string')).toBe(true);
        if (valid.length < items.length) expect(skipped.flat().length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('read every generated bridge, login and login session (the SDK’s required fields are always there)', () => {
    fc.assert(
      fc.property(bridge, login, loginSession, (b, l, s) => {
        expect(parseResponse(BridgeSchema, b, 'bridge').id).toBe(b['id']);
        expect(parseResponse(BridgeLoginSchema, l, 'login').loginID).toBe(l['loginID']);
        const session = parseResponse(LoginSessionSchema, s, 'login session');
        expect(session.rawStatus).toBe(s['status']);
      }),
      RUNS,
    );
  });
});

describe('each schema, exactly: what it keeps, what it fills in, what it refuses', () => {
  const ok = <S extends z.ZodType>(schema: S, input: unknown) => {
    const r = parseCollectingSkipped(schema, input);
    expect(r.result.success, JSON.stringify(input)).toBe(true);
    return { data: (r.result as { data: z.output<S> }).data, skipped: r.skipped };
  };
  const refused = (schema: z.ZodType, input: unknown) => expect(parseCollectingSkipped(schema, input).result.success, JSON.stringify(input)).toBe(false);

  it('a user, an account and a bridge keep every field they know, and every provider and status the app knows', () => {
    const user = { id: 'u', username: 'al', phoneNumber: '+1', email: 'a@b', fullName: 'Al', imgURL: 'data:x', cannotMessage: true, isSelf: false };
    expect(ok(UserSchema, { ...user, extra: 1 }).data).toEqual(user);
    for (const provider of ['cloud', 'self-hosted', 'local', 'platform-sdk', 'edge']) {
      const a = ok(AccountSchema, { accountID: 'a', bridge: { id: 'b', provider, type: 't' }, status: 'backfilling', user: { id: 'u' }, loginID: 'L', network: 'N', statusText: 'S' }).data;
      expect(a).toEqual({ accountID: 'a', bridge: { id: 'b', provider: provider === 'edge' ? 'unknown' : provider, type: 't' }, status: 'backfilling', user: { id: 'u' }, loginID: 'L', network: 'N', statusText: 'S' });
      expect(ok(BridgeSchema, { id: 'b', displayName: 'B', provider, status: 'available', type: 't' }).data.provider).toBe(provider === 'edge' ? 'unknown' : provider);
    }
    expect(ok(BridgeSchema, { id: 'b', displayName: 'B', provider: 'local', status: 'paused', type: 't' }).data).toEqual({
      id: 'b', accounts: [], activeAccountCount: 0, displayName: 'B', provider: 'local', status: 'unknown', supportsMultipleAccounts: false, type: 't',
    });
    for (const status of BRIDGE_STATUSES) expect(ok(BridgeSchema, { id: 'b', displayName: 'B', provider: 'local', status, type: 't' }).data.status).toBe(status);
    const listed = ok(BridgeSchema, { id: 'b', displayName: 'B', provider: 'local', status: 'available', type: 't', accounts: [{ accountID: 'a', user: { id: 'u' } }, { nope: 1 }] });
    expect(listed.skipped).toEqual(['account of a bridge #1 (accountID)']);
  });

  it('a login keeps the remove scopes it knows, and reports account IDs it cannot read', () => {
    const r = ok(BridgeLoginSchema, { bridgeID: 'b', loginID: 'l', removeScopes: ['all-devices', 'galaxy', 'current-device'], status: 'logged_out', accountIDs: ['a', 7], statusText: 'x', user: { id: 'u' } });
    expect(r.data).toEqual({ bridgeID: 'b', loginID: 'l', removeScopes: ['all-devices', 'current-device'], status: 'logged_out', accountIDs: ['a'], statusText: 'x', user: { id: 'u' } });
    expect(r.skipped).toEqual(['account ID #1 (root)']);
  });

  it('IDs are never empty: a flow, a field, a step, a session, a client, a token', () => {
    expect(ok(LoginFlowSchema, { id: 'qr', name: 'QR', description: 'd' }).data).toEqual({ id: 'qr', name: 'QR', description: 'd' });
    refused(LoginFlowSchema, { id: '' });
    expect(ok(InputFieldSchema, { id: 'ab' }).data).toEqual({ id: 'ab' });
    refused(InputFieldSchema, { id: '' });
    expect(ok(RegistrationSchema, { client_id: 'cli_12' }).data).toEqual({ client_id: 'cli_12' });
    refused(RegistrationSchema, { client_id: '' });
    expect(ok(TokenResponseSchema, { access_token: 'at', token_type: 'bearer' }).data).toEqual({ access_token: 'at', token_type: 'bearer' });
    refused(TokenResponseSchema, { access_token: '', token_type: 'Bearer' });
    refused(TokenResponseSchema, { access_token: 'at', token_type: 'mac' });
    for (const step of [
      { type: 'user_input', stepID: '', fields: [] },
      { type: 'cookies', stepID: '', url: 'https://x', fields: [] },
      { type: 'cookies', stepID: 'cs', url: '', fields: [] },
      { type: 'display_and_wait', stepID: '', display: { type: 'nothing' } },
    ]) {
      expect(ok(StepSchema, step).data, JSON.stringify(step)).toMatchObject({ type: 'unknown', rawType: step.type });
    }
  });

  it('every step and display kind, read in full; one it cannot read is unknown, with its ID and instructions, and reported', () => {
    expect(ok(StepSchema, { type: 'user_input', stepID: 'in', fields: [{ id: 'f' }], instructions: 'i', attachments: [{ type: 'm.image', filename: 'a.png', content: 'AA', info: { mimetype: 'image/png', w: 1, h: 2, size: 3 } }] }).data).toEqual({
      type: 'user_input', stepID: 'in', fields: [{ id: 'f' }], instructions: 'i', attachments: [{ type: 'm.image', filename: 'a.png', content: 'AA', info: { mimetype: 'image/png', w: 1, h: 2, size: 3 } }],
    });
    expect(ok(StepSchema, { type: 'cookies', stepID: 'ck', url: 'https://x', fields: [], expectedFinalURLRegex: 'r', extractJS: 'j', instructions: 'i', userAgent: 'u' }).data).toEqual({
      type: 'cookies', stepID: 'ck', url: 'https://x', fields: [], expectedFinalURLRegex: 'r', extractJS: 'j', instructions: 'i', userAgent: 'u',
    });
    for (const display of [{ type: 'qr', data: 'Q' }, { type: 'emoji', imageURL: '/e.png', data: '🦊' }, { type: 'code', data: 'C' }, { type: 'nothing' }]) {
      expect(ok(StepSchema, { type: 'display_and_wait', stepID: 'dw', display, instructions: 'i' }).data).toEqual({ type: 'display_and_wait', stepID: 'dw', display, instructions: 'i' });
    }
    expect(ok(StepSchema, { type: 'complete', stepID: 'c', instructions: 'done' }).data).toEqual({ type: 'complete', stepID: 'c', instructions: 'done' });
    const broken = ok(StepSchema, { type: 'user_input', stepID: 'in', instructions: 'Type it', fields: 'nope' });
    expect(broken.data).toEqual({ type: 'unknown', rawType: 'user_input', stepID: 'in', instructions: 'Type it' });
    expect(broken.skipped).toEqual(['step user_input (fields)']);
    expect(ok(DisplaySchema, { type: 'qr' }).skipped).toEqual(['display qr (data)']);
    expect(ok(StepSchema, 'nonsense').data).toEqual({ type: 'unknown', rawType: '(none)', stepID: undefined, instructions: undefined });
    expect(ok(StepSchema, { type: 7, stepID: 3 }).data).toEqual({ type: 'unknown', rawType: '(none)', stepID: undefined, instructions: undefined });
    expect(ok(StepSchema, { type: 'toString' }).data).toMatchObject({ type: 'unknown', rawType: 'toString' });
  });

  it('a session: statuses it knows kept, newer ones unknown with the raw word; a failure without words gets defaults', () => {
    for (const status of ['waiting_for_input', 'waiting_for_cookies', 'waiting_for_display', 'complete', 'cancelled', 'failed']) {
      expect(ok(LoginSessionSchema, { bridgeID: 'b', loginSessionID: 'ls', status }).data).toMatchObject({ status, rawStatus: status });
    }
    expect(ok(LoginSessionSchema, { bridgeID: 'b', loginSessionID: 'ls', status: 'waiting_for_passkey' }).data).toMatchObject({ status: 'unknown', rawStatus: 'waiting_for_passkey' });
    expect(ok(LoginSessionSchema, { bridgeID: 'b', loginSessionID: 'ls', status: 'failed', error: {} }).data.error).toEqual({ code: 'UNKNOWN', message: 'The login failed' });
    refused(LoginSessionSchema, { bridgeID: 'b', loginSessionID: '', status: 'failed' });
    expect(ok(CancelResponseSchema, { bridgeID: 'b', loginSessionID: 'ls', status: 'cancelled' }).data).toEqual({ bridgeID: 'b', loginSessionID: 'ls', status: 'cancelled' });
    refused(CancelResponseSchema, { bridgeID: 'b', loginSessionID: 'ls', status: 'removed' });
    expect(ok(RemoveResponseSchema, { bridgeID: 'b', loginID: 'l', scope: 's', status: 'removed', affectedAccountIDs: ['a'] }).data).toEqual({ bridgeID: 'b', loginID: 'l', scope: 's', status: 'removed', affectedAccountIDs: ['a'] });
    refused(RemoveResponseSchema, { bridgeID: 'b', loginID: 'l', scope: 's', status: 'cancelled' });
  });

  it('the server’s description and its sign-in state, in full', () => {
    const info = {
      app: { name: 'Beeper', version: '4', bundle_id: 'com.b' },
      platform: { os: 'linux', arch: 'x64', release: '6' },
      server: { status: 'running', base_url: 'http://x', port: 1, hostname: 'h', remote_access: false, mcp_enabled: true },
      endpoints: { oauth: { authorization_endpoint: '/a', token_endpoint: '/t', introspection_endpoint: '/i', userinfo_endpoint: '/u', revocation_endpoint: '/r', registration_endpoint: '/g' } },
    };
    expect(ok(InfoSchema, info).data).toMatchObject(info);
    refused(InfoSchema, { ...info, app: { name: 'Beeper' } });
    expect(ok(AppSetupSchema, { state: 'needs-first-sync' }).data).toEqual({ state: 'needs-first-sync' });
    expect(ok(AppSetupSchema, { state: 'sleeping' }).data).toEqual({ state: 'unknown' });
    expect(ok(UserinfoSchema, { sub: 's', scope: 'read', exp: 1, client_id: 'c', extra: 1 }).data).toMatchObject({ sub: 's', scope: 'read', exp: 1, client_id: 'c' });
  });

  it('cookie fields: the SDK’s flat kinds as sources, the name from the first source, and when each is needed', () => {
    expect(ok(CookieFieldSchema, { id: 'h', type: 'header', name: 'X-A' }).data).toEqual({ id: 'h', name: 'X-A', required: undefined, pattern: undefined, sources: [{ type: 'request_header', name: 'X-A', cookieDomain: undefined, requestURLRegex: undefined }] });
    expect(ok(CookieFieldSchema, { id: 's', type: 'local_storage' }).data.sources).toEqual([{ type: 'local_storage', name: 's', cookieDomain: undefined, requestURLRegex: undefined }]);
    expect(ok(CookieFieldSchema, { id: 'c', type: 'cookie', cookieDomain: '.x', requestURLRegex: 'r' }).data.sources).toEqual([{ type: 'cookie', name: 'c', cookieDomain: '.x', requestURLRegex: 'r' }]);
    expect(ok(CookieFieldSchema, { id: 'j', type: 'something' }).data.sources[0]!.type).toBe('special');
    const r = ok(CookieFieldSchema, { id: 'm', sources: [{ type: 'telepathy', name: 'x' }, { type: 'cookie', name: 'sid' }] });
    expect(r.data).toEqual({ id: 'm', name: 'sid', required: undefined, pattern: undefined, sources: [{ type: 'cookie', name: 'sid' }] });
    expect(r.skipped).toEqual(['cookie source #0 (type)']);
    expect([cookieFieldNeed({ required: true }), cookieFieldNeed({ required: false }), cookieFieldNeed({ required: undefined })]).toEqual(['always', 'never', 'until-final-page']);
  });

  it('skipped parts are collected per parse, and a parse inside another keeps its own list', () => {
    const outer = parseCollectingSkipped(z.object({ a: z.unknown().transform((v) => parseCollectingSkipped(lenientList(z.string(), 'inner'), v).skipped), b: lenientList(z.string(), 'outer') }), { a: [1], b: [2] });
    expect(outer.result.success && outer.result.data.a).toEqual(['inner #0 (root)']);
    expect(outer.skipped).toEqual(['outer #0 (root)']);
    expect(parseCollectingSkipped(lenientList(z.string(), 'x'), ['ok']).skipped).toEqual([]);
  });
});

describe('what a lenient parse skips is named, for the log', () => {
  it('each skipped item says its list, its index and the first bad path, or (root) for an item that is not an object', () => {
    const { result, skipped } = parseCollectingSkipped(StepSchema, {
      type: 'user_input',
      stepID: 's',
      fields: [{ id: 'ok' }, { id: 7 }, 'not a field'],
      attachments: [{ filename: 3 }],
    });
    expect(result.success).toBe(true);
    expect(skipped).toEqual(['input field #1 (id)', 'input field #2 (root)', 'attachment #0 (filename)']);
    expect(parseCollectingSkipped(StepSchema, { type: 'cookies', stepID: 'c', url: 'https://x.example', fields: [{ name: 'no id' }] }).skipped).toEqual(['cookie field #0 (id)']);
  });

  it('a step that is not an object, or null, is unknown with no type, never a crash', () => {
    for (const value of [null, undefined, 'user_input', 42, ['user_input']]) {
      expect(StepSchema.parse(value), String(value)).toEqual({ type: 'unknown', rawType: '(none)', stepID: undefined, instructions: undefined });
    }
  });

  it('a token type other than Bearer is refused and says why', () => {
    const r = TokenResponseSchema.safeParse({ access_token: 't', token_type: 'mac' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('token_type must be Bearer');
    expect(TokenResponseSchema.safeParse({ access_token: 't', token_type: 'BEARER' }).success).toBe(true);
  });
});
