// A bounded poll for tests that wait on another process or a file watcher: never an unbounded loop.

/**
 * Resolves once `check()` is true; checks every `everyMs`, and throws "timed out waiting for WHAT" after `timeoutMs`.
 *
 * @example
 * await waitFor(() => existsSync(file), 'the processed file', 10_000);
 */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 10_000, everyMs = 50): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
