import type { AuthView } from '../../../preload/contract/views.ts';
import { endsSignIn } from '../errors.ts';
import type { AuthState } from './auth.ts';

export function authView(s: AuthState): AuthView {
  return {
    status: s.status,
    source: s.source ?? null,
    expiresAt: s.expiresAt ?? null,
    scopes: s.scopes ?? [],
    reason: s.reason ?? null,
    connectAgain: s.reason ? endsSignIn(s.reason) : false,
    storage: { persistent: s.storage.persistent, backend: s.storage.backend, needsConsent: s.storage.needsConsent, reason: s.storage.reason ?? null },
  };
}
