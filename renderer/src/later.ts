/**
 * What the first paint leaves out, fetched with the first screen loaded later (screens.tsx): the
 * rest of the window's English — the build bundles only the areas the first screens say
 * (preload/contract/i18n/areas.ts, `FIRST_PAINT_AREAS`) and puts the others in `en.ts?later`,
 * merged here into the catalogue every English translator reads — and the rest of the styles
 * (later.css; Vite's loader resolves once the sheet has loaded, so no screen shows unstyled).
 * In tests and the dev server `en.ts?later` is the whole catalogue: merging it changes nothing.
 */
import { en } from '../../preload/contract/i18n/en.ts';
import { loadOnce } from './load-once.ts';

export const laterParts = loadOnce(async () => {
  const [rest] = await Promise.all([import('../../preload/contract/i18n/en.ts?later'), import('./later.css')]);
  Object.assign(en as Record<string, unknown>, rest.en);
});
