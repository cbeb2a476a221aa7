// Chromium for the browser tests: the binary npm test's preflight found (NASHRA_CHROMIUM) and the flags this closed network needs.
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/**
 * Chromium's path: NASHRA_CHROMIUM, set by scripts/test-tools.mjs (npm test's preflight, or vitest's global setup) to the
 * binary inside the @sparticuz/chromium package, or to a system chromium where that one cannot start.
 * @example chromiumPath() //=> '/tmp/chromium'
 */
export function chromiumPath(): string {
  const file = process.env.NASHRA_CHROMIUM;
  if (!file)
    throw new Error(process.env.NASHRA_TOOLS_MISSING ?? 'NASHRA_CHROMIUM is not set: run the tests with `npm test` or `npx vitest`');
  return file;
}

/**
 * Headless, no sandbox (tests run as root), and no background traffic to hosts this machine cannot reach.
 * @example chromiumLaunchOptions().headless //=> true
 */
export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}

/**
 * Starts a headless Chromium with chromiumLaunchOptions(); close it in afterAll.
 * @example const browser = await launchChromium(); //=> a playwright-core Browser
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}
