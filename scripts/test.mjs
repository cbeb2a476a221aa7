#!/usr/bin/env node
// `npm test`: finds (or installs) the outside tools, runs the whole suite under TZ=UTC, then the date suite again under the
// other zones of the matrix. Results must not depend on the host's zone, so each run asserts the same expected values.
// Ends with one line `tests: N passed, N failed` (and skipped) summed over the runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MissingTestToolError, resolveTestTools } from './test-tools.mjs';

const started = Date.now();
let tools;
try {
  tools = await resolveTestTools({ install: true });
} catch (e) {
  if (!(e instanceof MissingTestToolError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}

const vitest = ['node_modules/vitest/vitest.mjs', 'run'];
const runs = [
  { tz: 'UTC', args: [] },
  ...['Asia/Riyadh', 'Africa/Cairo', 'Africa/Casablanca'].map((tz) => ({ tz, args: ['tests/core/dates'] })),
];
const resultsDir = mkdtempSync(path.join(tmpdir(), 'nashra-test-results-'));
const total = { passed: 0, failed: 0, skipped: 0 };

function finish(code, why) {
  rmSync(resultsDir, { recursive: true, force: true });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (why) process.stderr.write(`\n${why}\n`);
  process.stdout.write(`\n${runs.length} vitest runs and the tool check took ${seconds} s\n`);
  process.stdout.write(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  process.exit(code);
}

for (const [i, { tz, args }] of runs.entries()) {
  process.stdout.write(`\n=== TZ=${tz} vitest run ${args.join(' ') || '(all)'} ===\n`);
  const results = path.join(resultsDir, `run-${i}.json`);
  const r = spawnSync(process.execPath, [...vitest, ...args], {
    stdio: 'inherit',
    env: {
      ...process.env,
      TZ: tz,
      NASHRA_PYTHON: tools.python,
      NASHRA_CHROMIUM: tools.chromium,
      NASHRA_TEST_COUNTS: results,
    },
  });
  try {
    const counts = JSON.parse(readFileSync(results, 'utf8'));
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  } catch {
    // no results file: vitest stopped before reporting (its own error is above)
  }
  if (r.status !== 0) finish(r.status ?? 1, `Tests failed under TZ=${tz} (the failures are listed above, under "Failed Tests")`);
}
finish(0);
