// Bundles variants of the render handler (an entry's TypeScript source, resolved from lambda/handlers/) as synth does.
import path from 'node:path';
import { build } from 'esbuild';
import { handlerEsbuildOptions } from '../../infra/constructs/handler-esbuild-options.ts';
import { PROJECT_ROOT } from '../../infra/constructs/nashra-function.ts';

/**
 * One bundle per entry, with the render handler's synth settings (no source map), into `outDir`; file path by name.
 *
 * @example
 * const files = await bundleRenderVariants({ shipped: "export { handler } from './render.ts';" }, out);
 */
export async function bundleRenderVariants(entries: Record<string, string>, outDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const [name, contents] of Object.entries(entries)) {
    const file = path.join(outDir, `${files.size}.mjs`);
    await build({
      ...handlerEsbuildOptions('render'),
      sourcemap: false,
      stdin: { contents, resolveDir: path.join(PROJECT_ROOT, 'lambda', 'handlers'), loader: 'ts', sourcefile: 'entry.ts' },
      outfile: file,
    });
    files.set(name, file);
  }
  return files;
}
