/** preload/contract/providers.ts: one list of providers, one label each. */
import { describe, expect, it } from 'vitest';
import { PROVIDERS, providerLabel } from '../../../preload/contract/providers.ts';
import { english } from '../../support/i18n.ts';

describe('providers', () => {
  it('each known provider has its own label; a newer one, or an inherited key, has none', () => {
    expect(PROVIDERS.map((p) => providerLabel(p, english.t))).toEqual(['On this device', 'Beeper Cloud', 'Self-hosted', 'Platform']);
    for (const p of ['unknown', 'matrix-hosted', 'constructor', '']) expect(providerLabel(p, english.t), p).toBeNull();
  });
});
