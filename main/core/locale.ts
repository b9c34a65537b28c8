/**
 * The locale the app speaks: the language setting with the system's preferred languages (Electron's
 * `app.getPreferredSystemLanguages()`; in the browser preview, the browser's Accept-Language),
 * resolved by the contract's one rule, and main's translator kept on it.
 */
import { resolveLocale, type LanguageSetting, type ResolvedLocale } from '../../preload/contract/i18n/locales.ts';
import { speak } from './i18n.ts';

export class LocaleState {
  private readonly setting: () => LanguageSetting;
  private system: readonly string[];
  private resolved: ResolvedLocale;
  /** Main's translator was loaded for `resolved` (the preview says its languages at every page load). */
  private spoken = false;

  constructor(setting: () => LanguageSetting, system: readonly string[]) {
    this.setting = setting;
    this.system = system;
    this.resolved = resolveLocale(setting(), system);
  }

  current(): ResolvedLocale {
    return this.resolved;
  }

  /** The system's languages changed (or the preview's browser said which it prefers). */
  setSystem(languages: readonly string[]): void {
    this.system = languages;
  }

  /** Resolves again and loads that catalogue into main's translator (once per locale); true when the locale changed. */
  async apply(): Promise<boolean> {
    const next = resolveLocale(this.setting(), this.system);
    const changed = next.locale !== this.resolved.locale || next.catalogue !== this.resolved.catalogue;
    this.resolved = next;
    if (changed || !this.spoken) await speak(next);
    this.spoken = true;
    return changed;
  }
}
