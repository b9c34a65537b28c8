/**
 * The window ships its catalogues already parsed: this Vite plugin turns each catalogue module
 * (preload/contract/i18n/en.ts, de.ts) into the ICU syntax trees intl-messageformat formats, and
 * points the parser at its no-parser build. The window then carries no MessageFormat parser
 * (about 7 KiB gzip); main, which starts once and is not measured by download size, parses as it goes.
 * A message that does not parse fails the build, as the catalogue tests do.
 */
import { parse } from '@formatjs/icu-messageformat-parser';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';

const CATALOGUE = /[\\/]preload[\\/]contract[\\/]i18n[\\/](en|de)\.ts$/;

/** `export const <name> = { key: AST, … }` for a catalogue module's one exported object. */
export async function compiledCatalogue(file: string): Promise<string> {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, Record<string, string>>;
  return Object.entries(mod)
    .map(([name, messages]) => {
      const parsed = Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, parse(message)]));
      return `export const ${name} = ${JSON.stringify(parsed)};`;
    })
    .join('\n');
}

export function icuCatalogues(): Plugin {
  return {
    name: 'bam-icu-catalogues',
    enforce: 'pre',
    config: () => ({ resolve: { alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: '@formatjs/icu-messageformat-parser/no-parser.js' }] } }),
    async load(id) {
      return CATALOGUE.test(id) ? compiledCatalogue(id) : null;
    },
  };
}
