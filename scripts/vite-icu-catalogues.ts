/**
 * The window ships its catalogues already parsed: this Vite plugin turns each catalogue module
 * (preload/contract/i18n/en.ts, de.ts), once compiled to JavaScript, into the ICU syntax trees
 * intl-messageformat formats (plain text stays text), and points the parser at its no-parser build.
 * The window then carries no MessageFormat parser (about 7 KiB gzip), nor the messages only main
 * words, and bundles only the English its first screens say; main, which starts once and is not
 * measured by download size, parses as it goes. A message that does not parse fails the build.
 */
import { isLiteralElement, parse } from '@formatjs/icu-messageformat-parser';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';
import { isPlainText } from '../preload/contract/i18n/plain-text.ts';

const CATALOGUE = /[\\/]preload[\\/]contract[\\/]i18n[\\/](en|de)\.ts(\?later)?$/;

/**
 * A message as the window keeps it: text as it is when it is only text (the translator shows it
 * without a formatter, and it is a fraction of its tree's size); else the tree. Text that is not
 * plain text to the window (`isPlainText`: a quoted brace, say) stays a tree, which has no parser.
 */
const windowMessage = (message: string): string | ReturnType<typeof parse> => {
  const tree = parse(message);
  const only = tree.length === 1 ? tree[0]! : null;
  return only && isLiteralElement(only) && isPlainText(only.value) ? only.value : tree;
};

/**
 * A catalogue module's JavaScript (`export const en = { key: 'message', … }`) as
 * `export const en = { key: AST, … }`. The module is data only: it is evaluated in an empty context.
 */
export function compiledCatalogue(js: string, keep: (key: string) => boolean = () => true): string {
  const exported: Record<string, Record<string, string>> = {};
  runInNewContext(js.replace(/\bexport\s+const\s+(\w+)\s*=/g, 'exported.$1 ='), { exported });
  return Object.entries(exported)
    .map(([name, messages]) => {
      const parsed = Object.fromEntries(Object.entries(messages)
          .filter(([key]) => keep(key))
          .map(([key, message]) => [key, windowMessage(message)]),);
      return `export const ${name} = ${JSON.stringify(parsed)};`;
    })
    .join('\n');
}

export interface CatalogueSplit {
  /** Which keys the build carries at all (the window's: `inWindowCatalogue`). */
  keep: (key: string) => boolean;
  /**
   * Which of those English bundles (`onFirstPaint`); `en.ts?later` holds the others, for the
   * window to fetch later. German and the pseudo-locales load in their own chunks, whole.
   */
  firstPaint: (key: string) => boolean;
}

/** Every key, in one catalogue, when `split` is left out. */
export function icuCatalogues(split?: CatalogueSplit): Plugin {
  const keepFor = (id: string): ((key: string) => boolean) | undefined => {
    if (!split) return undefined;
    if (id.endsWith('?later')) return (k) => split.keep(k) && !split.firstPaint(k);
    return /en\.ts$/.test(id) ? (k) => split.keep(k) && split.firstPaint(k) : split.keep;
  };
  return {
    name: 'bam-icu-catalogues',
    config: () => ({ resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] } }),
    // After TypeScript is compiled away: the code is plain JavaScript.
    transform: {
      order: 'post',
      handler: (code, id) => (CATALOGUE.test(id) ? { code: compiledCatalogue(code, keepFor(id)), map: null } : null),
    },
  };
}
