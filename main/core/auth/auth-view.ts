import type { AuthView } from '../../../preload/contract/views.ts';
import { endsSignIn } from '../errors.ts';
import { lookup } from '../lookup.ts';
import type { AuthState } from './auth.ts';

export function authView(s: AuthState): AuthView {
  return {
    status: s.status,
    source: s.source ?? null,
    expiresAt: s.expiresAt ?? null,
    scopes: s.scopes ?? [],
    reason: s.reason ?? null,
    connectAgain: s.reason ? endsSignIn(s.reason) : false,
    storage: {
      persistent: s.storage.persistent,
      backend: s.storage.backend,
      needsConsent: s.storage.needsConsent,
      reason: s.storage.reason ?? null,
      summary: lookup(STORAGE_SUMMARY, s.storage.backend) ?? (s.storage.backend.startsWith('kwallet') ? 'It is stored in KWallet, your system’s keyring.' : 'It is stored encrypted on this computer.'),
    },
  };
}

/** Where the sign-in is kept, in words a person uses: the backends safeStorage names (and the vault's own). */
const STORAGE_SUMMARY: Readonly<Record<string, string>> = {
  keychain: 'It is stored in your Mac’s keychain.',
  dpapi: 'It is stored encrypted with your Windows account.',
  gnome_libsecret: 'It is stored in your system’s keyring.',
  memory: 'It is kept only until you quit: this system has no keychain to store it in.',
  plaintext: 'It is stored unencrypted on this computer, as you allowed.',
};
