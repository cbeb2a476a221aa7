// The esbuild options NodejsFunction derives from HANDLER_BUNDLING, for benches and tests that bundle a handler as synth does.
import path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { HANDLER_BUNDLING, HANDLER_EXCLUDED_MODULES, PROJECT_ROOT, type HandlerName } from './nashra-function.ts';

/**
 * esbuild options equal to what `npm run synth` bundles `lambda/handlers/<handler>.ts` with
 * (target, minify, source maps, main fields, the `--alias` args, the per-handler exclusions, the ESM banner).
 *
 * @example
 * await build({ ...handlerEsbuildOptions('render'), entryPoints: [handlerEntryOf('render')], outfile: 'render.mjs' })
 */
export function handlerEsbuildOptions(handler: HandlerName, format: 'esm' | 'cjs' = 'esm'): BuildOptions {
  return {
    external: [...HANDLER_EXCLUDED_MODULES[handler]],
    bundle: true,
    platform: 'node',
    target: HANDLER_BUNDLING.target,
    format,
    minify: HANDLER_BUNDLING.minify,
    sourcemap: HANDLER_BUNDLING.sourceMap,
    sourcesContent: HANDLER_BUNDLING.sourcesContent,
    mainFields: [...HANDLER_BUNDLING.mainFields],
    // `--alias:from=./to` as NodejsFunction passes it, run from the project root as synth runs esbuild.
    alias: Object.fromEntries(HANDLER_BUNDLING.esbuildArgs['--alias'].map((a) => a.split('='))),
    absWorkingDir: PROJECT_ROOT,
    ...(format === 'esm' ? { banner: { js: HANDLER_BUNDLING.banner } } : {}),
    logLevel: 'silent',
  };
}

/** The source file of a handler. */
export function handlerEntryOf(handler: HandlerName): string {
  return path.join(PROJECT_ROOT, 'lambda', 'handlers', `${handler}.ts`);
}
