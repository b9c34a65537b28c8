/**
 * How each account, login and bridge status reads, wherever it is shown: its tone (the window's
 * badge colour, the tray's mark) and its label. Statuses newer than this app fall back to a
 * neutral tone and their own words.
 */
export type StatusTone = 'ok' | 'busy' | 'warn' | 'bad' | 'off';

export const STATUSES: Readonly<Record<string, { tone: StatusTone; label: string }>> = {
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
  return (status !== null && Object.hasOwn(STATUSES, status) ? STATUSES[status] : undefined) ?? { tone: 'off', label: status ? status.replace(/_/g, ' ') : 'Unknown' };
}
