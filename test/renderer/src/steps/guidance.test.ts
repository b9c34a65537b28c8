/** renderer/src/steps/guidance.ts: where to tap, by network type and kind of step; nothing for the rest. */
import { describe, expect, it } from 'vitest';
import { guidanceFor } from '../../../../renderer/src/steps/guidance.ts';
import { english } from '../../../support/i18n.ts';

describe('guidanceFor', () => {
  it('the known networks’ QR, pairing-code and emoji steps; nothing for other kinds, other networks, or a type named like an Object method', () => {
    expect(guidanceFor('whatsapp', 'qr')?.path.map((k) => english.t(k))).toEqual(['WhatsApp', 'Settings (⋮ on Android)', 'Linked devices', 'Link a device']);
    expect(english.t(guidanceFor('signal', 'qr')!.path.at(-1)!)).toBe('Link new device');
    expect(english.t(guidanceFor('telegram', 'qr')!.path.at(-1)!)).toBe('Link Desktop Device');
    expect(english.t(guidanceFor('gmessages', 'emoji')!.then)).toBe('Tap the emoji that matches the one shown here.');
    expect(guidanceFor('signal', 'code')).toBeNull();
    expect(guidanceFor('bluesky', 'qr')).toBeNull();
    expect(guidanceFor(undefined, 'qr')).toBeNull();
    expect(guidanceFor('toString', 'qr')).toBeNull();
    expect(guidanceFor('whatsapp', 'constructor')).toBeNull();
  });
});
