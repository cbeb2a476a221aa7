// Vitest reporter for scripts/test.mjs: writes how many tests passed, failed and were skipped to the file it is given,
// so `npm test` can end with one line summed over its runs (vitest's own JSON reporter would also print a line per run).
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** Counts of one vitest run, as written to the file. */
export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * Counts the test cases of a run by their final state and writes them as JSON to `file`.
 * @example new CountReporter('/tmp/run-0.json') // then the file holds {"passed":1315,"failed":0,"skipped":0}
 */
export default class CountReporter implements Reporter {
  constructor(private readonly file: string) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts: TestCounts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    writeFileSync(this.file, JSON.stringify(counts));
  }
}
