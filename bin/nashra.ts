// The nashra CLI and local composition root: dispatches to one module per command under bin/commands/.
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  serve: { summary: 'run the local server with the embedded store', load: () => import('./commands/serve.ts') },
  build: { summary: 'build every feed from a folder of articles', load: () => import('./commands/build.ts') },
  ingest: { summary: 'normalize article files and print them as JSON', load: () => import('./commands/ingest.ts') },
  dates: { summary: 'normalize Arabic date strings, one per line on stdin', load: () => import('./commands/dates.ts') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `usage: nashra <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun "nashra <command> --help" for a command's options.\n`;
}

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  process.stdout.write(usage());
  process.exitCode = name ? 0 : 2;
} else {
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`nashra: unknown command "${name}"\n\n${usage()}`);
    process.exitCode = 2;
  } else {
    const mod = await command.load();
    process.exitCode = await mod.run(rest);
  }
}
