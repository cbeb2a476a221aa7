// Types of scripts/build-cli.mjs (plain JavaScript so it runs on `npm install`), for the tests and benches that import it.
/** Absolute path of the compiled CLI entry, dist/nashra.mjs. */
export const CLI_ENTRY: string;
/** True when dist/ is missing or older than any source it is built from. */
export function isCliStale(): boolean;
/** Compiles bin/nashra.ts to dist/; resolves to the number of files written. */
export function buildCli(): Promise<number>;
