/** English, as tests read the app's words: the same translator the app starts with. */
import { englishTranslator } from '../../preload/contract/i18n/catalogues.ts';

export const english = englishTranslator();
