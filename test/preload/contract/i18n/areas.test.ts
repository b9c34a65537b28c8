import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inWindowCatalogue, MAIN_ONLY_AREAS } from '../../../../preload/contract/i18n/areas.ts';
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
