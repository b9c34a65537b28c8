/**
 * eslint.config.js: the layer rule (docs/architecture.md) fails the lint when an import crosses a
 * layer the wrong way, and lets the allowed directions through.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const RULES = new Set(['boundaries/dependencies', 'no-restricted-imports']);
// Only the two layer rules run (the type-aware ones need a real file in the TypeScript project).
const eslint = new ESLint({ cwd: root, ruleFilter: ({ ruleId }) => RULES.has(ruleId), overrideConfig: { languageOptions: { parserOptions: { projectService: false } } } });

/** The layer and Electron rules' complaints about `code` placed at `file`. */
async function complaints(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the layers, as a lint rule', () => {
  it.each([
    ['main/core/probe.ts', "import type { X } from '../policy/updater.ts';"],
    ['main/core/probe.ts', "import type { X } from '../electron/window.ts';"],
    ['main/policy/probe.ts', "import type { X } from '../electron/window.ts';"],
    ['preload/contract/probe.ts', "import type { X } from '../../main/core/log.ts';"],
    ['renderer/src/probe.ts', "import type { X } from '../../main/core/log.ts';"],
    ['main/core/probe.ts', "import { app } from 'electron';"],
    ['renderer/src/probe.ts', "import { app } from 'electron';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await complaints(file, `${code}\nexport type Y = X;\n`)).not.toEqual([]);
  });

  it.each([
    ['main/core/probe.ts', "import type { X } from '../../preload/contract/views.ts';"],
    ['main/policy/probe.ts', "import type { X } from '../core/updates.ts';"],
    ['main/electron/probe.ts', "import type { X } from '../policy/updater.ts';"],
    ['renderer/src/probe.ts', "import type { X } from '../../preload/contract/views.ts';"],
  ])('%s may: %s', async (file, code) => {
    expect(await complaints(file, `${code}\nexport type Y = X;\n`)).toEqual([]);
  });
});
