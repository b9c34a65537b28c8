/**
 * The suites StrykerJS runs against mutated code (`npm run mutation`): for each module, its mirrored
 * test file and the whole-core suites that exercise it (scripts/mutation.mjs says which).
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// scripts/mutation.mjs names the suites for the module being mutated (BAM_MUTATION_TESTS).
const include = process.env['BAM_MUTATION_TESTS']?.split(',') ?? ['test/main/**/*.test.ts', 'test/preload/**/*.test.ts'];

export default defineConfig({
  ...base,
  test: { ...base.test, include },
});
