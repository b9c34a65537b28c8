import { afterEach, describe, expect, it } from 'vitest';
import { speak, t, translator } from '../../../main/core/i18n.ts';

afterEach(async () => {
  await speak({ locale: 'en', catalogue: 'en', dir: 'ltr' });
});

describe("main's translator", () => {
  it('speaks English until told otherwise, then the language asked for last', async () => {
    expect(t('tray.quit')).toBe('Quit');
    // The pseudo-locale, asked first, loads slower than English asked second: English still wins.
    await Promise.all([speak({ locale: 'en-XA', catalogue: 'en-XA', dir: 'ltr' }), speak({ locale: 'en-GB', catalogue: 'en', dir: 'ltr' })]);
    expect(translator()).toMatchObject({ locale: 'en-GB', catalogue: 'en' });
    await speak({ locale: 'de-DE', catalogue: 'de', dir: 'ltr' });
    expect(t('tray.attention', { count: 2 })).toBe('2 Konten brauchen Aufmerksamkeit');
  });
});
