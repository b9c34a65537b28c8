import { isDateElement, isLiteralElement, isNumberElement, isPluralElement, isSelectElement, isTagElement, isTimeElement, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from '../../../../preload/contract/i18n/en.ts';
import { de } from '../../../../preload/contract/i18n/de.ts';
import { englishTranslator, loadCatalogue, loadTranslator, translatorLoader } from '../../../../preload/contract/i18n/catalogues.ts';
import { PSEUDO_LOCALES, resolveLocale, type CatalogueID } from '../../../../preload/contract/i18n/locales.ts';

const KEYS = Object.keys(en) as MessageKey[];

/** A value for every argument a message names: a number for plurals and numbers, an option for selects, a function for tags. */
function sampleValues(elements: MessageFormatElement[], out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const el of elements) {
    if (!('value' in el) || isLiteralElement(el)) continue;
    if (isNumberElement(el) || isPluralElement(el)) out[el.value] = 2;
    else if (isSelectElement(el)) out[el.value] = Object.keys(el.options).find((k) => k !== 'other') ?? 'other';
    else if (isDateElement(el) || isTimeElement(el)) out[el.value] = new Date(0);
    else if (isTagElement(el)) out[el.value] = (chunks: string[]) => chunks.join('');
    else out[el.value] ??= `«${el.value}»`;
    if ('options' in el) for (const o of Object.values(el.options)) sampleValues(o.value, out);
    if ('children' in el) sampleValues(el.children, out);
  }
  return out;
}

describe('the catalogues', () => {
  it.each(['en', 'de', ...PSEUDO_LOCALES] as CatalogueID[])('%s formats every message with its values, never showing a key or a placeholder', async (id) => {
    const i18n = await loadTranslator(resolveLocale(id === 'en' ? 'system' : id === 'de' ? 'de' : 'system', [id]));
    expect(i18n.catalogue).toBe(id);
    for (const key of KEYS) {
      const text = i18n.rich(key, sampleValues(parse(en[key]))).join('');
      expect(text, key).not.toContain(key);
      expect(text, key).not.toMatch(/\{\w+\}/); // an argument left unfilled
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('a loader gives each request its translator, or null when a later request superseded it', async () => {
    const load = translatorLoader();
    const [first, second] = await Promise.all([load({ locale: 'en-XA', catalogue: 'en-XA', dir: 'ltr' }), load({ locale: 'de', catalogue: 'de', dir: 'ltr' })]);
    expect(first).toBeNull();
    expect(second).toMatchObject({ locale: 'de', catalogue: 'de' });
    expect(await load({ locale: 'en', catalogue: 'en', dir: 'ltr' })).toMatchObject({ catalogue: 'en' });
  });

  it('a loader prepares each request first, within it: a request made while an earlier one prepares still wins', async () => {
    const prepared: string[] = [];
    let release = (): void => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const load = translatorLoader((resolved) => (prepared.push(resolved.catalogue), resolved.catalogue === 'de' ? slow : Promise.resolve()));
    const first = load({ locale: 'de', catalogue: 'de', dir: 'ltr' });
    const second = load({ locale: 'en', catalogue: 'en', dir: 'ltr' });
    expect(await second).toMatchObject({ catalogue: 'en' });
    release();
    expect(await first).toBeNull();
    expect(prepared).toEqual(['de', 'en']);
  });

  it('loads English at once and the others from their own modules', async () => {
    expect(await loadCatalogue('en')).toBe(en);
    expect(await loadCatalogue('de')).toBe(de);
    expect(Object.keys(await loadCatalogue('en-XA')).sort()).toEqual([...KEYS].sort());
    // each pseudo-locale is its own: accented and longer, or set right-to-left
    const said = async (id: CatalogueID): Promise<string> => (await loadTranslator({ locale: id, catalogue: id, dir: 'ltr' })).t('app.skip');
    expect(await said('en-XA')).toMatch(/^\[Šķíþ ţö çöñţéñţ ·+\]$/);
    expect(await said('ar-XB')).toBe('\u202BSkip to content\u202C');
  });

  it('English, before the locale is known', () => {
    const english = englishTranslator();
    expect([english.locale, english.catalogue, english.dir]).toEqual(['en', 'en', 'ltr']);
    expect(english.t('app.skip')).toBe('Skip to content');
  });
});
