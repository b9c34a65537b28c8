import { parse } from '@formatjs/icu-messageformat-parser';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compiledCatalogue, icuCatalogues } from '../../scripts/vite-icu-catalogues.ts';
import { en } from '../../preload/contract/i18n/en.ts';
import { inWindowCatalogue, onFirstPaint } from '../../preload/contract/i18n/areas.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** A catalogue as Vite hands it to the plugin: compiled to JavaScript. */
const compiled = (file: string): string => ts.transpileModule(readFileSync(path.join(ROOT, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText;

describe('the window’s parsed catalogues', () => {
  it('each message becomes the syntax tree the parser makes of it', () => {
    const code = compiledCatalogue(compiled('preload/contract/i18n/en.ts'));
    const parsed = JSON.parse(code.replace(/^export const en = /, '').replace(/;$/, '')) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(Object.keys(en));
    expect(parsed['accounts.needAttention']).toEqual(parse(en['accounts.needAttention']));
    expect(parsed['accounts.title']).toBe(en['accounts.title']);
    expect(compiledCatalogue(compiled('preload/contract/i18n/de.ts'))).toMatch(/^export const de = \{/);
  });

  it('the window’s build leaves out the messages only main words, and bundles only the English its first screens say', () => {
    const plugin = icuCatalogues({ keep: inWindowCatalogue, firstPaint: onFirstPaint });
    const transform = (plugin.transform as unknown as { handler: (code: string, id: string) => { code: string } | null }).handler;
    const source = "export const en = { 'error.offline': 'x', 'tray.open': 'y', 'accounts.title': 'z', 'settings.title': 's' };";
    const keys = (id: string): string[] => Object.keys(JSON.parse(transform(source, path.join(ROOT, id))!.code.replace(/^export const \w+ = /, '').replace(/;$/, '')) as object);
    expect(keys('preload/contract/i18n/en.ts')).toEqual(['accounts.title']);
    expect(keys('preload/contract/i18n/en.ts?later')).toEqual(['settings.title']);
    // German loads in its own chunk, whole (every key the window words).
    expect(keys('preload/contract/i18n/de.ts')).toEqual(['accounts.title', 'settings.title']);
  });

  it('text stays text; a message with ICU syntax, or text that would read as it, stays a tree', () => {
    const out = (message: string): unknown => (JSON.parse(compiledCatalogue(`export const en = { 'a.b': ${JSON.stringify(message)} };`).replace(/^export const en = /, '').replace(/;$/, '')) as Record<string, unknown>)['a.b'];
    expect(out('Skip to content')).toBe('Skip to content');
    expect(out('')).toEqual([]);
    expect(out('Hi {name}')).toEqual(parse('Hi {name}'));
    // '{' quoted is text to ICU, but the window (no parser) would take a string with it for syntax.
    expect(out("A '{'brace'}'")).toEqual(parse("A '{'brace'}'"));
    expect(out('a <b>tag</b>')).toEqual(parse('a <b>tag</b>'));
  });

  it('a message that does not parse fails the build', () => {
    expect(() => compiledCatalogue("export const en = { 'a.b': '{count, plural, one {x}' };")).toThrow();
  });

  it('transforms only the catalogues, and builds without the parser', () => {
    const plugin = icuCatalogues();
    const transform = (plugin.transform as unknown as { handler: (code: string, id: string) => { code: string } | null }).handler;
    expect(transform('export const x = 1;', path.join(ROOT, 'preload/contract/i18n/translator.ts'))).toBeNull();
    expect(transform("export const de = { 'a.b': 'c {n}' };", path.join(ROOT, 'preload/contract/i18n/de.ts'))!.code).toBe('export const de = {"a.b":[{"type":0,"value":"c "},{"type":1,"value":"n"}]};');
    const config = (plugin.config as unknown as () => { resolve: { alias: Array<{ replacement: string }> } })();
    expect(config.resolve.alias[0]!.replacement).toBe('@formatjs/icu-messageformat-parser/no-parser.js');
  });
});
