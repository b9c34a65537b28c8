/**
 * The suites StrykerJS runs against mutated code (`npm run mutation`): the node-only tests of main/
 * and preload/ — each module's mirrored test file and the whole-core suites that exercise it. The
 * browser, harness, packaging and renderer suites test other code and take far longer.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run mutation -- --smoke` narrows the suites to one file (BAM_MUTATION_TESTS).
const include = process.env['BAM_MUTATION_TESTS']?.split(',') ?? ['test/main/**/*.test.ts', 'test/preload/**/*.test.ts'];

export default defineConfig({
  ...base,
  test: { ...base.test, include },
});
