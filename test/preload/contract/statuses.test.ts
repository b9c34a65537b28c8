/** preload/contract/statuses.ts: one reading of each status for the window's badges and the tray's marks. */
import { describe, expect, it } from 'vitest';
import { LOGIN_STATUSES, STATUSES, statusLook } from '../../../preload/contract/statuses.ts';
import { buildTrayMenu } from '../../../main/policy/tray.ts';
import { accountsOf, snapshot } from '../../support/views.ts';
import { english } from '../../support/i18n.ts';

describe('statuses', () => {
  it('reads a known status from the table, and a newer one in its own words', () => {
    expect(statusLook('needs_login', english.t)).toEqual({ tone: 'warn', label: 'Needs login' });
    expect(statusLook('paused_by_user', english.t)).toEqual({ tone: 'off', label: 'paused by user' });
    expect(statusLook(null, english.t)).toEqual({ tone: 'off', label: 'Status unknown' });
    expect(statusLook('__proto__', english.t).tone).toBe('off'); // not the table's prototype
  });

  it('the tray marks logins by the same tones the window shows, one mark per tone', () => {
    const { connection, auth } = snapshot();
    // The login statuses span every tone.
    expect(new Set(LOGIN_STATUSES.map((s) => statusLook(s, english.t).tone))).toEqual(new Set(Object.values(STATUSES).map((l) => l.tone)));
    const logins = LOGIN_STATUSES.map((status, i) => ({ bridge: 'Telegram', id: `l${i}`, status, name: status }));
    const labels = buildTrayMenu({ connection, auth, accounts: accountsOf(logins), updater: { status: 'idle' } }).flatMap((i) => (i.kind === 'label' ? [i.label] : []));
    const markOf = (status: string) => labels.find((l) => l.endsWith(`: ${status}`))?.[0];
    const byTone = new Map<string, Set<string | undefined>>();
    for (const status of LOGIN_STATUSES) {
      const tone = statusLook(status, english.t).tone;
      byTone.set(tone, (byTone.get(tone) ?? new Set()).add(markOf(status)));
    }
    // One mark per tone, and a different mark for each tone.
    for (const marks of byTone.values()) expect(marks.size).toBe(1);
    expect(new Set([...byTone.values()].map((m) => [...m][0])).size).toBe(byTone.size);
  });
});
