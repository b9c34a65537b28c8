/**
 * Message areas only main words (errors, the tray, notifications, the updater's summary, the
 * sign-in page…): the window's build leaves them out of its catalogues (scripts/vite-icu-catalogues.ts),
 * a third of every catalogue off its first paint. The window never names a key of these areas
 * (test/preload/contract/i18n/areas.test.ts reads its sources).
 */
export const MAIN_ONLY_AREAS = ['error', 'tray', 'updates', 'model', 'storage', 'oauth', 'notify', 'queue', 'capture', 'help'] as const;

/** Whether the window's catalogues carry this key. */
export const inWindowCatalogue = (key: string): boolean => !(MAIN_ONLY_AREAS as readonly string[]).includes(key.slice(0, key.indexOf('.')));
