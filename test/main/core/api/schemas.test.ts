/** main/core/api/schemas.ts: every answer shape the SDK allows, newer values, nulls, cookie fields in all three shapes, and random answers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../../../main/core/api/client.ts';
import { AccountSchema, BridgeLoginSchema, BridgeSchema, CookieFieldSchema, lenientList, LoginSessionSchema, withoutNulls } from '../../../../main/core/api/schemas.ts';
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
