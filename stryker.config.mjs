/**
 * StrykerJS for `npm run mutation` (scripts/mutation.mjs sets what to mutate and where reports go).
 * Each mutant runs only the tests that cover it (perTest), so a module is judged by its own test
 * file and the suites that exercise it; incremental mode re-tests only what changed since the last
 * run (reports/stryker-incremental.json).
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  mutate: ['main/**/*.ts', 'preload/contract/**/*.ts', '!main/index.ts'],
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  concurrency: 2,
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // What Stryker's sandbox needs of the project: sources, tests, configs and node_modules (linked).
  ignorePatterns: ['out', 'dist', 'release', 'reports', 'coverage', 'test-results', '.tools', 'artifacts', 'bench'],
};
