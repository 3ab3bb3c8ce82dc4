import { defineConfig } from 'vitest/config';

// Suites that drive Chromium, spawn the built CLI or a server, start worker threads on
// dist/, or fuzz: minutes on a busy machine. Everything else is the engine and the
// adapters in process, which `npm run test:quick` runs in about a minute.
const slow = [
  'test/e2e/**/*.test.ts',
  'test/fuzz/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/compare/**/*.test.ts',
  // Runs the built command line on Node 22 and 24, fetched from the npm registry the first time.
  'test/compat/**/*.test.ts',
  'test/parallel/**/*.test.ts',
  'test/server/**/*.test.ts',
  'test/report/report.test.ts',
  'test/report/system.test.ts',
  'test/csv/formulaInjectionCli.test.ts',
  'test/workbook/hostile.test.ts',
  // Statistical: thousands of replications over many seeds.
  'test/backtest/coverage.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // `vitest run` (npm test) runs both projects, so every test file; quick + slow = all.
    projects: [
      { extends: true, test: { name: 'quick', include: ['test/**/*.test.ts'], exclude: slow } },
      { extends: true, test: { name: 'slow', include: slow } },
    ],
  },
});
