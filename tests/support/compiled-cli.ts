// The compiled CLI the tests spawn (dist/nashra.mjs, as installed users run it), and the vitest global setup that keeps it current.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli, isCliStale } from '../../scripts/build-cli.mjs';

/** Absolute path of the compiled CLI entry. */
export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/nashra.mjs');

/**
 * vitest globalSetup: rebuilds dist/ when any file it is built from is newer (about a second with esbuild),
 * so a test never spawns a stale CLI.
 *
 * @example
 * // vitest.config.ts: test.globalSetup: ['tests/support/compiled-cli.ts']
 */
export default async function setup(): Promise<void> {
  if (isCliStale()) await buildCli();
}
