// Chromium for the browser tests: where the binary is and the flags this closed network needs.
import { execFileSync } from 'node:child_process';
import type { LaunchOptions } from 'playwright-core';

/** Chromium's path: NASHRA_CHROMIUM when set, else `chromium` found on PATH. */
export function chromiumPath(): string {
  if (process.env.NASHRA_CHROMIUM) return process.env.NASHRA_CHROMIUM;
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
}

/** Headless, no sandbox (tests run as root), and no background traffic to hosts this machine cannot reach. */
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
