import { afterEach, describe, expect, it } from 'vitest';
import { speak, t, translator } from '../../../main/core/i18n.ts';

afterEach(async () => {
  await speak({ locale: 'en', catalogue: 'en', dir: 'ltr' });
});

describe("main's translator", () => {
  it('speaks English until told otherwise, then the language asked for last', async () => {
    expect(t('tray.quit')).toBe('Quit');
    const first = speak({ locale: 'de', catalogue: 'de', dir: 'ltr' });
    const second = speak({ locale: 'en-XA', catalogue: 'en-XA', dir: 'ltr' });
    await Promise.all([first, second]);
    expect(translator().catalogue).toBe('en-XA');
    await speak({ locale: 'de-DE', catalogue: 'de', dir: 'ltr' });
    expect(t('tray.attention', { count: 2 })).toBe('2 Konten brauchen Aufmerksamkeit');
  });
});
