import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Every file starts its own simulator on a free port, so files can run in parallel.
    pool: 'forks',
    restoreMocks: true,
    // electron-store imports 'electron' itself: processed by Vitest, it gets a test's mock of it.
    server: { deps: { inline: ['electron-store'] } },
    // Used by `npm run coverage` (scripts/coverage.mjs), which adds the preload's coverage in Chromium.
    coverage: { provider: 'v8', include: ['main/**/*.ts', 'preload/**/*.ts'], reporter: ['json'], reportsDirectory: 'coverage/node' },
  },
});
