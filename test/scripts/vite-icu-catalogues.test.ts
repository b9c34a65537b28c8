import { parse } from '@formatjs/icu-messageformat-parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compiledCatalogue, icuCatalogues } from '../../scripts/vite-icu-catalogues.ts';
import { en } from '../../preload/contract/i18n/en.ts';
import { inWindowCatalogue } from '../../preload/contract/i18n/areas.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** A catalogue as Vite hands it to the plugin: compiled to JavaScript. */
const compiled = (file: string): string => ts.transpileModule(readFileSync(path.join(ROOT, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;

describe('the window’s parsed catalogues', () => {
  it('each message becomes the syntax tree the parser makes of it', () => {
    const code = compiledCatalogue(compiled('preload/contract/i18n/en.ts'));
    const parsed = JSON.parse(code.replace(/^export const en = /, '').replace(/;$/, '')) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(Object.keys(en));
    expect(parsed['accounts.needAttention']).toEqual(parse(en['accounts.needAttention']));
    expect(compiledCatalogue(compiled('preload/contract/i18n/de.ts'))).toMatch(/^export const de = \{/);
  });

  it('the window’s build leaves out the messages only main words', () => {
    const plugin = icuCatalogues(inWindowCatalogue);
    const transform = (plugin.transform as unknown as { handler: (code: string, id: string) => { code: string } | null }).handler;
    const out = transform("export const en = { 'error.offline': 'x', 'tray.open': 'y', 'accounts.title': 'z' };", path.join(ROOT, 'preload/contract/i18n/en.ts'))!.code;
    expect(Object.keys(JSON.parse(out.replace(/^export const en = /, '').replace(/;$/, '')) as object)).toEqual(['accounts.title']);
  });

  it('a message that does not parse fails the build', () => {
    expect(() => compiledCatalogue("export const en = { 'a.b': '{count, plural, one {x}' };")).toThrow();
  });

  it('transforms only the catalogues, and builds without the parser', () => {
    const plugin = icuCatalogues();
    const transform = (plugin.transform as unknown as { handler: (code: string, id: string) => { code: string } | null }).handler;
    expect(transform('export const x = 1;', path.join(ROOT, 'preload/contract/i18n/translator.ts'))).toBeNull();
    expect(transform("export const de = { 'a.b': 'c' };", path.join(ROOT, 'preload/contract/i18n/de.ts'))!.code).toBe('export const de = {"a.b":[{"type":0,"value":"c"}]};');
    const config = (plugin.config as unknown as () => { resolve: { alias: Array<{ replacement: string }> } })();
    expect(config.resolve.alias[0]!.replacement).toBe('@formatjs/icu-messageformat-parser/no-parser.js');
  });
});
