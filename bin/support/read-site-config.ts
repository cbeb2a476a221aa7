// The one reader of nashra.config.json for every command: a clear error for a missing, unreadable, non-JSON or invalid file.
import { readFileSync } from 'node:fs';
import { ConfigError, parseSiteConfig, type SiteConfig } from '../../lambda/core/config/index.ts';
import { CliError, describeFsError } from './cli-error.ts';

/** Where commands look for the site config when --config is not given: the current folder. */
export const DEFAULT_CONFIG_FILE = 'nashra.config.json';

/**
 * Reads and validates a site config file. Every failure is a `CliError` (exit 2) naming the file:
 * `cannot read nope.json: no such file`, `site.json is not valid JSON: …`, or each invalid field with its path.
 *
 * @example
 * readSiteConfig('nashra.config.json').timeZone //=> 'Asia/Riyadh'
 * readSiteConfig('nope.json') // throws CliError "cannot read nope.json: no such file (run `nashra init` to write one)"
 */
export function readSiteConfig(file: string): SiteConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (run `nashra init` to write one here)' : '';
    throw new CliError(`cannot read ${file}: ${describeFsError(error)}${hint}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseSiteConfig(value);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}
