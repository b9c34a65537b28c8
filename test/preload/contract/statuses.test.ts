/** preload/contract/statuses.ts: one reading of each status for the window's badges and the tray's marks. */
import { describe, expect, it } from 'vitest';
import { STATUSES, statusLook } from '../../../preload/contract/statuses.ts';
import { buildTrayMenu } from '../../../main/policy/tray.ts';
import { accountsOf, snapshot } from '../../support/views.ts';

describe('statuses', () => {
  it('reads a known status from the table, and a newer one in its own words', () => {
    expect(statusLook('needs_login')).toEqual({ tone: 'warn', label: 'Needs login' });
    expect(statusLook('paused_by_user')).toEqual({ tone: 'off', label: 'paused by user' });
    expect(statusLook(null)).toEqual({ tone: 'off', label: 'Unknown' });
    expect(statusLook('__proto__').tone).toBe('off'); // not the table's prototype
  });

  it('the tray marks accounts by the same tones the window shows', () => {
    const { connection, auth } = snapshot();
    const logins = Object.keys(STATUSES).map((status, i) => ({ bridge: 'Telegram', id: `l${i}`, status, name: status }));
    const labels = buildTrayMenu({ connection, auth, accounts: accountsOf(logins), updater: { status: 'idle' } }).flatMap((i) => (i.kind === 'label' ? [i.label] : []));
    const markOf = (status: string) => labels.find((l) => l.endsWith(`: ${status}`))?.[0];
    const byTone = new Map<string, Set<string | undefined>>();
    for (const status of Object.keys(STATUSES)) {
      const tone = statusLook(status).tone;
      byTone.set(tone, (byTone.get(tone) ?? new Set()).add(markOf(status)));
    }
    // One mark per tone, and a different mark for each tone.
    for (const marks of byTone.values()) expect(marks.size).toBe(1);
    expect(new Set([...byTone.values()].map((m) => [...m][0])).size).toBe(byTone.size);
  });
});
