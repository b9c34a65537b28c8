import type { AuthView } from '../../../preload/contract/views.ts';
import { endsSignIn } from '../errors.ts';
import { lookup } from '../lookup.ts';
import type { AuthState } from './auth.ts';
import { t } from '../i18n.ts';
import type { MessageKey } from '../../../preload/contract/i18n/en.ts';

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
      summary: t(lookup(STORAGE_SUMMARY, s.storage.backend) ?? (s.storage.backend.startsWith('kwallet') ? 'storage.kwallet' : 'storage.encrypted')),
    },
  };
}

/** Where the sign-in is kept, in words a person uses: the backends safeStorage names (and the vault's own). */
const STORAGE_SUMMARY: Readonly<Record<string, MessageKey>> = {
  keychain: 'storage.keychain',
  dpapi: 'storage.dpapi',
  gnome_libsecret: 'storage.gnome_libsecret',
  memory: 'storage.memory',
  plaintext: 'storage.plaintext',
};
