// The exit status every nashra command uses, and the lines each command's --help prints about it.

/** 0 ok; 1 some input was rejected (the rest was processed); 2 usage or config error (nothing was done). */
export const EXIT = { OK: 0, REJECTED: 1, USAGE: 2 } as const;

/**
 * The exit-status paragraph printed at the end of every `--help`.
 *
 * @example
 * EXIT_STATUS_HELP.startsWith('exit status:') //=> true
 */
export const EXIT_STATUS_HELP = `exit status:
  0  ok
  1  some input was rejected (listed on stderr); the rest was processed
  2  usage or config error (unknown command or option, unreadable file, invalid config); nothing was done
`;
