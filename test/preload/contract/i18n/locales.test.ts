import { describe, expect, it } from 'vitest';
import { regionOf, resolveLocale } from '../../../../preload/contract/i18n/locales.ts';

describe('resolveLocale', () => {
  it('follows the system: the first preferred language with a catalogue, keeping its region', () => {
    expect(resolveLocale('system', ['de-AT', 'en-US'])).toEqual({ locale: 'de-AT', catalogue: 'de', dir: 'ltr' });
    expect(resolveLocale('system', ['fr-FR', 'en-GB', 'de'])).toEqual({ locale: 'en-GB', catalogue: 'en', dir: 'ltr' });
    expect(resolveLocale('system', ['fr-FR', 'ja'])).toEqual({ locale: 'en', catalogue: 'en', dir: 'ltr' });
    expect(resolveLocale('system', [])).toEqual({ locale: 'en', catalogue: 'en', dir: 'ltr' });
  });

  it('reads what Linux reports (de_DE.UTF-8, C) and skips what is no language tag', () => {
    expect(resolveLocale('system', ['C', 'de_DE.UTF-8', 'en'])).toEqual({ locale: 'de-DE', catalogue: 'de', dir: 'ltr' });
    expect(resolveLocale('system', ['not a tag', 'sr_RS@latin', 'de'])).toMatchObject({ catalogue: 'de' });
  });

  it('a chosen language wins over the system, with the region of a preferred tag in it', () => {
    expect(resolveLocale('de', ['en-US'])).toEqual({ locale: 'de', catalogue: 'de', dir: 'ltr' });
    expect(resolveLocale('de', ['en-US', 'de-CH'])).toEqual({ locale: 'de-CH', catalogue: 'de', dir: 'ltr' });
    expect(resolveLocale('en', ['de-DE', 'en-IE'])).toEqual({ locale: 'en-IE', catalogue: 'en', dir: 'ltr' });
  });

  it('the pseudo-locales only by their exact names; the right-to-left one mirrors', () => {
    expect(resolveLocale('system', ['en-XA'])).toEqual({ locale: 'en-XA', catalogue: 'en-XA', dir: 'ltr' });
    expect(resolveLocale('system', ['ar-xb'])).toEqual({ locale: 'ar-XB', catalogue: 'ar-XB', dir: 'rtl' });
    expect(resolveLocale('system', ['ar-EG', 'en'])).toMatchObject({ catalogue: 'en', dir: 'ltr' });
    expect(resolveLocale('de', ['en-XA'])).toMatchObject({ catalogue: 'de' });
  });

  it('the region of a locale, likely regions filling in', () => {
    expect(regionOf('de-AT')).toBe('AT');
    expect(regionOf('de')).toBe('DE');
    expect(regionOf('??')).toBeUndefined();
  });
});
