/**
 * How each account, login and bridge status reads, wherever it is shown: its tone (the window's
 * badge colour, the tray's mark) and its label. Statuses newer than this app fall back to a
 * neutral tone and their own words.
 */
import { z } from 'zod';

/** The statuses the API names (docs/beeper-desktop-api.md §2); the core reads a newer one as `unknown`. */
export const ACCOUNT_STATUSES = ['connected', 'connecting', 'backfilling', 'connection_required', 'reconnect_required', 'attention_required', 'disconnected', 'disabled'] as const;
export const LOGIN_STATUSES = ['connected', 'connecting', 'needs_login', 'logged_out', 'unknown'] as const;
export const BRIDGE_STATUSES = ['available', 'connected', 'limit_reached', 'temporarily_unavailable', 'disabled'] as const;

export const AccountStatusSchema = z.enum([...ACCOUNT_STATUSES, 'unknown']);
export const LoginStatusSchema = z.enum(LOGIN_STATUSES);
export const BridgeStatusSchema = z.enum([...BRIDGE_STATUSES, 'unknown']);
export type AccountStatus = z.infer<typeof AccountStatusSchema>;
export type LoginStatus = z.infer<typeof LoginStatusSchema>;
export type BridgeStatus = z.infer<typeof BridgeStatusSchema>;
export type Status = AccountStatus | LoginStatus | BridgeStatus;

export type StatusTone = 'ok' | 'busy' | 'warn' | 'bad' | 'off';

export const STATUSES: Readonly<Record<Status, { tone: StatusTone; label: string }>> = {
  connected: { tone: 'ok', label: 'Connected' },
  available: { tone: 'ok', label: 'Available' },
  connecting: { tone: 'busy', label: 'Connecting' },
  backfilling: { tone: 'busy', label: 'Syncing' },
  needs_login: { tone: 'warn', label: 'Needs login' },
  reconnect_required: { tone: 'warn', label: 'Reconnect needed' },
  attention_required: { tone: 'warn', label: 'Needs attention' },
  logged_out: { tone: 'bad', label: 'Logged out' },
  connection_required: { tone: 'bad', label: 'Not connected' },
  disconnected: { tone: 'bad', label: 'Disconnected' },
  disabled: { tone: 'off', label: 'Disabled' },
  limit_reached: { tone: 'off', label: 'Limit reached' },
  temporarily_unavailable: { tone: 'off', label: 'Unavailable' },
  // A value newer than this app (the core maps those to `unknown`).
  unknown: { tone: 'off', label: 'Status unknown' },
};

export function statusLook(status: string | null): { tone: StatusTone; label: string } {
  return (status !== null && Object.hasOwn(STATUSES, status) ? STATUSES[status as Status] : undefined) ?? { tone: 'off', label: status ? status.replace(/_/g, ' ') : 'Unknown' };
}
