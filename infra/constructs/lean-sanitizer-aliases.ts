// esbuild `--alias` args that bundle sanitize-html lean: postcss stubbed, and its htmlparser2 reduced to the Parser it uses.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** sanitize-html's own htmlparser2 (8.x, nested under it; the top-level one is another major): its Parser module, beside its CJS index. */
const sanitizeHtmlParser = path.join(
  path.dirname(createRequire(createRequire(path.join(root, 'package.json')).resolve('sanitize-html')).resolve('htmlparser2')),
  'Parser.js',
);

/**
 * sanitize-html `require`s all of postcss (with source-map-js) to filter `style` attributes, which article content never
 * admits, and all of htmlparser2 (DOM handler, DOM utils, serializer, entity encoder) where it calls only
 * `htmlparser.Parser`. Aliasing both leaves ~145 KiB out of the ingest bundle, with the same output (checked in
 * tests/core/articles/lean-sanitizer-bundle.test.ts): postcss becomes `lambda/core/articles/postcss-stub.ts`, and
 * `htmlparser2` sanitize-html's own `lib/Parser.js`, which exports `Parser`. Paths are relative to the project root,
 * as NodejsFunction runs esbuild there. Only the ingest function bundles sanitize-html.
 *
 * @example
 * esbuildArgs: { '--alias': [...otherAliases, ...LEAN_SANITIZER_ALIASES] }
 */
export const LEAN_SANITIZER_ALIASES: readonly string[] = [
  'postcss=./lambda/core/articles/postcss-stub.ts',
  `htmlparser2=./${path.relative(root, sanitizeHtmlParser).split(path.sep).join('/')}`,
];
