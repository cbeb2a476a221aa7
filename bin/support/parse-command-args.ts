// Flag parsing for every command: node's util.parseArgs (strict), with "did you mean" for a mistyped option and --help built in.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error.ts';
import { closestName } from './closest-name.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` for one command. Unknown options, missing values and stray arguments become a `CliError`
 * (exit 2) whose message names the nearest known option; the synopsis (first line of `usage`) is printed after it.
 *
 * @example
 * parseCommandArgs(['--out', 'site'], { out: { type: 'string' } }, 'usage: …').values.out //=> 'site'
 * parseCommandArgs(['--otu', 'site'], { out: { type: 'string' } }, 'usage: …') // throws "unknown option --otu (did you mean --out?)"
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, usage: string, allowPositionals = false) {
  const hint = `${usage.split('\n')[0]}\n(--help shows every option)\n`;
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message;
    const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? /'(-{1,2}[^'=]+)/.exec(message)?.[1] : undefined;
    if (unknown) {
      const names = [...Object.keys(options), 'help'].map((n) => `--${n}`);
      const near = closestName(unknown, names);
      throw new CliError(`unknown option ${unknown}${near ? ` (did you mean ${near}?)` : ''}`, { hint });
    }
    const stray = code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ? /'([^']*)'/.exec(message)?.[1] : undefined;
    if (stray !== undefined) throw new CliError(`unexpected argument "${stray}"`, { hint });
    const missing = /argument missing/.test(message) ? /'(--?[\w-]+)/.exec(message)?.[1] : undefined;
    if (missing) throw new CliError(`${missing} needs a value`, { hint });
    throw new CliError(message, { hint });
  }
}
