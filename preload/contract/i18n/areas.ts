/**
 * Message areas only main words (errors, the tray, notifications, the updater's summary, the
 * sign-in page…): the window's build leaves them out of its catalogues (scripts/vite-icu-catalogues.ts),
 * a third of every catalogue off its first paint. The window never names a key of these areas
 * (test/preload/contract/i18n/areas.test.ts reads its sources).
 */
export const MAIN_ONLY_AREAS = ['error', 'tray', 'updates', 'model', 'storage', 'oauth', 'notify', 'queue', 'capture', 'help'] as const;

/** Whether the window's catalogues carry this key. */
export const inWindowCatalogue = (key: string): boolean => !(MAIN_ONLY_AREAS as readonly string[]).includes(key.slice(0, key.indexOf('.')));

/**
 * Message areas the window's first screens word (the account list, the top bar): the
 * window's English catalogue bundles these, and fetches the rest with the first screen it loads
 * later (renderer/src/later.ts) — two thirds of it off the first paint (bench figure 1).
 * test/preload/contract/i18n/areas.test.ts reads the first paint's sources: they name no other area.
 */
export const FIRST_PAINT_AREAS = ['app', 'accounts', 'status', 'provider', 'time', 'progress'] as const;

/** Whether the window's first paint carries this key (`inWindowCatalogue` too, or nobody does). */
export const onFirstPaint = (key: string): boolean => (FIRST_PAINT_AREAS as readonly string[]).includes(key.slice(0, key.indexOf('.')));
