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
      storage: { persistent: true, backend: 'keychain', needsConsent: false, reason: null, summary: 'It is stored in your Mac’s keychain.' },
    });
  });

  it('says where the sign-in is kept as a person would, never by the backend’s internal name', () => {
    const said = (backend: string) => authView({ status: 'signed-in', storage: { ...storage, backend } }).storage.summary;
    expect(said('dpapi')).toBe('It is stored encrypted with your Windows account.');
    expect(said('gnome_libsecret')).toBe('It is stored in your system’s keyring.');
    expect(said('kwallet6')).toBe('It is stored in KWallet, your system’s keyring.');
    expect(said('memory')).toBe('It is kept only until you quit: this system has no keychain to store it in.');
    expect(said('plaintext')).toBe('It is stored unencrypted on this computer, as you allowed.');
    for (const internal of ['preview-key', 'test', 'basic_text', 'toString']) expect(said(internal)).toBe('It is stored encrypted on this computer.');
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
