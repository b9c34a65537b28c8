/**
 * The window ships its catalogues already parsed: this Vite plugin turns each catalogue module
 * (preload/contract/i18n/en.ts, de.ts), once compiled to JavaScript, into the ICU syntax trees
 * intl-messageformat formats, and points the parser at its no-parser build. The window then carries
 * no MessageFormat parser (about 7 KiB gzip), nor the messages only main words; main, which starts once and is not measured by
 * download size, parses as it goes. A message that does not parse fails the build.
 */
import { parse } from '@formatjs/icu-messageformat-parser';
import { runInNewContext } from 'node:vm';
import type { Plugin } from 'vite';

const CATALOGUE = /[\\/]preload[\\/]contract[\\/]i18n[\\/](en|de)\.ts$/;

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
          .map(([key, message]) => [key, parse(message)]),);
      return `export const ${name} = ${JSON.stringify(parsed)};`;
    })
    .join('\n');
}

/** `keep`: which keys the build carries (the window's: `inWindowCatalogue`); every key when left out. */
export function icuCatalogues(keep?: (key: string) => boolean): Plugin {
  return {
    name: 'bam-icu-catalogues',
    config: () => ({ resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] } }),
    // After TypeScript is compiled away: the code is plain JavaScript.
    transform: {
      order: 'post',
      handler: (code, id) => (CATALOGUE.test(id) ? { code: compiledCatalogue(code, keep), map: null } : null),
    },
  };
}
