/**
 * The language main speaks in (errors, the tray, notifications, the views it builds): one
 * translator for the process, English until the user's locale is known, replaced when the
 * language setting or the system's languages change. The window has its own (renderer/src/i18n.ts),
 * from the same catalogues and the locale main resolved.
 */
import { englishTranslator, translatorLoader } from '../../preload/contract/i18n/catalogues.ts';
import type { MessageKey } from '../../preload/contract/i18n/en.ts';
import type { ResolvedLocale } from '../../preload/contract/i18n/locales.ts';
import type { MessageValues, Translator } from '../../preload/contract/i18n/translator.ts';

let current: Translator = englishTranslator();
const load = translatorLoader();

/** A message in the current language. */
export const t = (key: MessageKey, values?: MessageValues): string => current.t(key, values);

export const translator = (): Translator => current;

/** Speaks `resolved` from now on; when asked twice quickly, the last one asked wins. */
export async function speak(resolved: ResolvedLocale): Promise<Translator> {
  current = (await load(resolved)) ?? current;
  return current;
}
