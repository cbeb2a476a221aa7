// The folder nashra is installed in (its package.json, samples/, schemas/), found from this module's own location.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The nashra package folder: the nearest folder above this module (bin/support/ from source, dist/chunks/ when
 * compiled) whose package.json is nashra's. Not the current folder: nashra runs from anywhere.
 *
 * @example
 * existsSync(path.join(packageRoot(), 'samples/articles')) //=> true
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'nashra') {
      root = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`nashra's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/**
 * The version in nashra's package.json.
 *
 * @example
 * packageVersion() //=> '0.1.0'
 */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
