/**
 * How each account, login and bridge status reads, wherever it is shown: its tone (the window's
 * badge colour, the tray's mark) and its label. Statuses newer than this app fall back to a
 * neutral tone and the server's own words.
 */
import type { Translate } from './i18n/translator.ts';

/** The statuses the API names (docs/beeper-desktop-api.md §2); the core reads a newer one as `unknown`. */
export const ACCOUNT_STATUSES = ['connected', 'connecting', 'backfilling', 'connection_required', 'reconnect_required', 'attention_required', 'disconnected', 'disabled'] as const;
export const LOGIN_STATUSES = ['connected', 'connecting', 'needs_login', 'logged_out', 'unknown'] as const;
export const BRIDGE_STATUSES = ['available', 'connected', 'limit_reached', 'temporarily_unavailable', 'disabled'] as const;

// No zod here: the window reads these, and its first paint carries no schema library (bench figure 1).
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number] | 'unknown';
export type LoginStatus = (typeof LOGIN_STATUSES)[number];
export type BridgeStatus = (typeof BRIDGE_STATUSES)[number] | 'unknown';
export type Status = AccountStatus | LoginStatus | BridgeStatus;

export type StatusTone = 'ok' | 'busy' | 'warn' | 'bad' | 'off';

export const STATUSES: Readonly<Record<Status, { tone: StatusTone }>> = {
  connected: { tone: 'ok' },
  available: { tone: 'ok' },
  connecting: { tone: 'busy' },
  backfilling: { tone: 'busy' },
  needs_login: { tone: 'warn' },
  reconnect_required: { tone: 'warn' },
  attention_required: { tone: 'warn' },
  logged_out: { tone: 'bad' },
  connection_required: { tone: 'bad' },
  disconnected: { tone: 'bad' },
  disabled: { tone: 'off' },
  limit_reached: { tone: 'off' },
  temporarily_unavailable: { tone: 'off' },
  // A value newer than this app (the core maps those to `unknown`).
  unknown: { tone: 'off' },
};

const known = (status: string | null): status is Status => status !== null && Object.hasOwn(STATUSES, status);

/** Its tone and its label in the user's language; a status newer than this app reads as the server wrote it. */
export function statusLook(status: string | null, t: Translate): { tone: StatusTone; label: string } {
  if (known(status)) return { tone: STATUSES[status].tone, label: t(`status.${status}`) };
  return { tone: 'off', label: status ? status.replace(/_/g, ' ') : t('status.unknown') };
}

export const statusTone = (status: string | null): StatusTone => (known(status) ? STATUSES[status].tone : 'off');
