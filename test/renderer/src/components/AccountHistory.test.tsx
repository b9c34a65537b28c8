// @vitest-environment happy-dom
/** renderer/src/components/AccountHistory.tsx: each timeline entry in words. */
import { describe, expect, it } from 'vitest';
import { entryText } from '../../../../renderer/src/components/AccountHistory.tsx';
import type { HistoryEntryView } from '../../../../preload/contract/views.ts';
import { english } from '../../../support/i18n.ts';

const entry = (e: Partial<HistoryEntryView>): HistoryEntryView => ({ at: '2026-11-30T09:12:00.000Z', status: 'connected', reason: null, cause: 'observed', account: null, ...e });

describe('entryText', () => {
  it('what was seen: the status, with the network’s words when it gave some', () => {
    expect(entryText(entry({ status: 'needs_login', reason: 'WhatsApp was unlinked from your phone' }), english.t)).toBe('Needs login — WhatsApp was unlinked from your phone');
    expect(entryText(entry({ status: 'connected' }), english.t)).toBe('Connected');
    expect(entryText(entry({ status: 'suspended_by_network' }), english.t)).toBe('suspended by network');
  });

  it('what the user did, by cause; the account named when the login holds several', () => {
    expect(entryText(entry({ cause: 'reconnected' }), english.t)).toBe('Reconnected by you');
    expect(entryText(entry({ cause: 'connected' }), english.t)).toBe('Connected by you');
    expect(entryText(entry({ cause: 'removed', status: 'removed' }), english.t)).toBe('Removed by you');
    expect(entryText(entry({ cause: 'observed', status: 'needs_login', account: 'Slack (Acme Labs)' }), english.t)).toBe('Slack (Acme Labs): Needs login');
  });

  it('a first sighting says so: it tells where the account stood, not when that began', () => {
    expect(entryText(entry({ cause: 'seen', status: 'needs_login', reason: 'Logged out' }), english.t)).toBe('First seen: Needs login — Logged out');
    expect(entryText(entry({ cause: 'seen', account: 'Acme' }), english.t)).toBe('Acme: First seen: Connected');
  });
});
