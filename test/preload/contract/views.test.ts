/**
 * preload/contract/views.ts: what a view model may carry. Main parses everything it sends through
 * these schemas; the whole-core suites check real views against them.
 */
import { describe, expect, it } from 'vitest';
import { AppSnapshotSchema, ConnectionViewSchema, LoginViewSchema, SessionViewSchema, StepViewSchema } from '../../../preload/contract/views.ts';
import { login, session, snapshot } from '../../support/views.ts';

describe('contract views', () => {
  it('a field the contract does not name is stripped, whatever it holds', () => {
    const withToken = { ...snapshot(), accessToken: 'tok_secret' };
    expect(AppSnapshotSchema.parse(withToken)).not.toHaveProperty('accessToken');
    const typed = { ...session(null), values: { password: 'hunter2' } };
    expect(JSON.stringify(SessionViewSchema.parse(typed))).not.toContain('hunter2');
  });

  it('a connection is searching, not running or running; nothing else', () => {
    const c = snapshot().connection;
    for (const status of ['searching', 'not-running', 'running']) expect(ConnectionViewSchema.safeParse({ ...c, status }).success, status).toBe(true);
    expect(ConnectionViewSchema.safeParse({ ...c, status: 'maybe' }).success).toBe(false);
  });

  it('a login offers only the two removal scopes', () => {
    expect(LoginViewSchema.safeParse(login({ bridgeID: 'b', loginID: 'l', removeScopes: ['all-devices'] })).success).toBe(true);
    expect(LoginViewSchema.safeParse({ ...login({ bridgeID: 'b', loginID: 'l' }), removeScopes: ['everywhere'] }).success).toBe(false);
  });

  it('a step is one of the kinds the window can show, or says it is not supported', () => {
    expect(StepViewSchema.safeParse({ type: 'unsupported', stepID: null, instructions: null, rawType: 'webauthn' }).success).toBe(true);
    expect(StepViewSchema.safeParse({ type: 'webauthn', stepID: 'x' }).success).toBe(false);
  });
});
