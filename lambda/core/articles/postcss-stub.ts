// Stands in for postcss in the ingest bundle (esbuild alias): sanitize-html loads postcss only to filter `style` attributes. Pure: imports nothing.

/** Thrown if sanitize-html ever asks to parse a style attribute in a bundle built with this stub. */
export class PostcssNotBundledError extends Error {
  constructor() {
    super('postcss is not bundled: article content allows no style attribute (sanitize-content.ts)');
    this.name = 'PostcssNotBundledError';
  }
}

/**
 * postcss's `parse`, as sanitize-html imports it. sanitize-html calls it only for a `style` attribute that the allow-list
 * admits, and article content admits none (`sanitize-content.ts`); were one ever admitted, sanitize-html catches this
 * throw and drops the attribute, so the stub can only remove more, never let more through. Leaving postcss (and the
 * source-map-js it brings) out saves ~90 KiB that node would otherwise compile at every ingest cold start.
 *
 * @example
 * parse('p { color: red }') // throws PostcssNotBundledError
 */
export function parse(_css: string, _options?: unknown): never {
  throw new PostcssNotBundledError();
}
