// Test configuration: the whole suite runs in one process pool; the date suite is also re-run per zone by scripts/test.mjs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests spawn the compiled CLI (dist/); this rebuilds it first when a source is newer.
    globalSetup: ['tests/support/compiled-cli.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
