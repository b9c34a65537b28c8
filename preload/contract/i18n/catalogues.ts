/**
 * A locale's catalogue, loaded when it is needed: English is always there (the fallback); German
 * and the pseudo-locales come in their own chunks, so a window in English never loads them.
 */
import { en } from './en.ts';
import type { CatalogueID, ResolvedLocale } from './locales.ts';
import { createTranslator, type Catalogue, type Translator } from './translator.ts';

export async function loadCatalogue(id: CatalogueID): Promise<Catalogue> {
  switch (id) {
    case 'de':
      return (await import('./de.ts')).de;
    case 'en-XA':
    case 'ar-XB':
      return (await import('./pseudo.ts')).pseudoCatalogue(id);
    default:
      return en;
  }
}

/** The translator for a resolved locale, its catalogue loaded. */
export async function loadTranslator(resolved: ResolvedLocale): Promise<Translator> {
  return createTranslator(resolved, await loadCatalogue(resolved.catalogue));
}

/**
 * Loads translators for one speaker (main, or the window): a request made while an earlier one is
 * still loading wins over it, whichever finishes first; the superseded one resolves to null.
 * `prepare` runs first, within the request (the window loads the rest of its English there).
 */
export function translatorLoader(prepare: (resolved: ResolvedLocale) => Promise<unknown> = () => Promise.resolve()): (resolved: ResolvedLocale) => Promise<Translator | null> {
  let asked = 0;
  return async (resolved) => {
    const mine = ++asked;
    await prepare(resolved);
    const next = await loadTranslator(resolved);
    return mine === asked ? next : null;
  };
}

/** English, at once: what speaks before the user's locale is known. */
export const englishTranslator = (): Translator => createTranslator({ locale: 'en', catalogue: 'en', dir: 'ltr' }, en);
