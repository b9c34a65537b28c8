import { afterEach, describe, expect, it } from 'vitest';
import { LocaleState } from '../../../main/core/locale.ts';
import { speak, t, translator } from '../../../main/core/i18n.ts';
import type { LanguageSetting } from '../../../preload/contract/i18n/locales.ts';

afterEach(async () => {
  await speak({ locale: 'en', catalogue: 'en', dir: 'ltr' });
});

describe('LocaleState', () => {
  it('follows the setting and the system, and main speaks what it resolves', async () => {
    let setting: LanguageSetting = 'system';
    const state = new LocaleState(() => setting, ['de-AT']);
    expect(state.current()).toMatchObject({ locale: 'de-AT', catalogue: 'de' });
    expect(await state.apply()).toBe(false); // the same locale it started with
    expect(t('common.cancel')).toBe('Abbrechen');
    setting = 'en';
    expect(await state.apply()).toBe(true);
    expect(t('common.cancel')).toBe('Cancel');
    setting = 'system';
    state.setSystem(['fr', 'en-GB']);
    expect(await state.apply()).toBe(true);
    expect(state.current()).toMatchObject({ locale: 'en-GB', catalogue: 'en' });
  });

  it('an unchanged locale is not loaded again (the preview says its languages at every page load)', async () => {
    const state = new LocaleState(() => 'system', ['de']);
    await state.apply();
    const spoken = translator();
    state.setSystem(['de']);
    expect(await state.apply()).toBe(false);
    expect(translator()).toBe(spoken);
  });
});
