#!/usr/bin/env node
// `npm test`: the whole suite under TZ=UTC, then the date suite again under the other zones of the matrix.
// Results must not depend on the host's zone, so each run asserts the same expected values.
import { spawnSync } from 'node:child_process';

const vitest = ['node_modules/vitest/vitest.mjs', 'run'];
const runs = [
  { tz: 'UTC', args: [] },
  ...['Asia/Riyadh', 'Africa/Cairo', 'Africa/Casablanca'].map((tz) => ({ tz, args: ['tests/core/dates'] })),
];

for (const { tz, args } of runs) {
  process.stdout.write(`\n=== TZ=${tz} vitest run ${args.join(' ') || '(all)'} ===\n`);
  const r = spawnSync(process.execPath, [...vitest, ...args], {
    stdio: 'inherit',
    env: { ...process.env, TZ: tz },
  });
  if (r.status !== 0) {
    process.stderr.write(`\nTests failed under TZ=${tz}\n`);
    process.exit(r.status ?? 1);
  }
}
