/**
 * StrykerJS for `npm run mutation`. scripts/mutation.mjs runs it once per module, setting which
 * module is mutated, which suites run (BAM_MUTATION_TESTS, read by vitest.mutation.config.ts) and
 * where its reports go; within a run each mutant runs only the tests that cover it (perTest).
 */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  concurrency: 2,
  timeoutMS: 20_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // What Stryker's sandbox needs of the project: sources, tests, configs and node_modules (linked).
  ignorePatterns: ['out', 'dist', 'release', 'reports', 'coverage', 'test-results', '.tools', 'artifacts', 'bench'],
};
