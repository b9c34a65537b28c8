/**
 * Which language the app speaks: the languages it has catalogues for, the two pseudo-locales that
 * test layout (never offered in Settings; a system or browser set to them picks them), and the one
 * rule that turns the user's setting and the system's preferred languages into a locale.
 */

/** The languages offered in Settings, each with a complete catalogue. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Accented and about 40% longer (overflow and truncation show); right-to-left (mirroring shows). Chromium's names. */
export const PSEUDO_LOCALES = ['en-XA', 'ar-XB'] as const;
export type PseudoLocale = (typeof PSEUDO_LOCALES)[number];
/** The catalogue a locale speaks from. */
export type CatalogueID = Language | PseudoLocale;

export const LANGUAGE_SETTINGS = ['system', ...LANGUAGES] as const;
/** The Settings choice: follow the system, or one language. */
export type LanguageSetting = (typeof LANGUAGE_SETTINGS)[number];

/** Each language's name in itself, as the Settings menu lists it (the same in every language). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', de: 'Deutsch' };

export interface ResolvedLocale {
  /** The BCP 47 tag `Intl` formats with: the user's own region when it has one (de-AT, en-GB). */
  locale: string;
  catalogue: CatalogueID;
  dir: 'ltr' | 'rtl';
}

/** A BCP 47 tag from what systems report: Linux's `de_DE.UTF-8` and `sr_RS@latin` too. */
function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.replace(/[.@].*$/, '').replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null; // not a language tag: skipped
  }
}

const languageOf = (tag: string): string => tag.split('-')[0]!.toLowerCase();
const isLanguage = (x: string): x is Language => (LANGUAGES as readonly string[]).includes(x);
const pseudoOf = (tag: string): PseudoLocale | undefined => PSEUDO_LOCALES.find((p) => p.toLowerCase() === tag.toLowerCase());

const resolved = (locale: string, catalogue: CatalogueID): ResolvedLocale => ({ locale, catalogue, dir: catalogue === 'ar-XB' ? 'rtl' : 'ltr' });

/**
 * The locale to use. "system" takes the first preferred language the app has a catalogue for (a
 * pseudo-locale only by its exact name); a chosen language keeps the region of a preferred tag in
 * that language (de-AT stays Austrian). Nothing matches: English.
 */
export function resolveLocale(setting: LanguageSetting, preferred: readonly string[]): ResolvedLocale {
  const tags = preferred.map(canonical).filter((t): t is string => t !== null);
  if (setting !== 'system') return resolved(tags.find((t) => languageOf(t) === setting) ?? setting, setting);
  for (const tag of tags) {
    const pseudo = pseudoOf(tag);
    if (pseudo) return resolved(pseudo, pseudo);
    const language = languageOf(tag);
    if (isLanguage(language)) return resolved(tag, language);
  }
  return resolved('en', 'en');
}

/** The region of a locale ("DE" of de-DE; likely regions fill in a bare language), for phone numbers. */
export function regionOf(locale: string): string | undefined {
  try {
    return new Intl.Locale(locale).maximize().region;
  } catch {
    return undefined;
  }
}
