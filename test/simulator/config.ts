/**
 * Simulator settings. Everything time-based is here so tests can run fast (`timeScale`) and demos
 * can run at real speed. All fields can be changed at run time through `POST /__sim/config`.
 */

export type AppSetupState =
  | 'needs-login'
  | 'initializing'
  | 'needs-cross-signing-setup'
  | 'needs-verification'
  | 'needs-secrets'
  | 'needs-first-sync'
  | 'ready';

import { DEFAULT_PROFILE, type Profile } from './profiles.ts';

export interface SimConfig {
  /** What kind of Beeper Desktop to be on the wire: `sdk`, `bridgev2` (default) or `future` (profiles.ts). */
  profile: Profile;
  /** Version reported in `X-Beeper-Desktop-Version` and `/v1/info`. */
  desktopVersion: string;
  /** `GET /v1/app/setup` state. */
  appState: AppSetupState;
  /** Skip the approve/deny page of `/oauth/authorize` (for tests). */
  oauthAutoApprove: boolean;
  /** Lifetime of issued access tokens, seconds; 0 = no expiry (no `expires_in`). */
  tokenLifetimeSec: number;
  /** Lifetime of OAuth authorization codes, ms. */
  authCodeTtlMs: number;
  /**
   * Multiplies every connector timer (QR rotation, pairing timeouts). 1 = the real connectors'
   * intervals (WhatsApp 60 s then 20 s, Signal 45 s, Google Messages 30 s); tests use e.g. 0.005.
   */
  timeScale: number;
  /** When set, every rotating QR uses this interval (ms) instead of the connector's own. */
  qrRotationMs: number | null;
  /** How long a login session lives before it fails with LOGIN_TIMED_OUT (bridgev2: 30 min). */
  sessionTtlMs: number;
  /** Serve accounts in the older shape without `status`/`statusText`/`loginID` (docs/beeper-desktop-api.md §2.2). */
  legacyAccountShape: boolean;
  /** Telegram scenario: the login code the "phone" receives, the 2FA password, and whether 2FA is on. */
  telegram: { code: string; password: string; twoFactor: boolean };
}

export const defaultConfig = (): SimConfig => ({
  profile: DEFAULT_PROFILE,
  desktopVersion: '4.2.812',
  appState: 'ready',
  oauthAutoApprove: false,
  tokenLifetimeSec: 30 * 24 * 3600,
  authCodeTtlMs: 60_000,
  timeScale: 1,
  qrRotationMs: null,
  sessionTtlMs: 30 * 60_000,
  legacyAccountShape: false,
  telegram: { code: '12345', password: 'correct horse', twoFactor: true },
});

/** Options for a fast, deterministic test run. */
export const fastTestConfig = (): Partial<SimConfig> => ({
  oauthAutoApprove: true,
  timeScale: 0.01,
});

export function mergeConfig(base: SimConfig, patch: Partial<SimConfig>): SimConfig {
  return {
    ...base,
    ...patch,
    telegram: { ...base.telegram, ...(patch.telegram ?? {}) },
  };
}
