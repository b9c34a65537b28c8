/** preload/contract/targets.ts: which login or account a target names in an accounts view. */
import { describe, expect, it } from 'vitest';
import { findTarget as findSelected } from '../../../preload/contract/targets.ts';
import type { AccountView } from '../../../preload/contract/views.ts';
import { accounts, identity, login, network } from '../../support/views.ts';

const acc = (accountID: string): AccountView => ({ accountID, network: 'Slack', status: 'connected', statusText: null, identity: identity(accountID), label: accountID, needsAttention: false, reconnect: 'offered' });
const view = accounts([network({ bridgeID: 'sl', displayName: 'Slack', logins: [login({ bridgeID: 'sl', loginID: 'L', accounts: [acc('A'), acc('B')] })], otherAccounts: [acc('O')] })]);

describe('findTarget', () => {
  it('finds a login by its ID, or by an account it holds; an unclaimed account by its ID', () => {
    expect(findSelected(view, { bridgeID: 'sl', loginID: 'L', accountID: null })?.login?.loginID).toBe('L');
    expect(findSelected(view, { bridgeID: 'sl', loginID: null, accountID: 'B' })?.login?.loginID).toBe('L');
    expect(findSelected(view, { bridgeID: 'sl', loginID: null, accountID: 'O' })).toMatchObject({ login: null, account: { accountID: 'O' } });
  });

  it('nothing when it is gone, or there is no view', () => {
    expect(findSelected(view, { bridgeID: 'sl', loginID: 'X', accountID: null })).toBeNull();
    expect(findSelected(view, { bridgeID: 'sl', loginID: null, accountID: 'X' })).toBeNull();
    expect(findSelected(view, { bridgeID: 'nope', loginID: 'L', accountID: null })).toBeNull();
    expect(findSelected(null, { bridgeID: 'sl', loginID: 'L', accountID: null })).toBeNull();
  });

});
