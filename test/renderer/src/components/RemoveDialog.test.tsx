// @vitest-environment happy-dom
/** renderer/src/components/RemoveDialog.tsx: what a removal takes with it, by name. */
import { describe, expect, it } from 'vitest';
import { removesText } from '../../../../renderer/src/components/RemoveDialog.tsx';
import type { AccountView } from '../../../../preload/contract/views.ts';
import { identity, login } from '../../../support/views.ts';
import { english } from '../../../support/i18n.ts';

const acc = (label: string): AccountView => ({ accountID: label, network: label, status: 'connected', statusText: null, identity: identity('Alex'), label, needsAttention: false, reconnect: 'offered' });

describe('removesText', () => {
  it('one account or none: its chats go; several: each by name', () => {
    expect(removesText(login({ bridgeID: 'wa', loginID: 'L' }), english)).toBe('Its chats disappear from Beeper.');
    expect(removesText(login({ bridgeID: 'wa', loginID: 'L', accounts: [acc('WhatsApp')] }), english)).toBe('Its chats disappear from Beeper.');
    expect(removesText(login({ bridgeID: 'sl', loginID: 'L', accounts: [acc('Acme Inc'), acc('Acme Labs'), acc('Acme Ops')] }), english)).toBe('This removes its 3 accounts — Acme Inc, Acme Labs, and Acme Ops — with their chats in Beeper.');
  });
});
