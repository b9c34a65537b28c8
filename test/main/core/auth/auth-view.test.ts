/** main/core/auth/auth-view.ts: what the window is told of the sign-in (never the token), and when it asks to connect again. */
import { describe, expect, it } from 'vitest';
import { authView } from '../../../../main/core/auth/auth-view.ts';

const storage = { persistent: true, backend: 'keychain', needsConsent: false };

describe('authView', () => {
  it('signed out with nothing known: nulls and no scopes, and no reason to connect again', () => {
    expect(authView({ status: 'signed-out', storage })).toEqual({
      status: 'signed-out',
      source: null,
      expiresAt: null,
      scopes: [],
      reason: null,
      connectAgain: false,
      storage: { persistent: true, backend: 'keychain', needsConsent: false, reason: null },
    });
  });

  it('signed in: everything known, passed on', () => {
    expect(authView({ status: 'signed-in', source: 'oauth', expiresAt: '2027-01-01T00:00:00.000Z', scopes: ['read', 'write'], storage: { ...storage, reason: 'why' } })).toMatchObject({
      source: 'oauth',
      expiresAt: '2027-01-01T00:00:00.000Z',
      scopes: ['read', 'write'],
      storage: { reason: 'why' },
    });
  });

  it('asks to connect again only when the sign-in is gone (expired or refused), not for any other reason', () => {
    const withReason = (kind: 'token_expired' | 'unauthorized' | 'sign_in_failed' | 'cancelled') => authView({ status: 'signed-out', reason: { kind, message: 'm' }, storage });
    expect(['token_expired', 'unauthorized', 'sign_in_failed', 'cancelled'].map((k) => withReason(k as never).connectAgain)).toEqual([true, true, false, false]);
    expect(withReason('token_expired').reason).toEqual({ kind: 'token_expired', message: 'm' });
  });
});
