// The one error a command throws to stop with a message and an exit status (never a stack trace).
import { EXIT } from './exit-codes.ts';

/**
 * A failure the user can fix: printed as `nashra <command>: <message>`, then the process exits with `exitCode`.
 *
 * @example
 * new CliError('cannot read nope.json: no such file').exitCode //=> 2
 */
export class CliError extends Error {
  readonly exitCode: number;
  /** Printed after the message (e.g. the command's usage). */
  readonly hint: string;
  constructor(message: string, options: { exitCode?: number; hint?: string } = {}) {
    super(message);
    this.name = 'CliError';
    this.exitCode = options.exitCode ?? EXIT.USAGE;
    this.hint = options.hint ?? '';
  }
}

const ERRNO_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
};

/**
 * A file-system error in a few plain words.
 *
 * @example
 * describeFsError(Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' })) //=> 'no such file'
 */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && ERRNO_WORDS[code]) ?? (error instanceof Error ? error.message : String(error));
}
