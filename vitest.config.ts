// Test configuration: the whole suite runs in one process pool; the date suite is also re-run per zone by scripts/test.mjs.
// The global setup finds the outside tools (Python feedparser, Chromium) when vitest is started without `npm test`.
// In CI the `minimal` reporter prints only failing tests (with their output) and the summary, so a failure is easy to find.
import { defineConfig } from 'vitest/config';
import CountReporter from './tests/support/count-reporter.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The outside tools, then the compiled CLI the tests spawn (dist/, rebuilt first when a source is newer).
    globalSetup: ['tests/support/global-setup.ts', 'tests/support/compiled-cli.ts'],
    // The AWS SDK's notice that its 2027 releases need Node 22 is printed once per process otherwise.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    reporters: [
      process.env.CI ? 'minimal' : 'default',
      // scripts/test.mjs sums the counts of its runs from this file.
      ...(process.env.NASHRA_TEST_COUNTS ? [new CountReporter(process.env.NASHRA_TEST_COUNTS)] : []),
    ],
  },
});
