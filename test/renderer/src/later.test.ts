/**
 * renderer/src/later.ts and later.css: what the first paint leaves out. A rule in later.css must
 * not be one the first paint needs: each of its selectors has a class the first paint's code never
 * names (as text, or as the start of a class it builds: `badge-${tone}`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../preload/contract/i18n/en.ts';
import { laterParts } from '../../../renderer/src/later.ts';
import { staticImports } from '../../support/import-graph.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const firstPaintCode = (): string =>
  [...staticImports(path.join(ROOT, 'renderer/src/main.tsx')).files]
    .filter((f) => /\.tsx?$/.test(f) && !/i18n[\\/](en|de)\.ts$/.test(f))
    // comments dropped: words in them are not classes (a `//` after `:` is a URL's, kept)
    .map((f) => readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/.*$/gm, '$1'))
    .join('\n');

/** Each top-level rule's selectors (comments dropped); at-rules are never in later.css. */
function selectorsOf(css: string): string[][] {
  const rules: string[][] = [];
  let depth = 0;
  let start = 0;
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{' && depth++ === 0) rules.push(text.slice(start, i).split(',').map((s) => s.trim()));
    if (text[i] === '}' && --depth === 0) start = i + 1;
  }
  return rules;
}

const names = (code: string, cls: string): boolean => {
  const parts = cls.split('-');
  const built = parts.slice(1).some((_, i) => code.includes(`${parts.slice(0, i + 1).join('-')}-\${`));
  return built || new RegExp(`['"\`\\s{]${cls}['"\`\\s}]`).test(code);
};

describe('the styles the first paint leaves out', () => {
  const code = firstPaintCode();
  const later = selectorsOf(readFileSync(path.join(ROOT, 'renderer/src/later.css'), 'utf8'));

  it('each selector has a class the first paint never names', () => {
    const needed = later.flat().filter((sel) => sel.startsWith('@') || (sel.match(/\.[a-zA-Z][\w-]*/g) ?? []).every((c) => names(code, c.slice(1))));
    expect(needed).toEqual([]);
    expect(later.length).toBeGreaterThan(40);
  });

  it('the check sees classes named as text and built from a start', () => {
    expect(names(code, 'login-selected')).toBe(true);
    expect(names(code, 'badge-warn')).toBe(true); // `badge badge-${s.tone}`
    expect(names(code, 'session-card')).toBe(false);
    // and the first paint's stylesheet still has what the list needs
    expect(readFileSync(path.join(ROOT, 'renderer/src/styles.css'), 'utf8')).toMatch(/\.login-selected\s*\{/);
  });
});

describe('the rest of the English', () => {
  it('is merged into the catalogue the English translators read', async () => {
    const catalogue = en as Record<string, unknown>;
    const saved = catalogue['settings.title'];
    delete catalogue['settings.title'];
    try {
      await laterParts.load();
      expect(catalogue['settings.title']).toBe(saved);
    } finally {
      catalogue['settings.title'] = saved;
    }
  });
});
