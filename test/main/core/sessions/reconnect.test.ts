/** main/core/sessions/reconnect.ts: the same account always becomes the same reconnect request. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BridgeLogin } from '../../../../main/core/api/schemas.ts';
import { reconnectRequest } from '../../../../main/core/sessions/reconnect.ts';

const login = (loginID: string, accountIDs?: string[]): BridgeLogin => ({ bridgeID: 'slackgo', loginID, removeScopes: [], status: 'connected', ...(accountIDs ? { accountIDs } : {}) });
const accounts = { logins: { slackgo: [login('L1', ['slack_T1', 'slack_T2']), login('L2', ['slack_T3']), login('L3')] } };

describe('reconnectRequest', () => {
  it('a known login wins, whatever account is named with it', () => {
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: 'L1', accountID: 'slack_T2' }, accounts)).toEqual({ bridgeID: 'slackgo', loginID: 'L1' });
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: 'L1', accountID: null }, accounts)).toEqual({ bridgeID: 'slackgo', loginID: 'L1' });
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: 'L9', accountID: null }, null)).toEqual({ bridgeID: 'slackgo', loginID: 'L9' });
  });

  it('an account becomes the login that holds it; an account no login lists is sent as itself', () => {
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: null, accountID: 'slack_T3' }, accounts)).toEqual({ bridgeID: 'slackgo', loginID: 'L2' });
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: null, accountID: 'slack_T9' }, accounts)).toEqual({ bridgeID: 'slackgo', accountID: 'slack_T9' });
    expect(reconnectRequest({ bridgeID: 'other', loginID: null, accountID: 'slack_T1' }, accounts)).toEqual({ bridgeID: 'other', accountID: 'slack_T1' });
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: null, accountID: 'slack_T1' }, null)).toEqual({ bridgeID: 'slackgo', accountID: 'slack_T1' });
  });

  it('keeps a chosen flow', () => {
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: 'L1', accountID: null, flowID: 'token' }, accounts)).toEqual({ bridgeID: 'slackgo', flowID: 'token', loginID: 'L1' });
  });

  it('the tray (login and account), the window (login only) and a notification (account only) ask the same for the same account', () => {
    fc.assert(
      fc.property(fc.constantFrom(...accounts.logins.slackgo.flatMap((l) => (l.accountIDs ?? []).map((a) => [l.loginID, a] as const))), ([loginID, accountID]) => {
        const asked = [
          reconnectRequest({ bridgeID: 'slackgo', loginID, accountID }, accounts),
          reconnectRequest({ bridgeID: 'slackgo', loginID, accountID: null }, accounts),
          reconnectRequest({ bridgeID: 'slackgo', loginID: null, accountID }, accounts),
        ];
        expect(asked[1]).toEqual(asked[0]);
        expect(asked[2]).toEqual(asked[0]);
      }),
    );
  });
});

describe('reconnectRequest, exactly', () => {
  it('names only what it has: no empty flow, login or account keys', () => {
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: 'L1', accountID: null }, accounts)).toStrictEqual({ bridgeID: 'slackgo', loginID: 'L1' });
    expect(reconnectRequest({ bridgeID: 'slackgo', loginID: null, accountID: null }, accounts)).toStrictEqual({ bridgeID: 'slackgo' });
  });
});
