import { parse } from '@formatjs/icu-messageformat-parser';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledCatalogue, icuCatalogues } from '../../scripts/vite-icu-catalogues.ts';
import { en } from '../../preload/contract/i18n/en.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the window’s parsed catalogues', () => {
  it('each message becomes the syntax tree the parser makes of it', async () => {
    const code = await compiledCatalogue(path.join(ROOT, 'preload/contract/i18n/en.ts'));
    const parsed = JSON.parse(code.replace(/^export const en = /, '').replace(/;$/, '')) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(Object.keys(en));
    expect(parsed['accounts.needAttention']).toEqual(parse(en['accounts.needAttention']));
  });

  it('loads only the catalogues, and builds without the parser', async () => {
    const plugin = icuCatalogues();
    const load = plugin.load as unknown as (id: string) => Promise<string | null>;
    expect(await load(path.join(ROOT, 'preload/contract/i18n/translator.ts'))).toBeNull();
    expect(await load(path.join(ROOT, 'preload/contract/i18n/de.ts'))).toMatch(/^export const de = \{/);
    const config = (plugin.config as unknown as () => { resolve: { alias: Array<{ replacement: string }> } })();
    expect(config.resolve.alias[0]!.replacement).toBe('@formatjs/icu-messageformat-parser/no-parser.js');
  });
});
