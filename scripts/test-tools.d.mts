// Types for scripts/test-tools.mjs (plain JavaScript so that `npm test` can run it before any TypeScript loader).
export class MissingTestToolError extends Error {}
export function findPython(module: string, env?: NodeJS.ProcessEnv): string | undefined;
export function resolveTestTools(options: {
  install: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}): Promise<{ python: string; chromium: string }>;
