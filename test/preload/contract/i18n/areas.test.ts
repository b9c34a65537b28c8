import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_AREAS, inWindowCatalogue, MAIN_ONLY_AREAS, onFirstPaint } from '../../../../preload/contract/i18n/areas.ts';
import { staticImports } from '../../../support/import-graph.ts';
import { en, type MessageKey } from '../../../../preload/contract/i18n/en.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
/** Every source file the window's bundle may hold: the renderer, and the contract it shares with main. */
const windowSources = (): string[] =>
  ['renderer/src', 'preload/contract'].flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.tsx?$/.test(f) && !/i18n[\\/](en|de|areas)\.ts$/.test(f))
      .map((f) => path.join(dir, f)),
  );

describe('the messages only main words', () => {
  it('are left out of the window by area, and every other key stays', () => {
    const keys = Object.keys(en) as MessageKey[];
    const left = keys.filter((k) => !inWindowCatalogue(k));
    expect(new Set(left.map((k) => k.split('.')[0]))).toEqual(new Set(MAIN_ONLY_AREAS));
    expect(inWindowCatalogue('accounts.title')).toBe(true);
    expect(inWindowCatalogue('error.offline')).toBe(false);
    expect(inWindowCatalogue('errors.x')).toBe(true);
    // About a third of the catalogue: what the window does not carry.
    expect(left.length).toBeGreaterThan(keys.length / 4);
  });

  it('are never named by the window’s code, which would find no message for them', () => {
    const named = new RegExp(`['"\`](?:${MAIN_ONLY_AREAS.join('|')})\\.[a-zA-Z$]`, 'g');
    const found = windowSources().flatMap((f) => (readFileSync(path.join(ROOT, f), 'utf8').match(named) ?? []).map((m) => `${f}: ${m}`));
    // The channel names 'updates.check' and 'help.diagnostics' are not message keys.
    expect(found.filter((x) => !/contract[\\/](channels|schemas)\.ts/.test(x))).toEqual([]);
    expect(windowSources().length).toBeGreaterThan(30);
  });
});

describe('the messages the first paint says', () => {
  /** Every source the window's entry reaches before a dynamic import(): what its first paint carries. */
  const firstPaintSources = (): string[] => [...staticImports(path.join(ROOT, 'renderer/src/main.tsx')).files].filter((f) => /\.tsx?$/.test(f));

  it('its code names no key of another area: the build bundles only these (the rest comes with the screens loaded later)', () => {
    const areas = new Set(Object.keys(en).map((k) => k.split('.')[0]!));
    const named = new RegExp(`['"\`]((?:${[...areas].join('|')}))\\.[a-zA-Z$]`, 'g');
    const found = firstPaintSources()
      .filter((f) => !/i18n[\\/](en|de)\.ts$|contract[\\/]channels\.ts$/.test(f)) // channel names are not message keys
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(named)].map((m) => ({ file: path.relative(ROOT, f), area: m[1]! })));
    expect(found.filter((x) => !(FIRST_PAINT_AREAS as readonly string[]).includes(x.area))).toEqual([]);
    // the check reads what it should: the list, the top bar, the statuses
    expect(new Set(found.map((x) => x.area))).toEqual(new Set(['app', 'accounts', 'status', 'provider', 'time', 'progress']));
  });

  it('are by area, areas the window words, a third of its English or less', () => {
    expect(onFirstPaint('accounts.title')).toBe(true);
    expect(onFirstPaint('settings.title')).toBe(false);
    expect(onFirstPaint('accountsX.title')).toBe(false);
    for (const area of FIRST_PAINT_AREAS) expect(MAIN_ONLY_AREAS as readonly string[]).not.toContain(area);
    const inWindow = Object.keys(en).filter(inWindowCatalogue);
    expect(inWindow.filter(onFirstPaint).length).toBeLessThan(inWindow.length / 3);
  });
});
