// Vitest global setup: when the tests were started without `npm test` (plain `npx vitest`), find the outside tools here,
// without installing anything, and hand their paths to the test workers through the environment. A missing tool is not
// an error here (most suites need none, e.g. `npm run check` runs tests/architecture before npm test installs anything):
// the tests that need it fail with the one-line message naming the command, kept in NASHRA_TOOLS_MISSING.
import { MissingTestToolError, resolveTestTools } from '../../scripts/test-tools.mjs';

export default async function setup(): Promise<void> {
  if (process.env.NASHRA_PYTHON && process.env.NASHRA_CHROMIUM) return;
  try {
    const tools = await resolveTestTools({ install: false });
    process.env.NASHRA_PYTHON = tools.python;
    process.env.NASHRA_CHROMIUM = tools.chromium;
  } catch (e) {
    if (!(e instanceof MissingTestToolError)) throw e;
    process.env.NASHRA_TOOLS_MISSING = e.message;
  }
}
