// Vitest global setup: when the tests were started without `npm test` (plain `npx vitest`), find the outside tools here,
// without installing anything, and hand their paths to the test workers through the environment.
import { MissingTestToolError, resolveTestTools } from '../../scripts/test-tools.mjs';

export default async function setup(): Promise<void> {
  if (process.env.NASHRA_PYTHON && process.env.NASHRA_CHROMIUM) return;
  try {
    const tools = await resolveTestTools({ install: false });
    process.env.NASHRA_PYTHON = tools.python;
    process.env.NASHRA_CHROMIUM = tools.chromium;
  } catch (e) {
    if (e instanceof MissingTestToolError) {
      // One line, no stack: the message names the command to run.
      e.stack = e.message;
    }
    throw e;
  }
}
