#!/usr/bin/env node
// The nashra CLI and local composition root: `--version`, `help [command]`, and one lazily loaded module per command under bin/commands/.
import { CliError } from './support/cli-error.ts';
import { closestName } from './support/closest-name.ts';
import { EXIT, EXIT_STATUS_HELP } from './support/exit-codes.ts';

/** What every module under bin/commands/ exports. */
export interface Command {
  /** The command's --help text (ends with the exit-status paragraph). */
  usage: string;
  /** Runs the command; returns the exit status. */
  run(argv: string[]): Promise<number>;
}

// Each command is imported only when it runs, so `nashra dates` never loads the feed, store or HTTP code.
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: { summary: 'run the local server with the embedded store', load: () => import('./commands/serve.ts') },
  build: { summary: 'build every feed from a folder of articles', load: () => import('./commands/build.ts') },
  ingest: { summary: 'normalize article files and print them as JSON', load: () => import('./commands/ingest.ts') },
  dates: { summary: 'normalize Arabic date strings, one per line on stdin', load: () => import('./commands/dates.ts') },
  init: { summary: 'write a commented nashra.config.json in the current folder', load: () => import('./commands/init.ts') },
  help: { summary: 'show this help, or a command\'s help ("nashra help build")', load: async () => HELP_COMMAND },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return (
    `usage: nashra <command> [options]\n       nashra --version\n\ncommands:\n${lines.join('\n')}\n\n` +
    `Run "nashra help <command>" or "nashra <command> --help" for a command's options.\n\n${EXIT_STATUS_HELP}`
  );
}

/** The command named `name`, or a CliError that suggests the nearest one. */
async function commandNamed(name: string): Promise<Command> {
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    const near = closestName(name, Object.keys(COMMANDS));
    throw new CliError(`unknown command "${name}"${near ? ` (did you mean "${near}"?)` : ''}`, { hint: usage() });
  }
  return entry.load();
}

const HELP_COMMAND: Command = {
  usage: `usage: nashra help [command]\n\nPrints the list of commands, or one command's options.\n\n${EXIT_STATUS_HELP}`,
  async run(argv) {
    const [name, ...extra] = argv;
    if (extra.length > 0) throw new CliError(`help takes one command name, got ${argv.length}`, { hint: HELP_COMMAND.usage });
    process.stdout.write(name === undefined ? usage() : (await commandNamed(name)).usage);
    return EXIT.OK;
  },
};

/** Runs the CLI on `argv` (without node and the script); returns the exit status. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === '-V') {
    const { packageVersion } = await import('./support/package-root.ts');
    process.stdout.write(`nashra ${packageVersion()}\n`);
    return EXIT.OK;
  }
  if (name === undefined) {
    process.stderr.write(usage());
    return EXIT.USAGE;
  }
  if (name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return EXIT.OK;
  }
  const label = Object.hasOwn(COMMANDS, name) ? `nashra ${name}` : 'nashra';
  try {
    if (name.startsWith('-')) {
      const near = closestName(name, ['--version', '--help']);
      throw new CliError(`unknown option ${name}${near ? ` (did you mean ${near}?)` : ''}; options come after the command`, {
        hint: usage(),
      });
    }
    const command = await commandNamed(name);
    return await command.run(rest);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`${label}: ${error.message}\n${error.hint ? `\n${error.hint}` : ''}`);
    return error.exitCode;
  }
}

process.exitCode = await main(process.argv.slice(2));
