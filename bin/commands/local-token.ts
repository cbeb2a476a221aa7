// The local server's ingest token: from NASHRA_TOKEN or `<data>/token` (created 0600), at least 16 characters, never through a symlink.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** Shortest token accepted: a token anyone can guess protects nothing. */
const MIN_TOKEN_LENGTH = 16;

/** Why the token cannot be used; the server does not start. */
class LocalTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalTokenError';
  }
}

/**
 * The token to require on writes: `envToken` when set, else the one in `file` (created with 32 random bytes, mode
 * 0600, when there is none). A token shorter than 16 characters, or a `file` that is a symbolic link or not a
 * regular file, is refused with a `LocalTokenError` (the link is not followed, and its target never chmodded).
 *
 * @example
 * await resolveLocalToken({ envToken: 'a', file: '.nashra/token' })
 * //=> throws LocalTokenError('NASHRA_TOKEN is 1 character long; use at least 16 …')
 * await resolveLocalToken({ envToken: undefined, file: '.nashra/token' }) //=> { token: 'kq3…', created: true }
 */
export async function resolveLocalToken(options: {
  envToken: string | undefined;
  file: string;
}): Promise<{ token: string; created: boolean }> {
  if (options.envToken !== undefined && options.envToken !== '') {
    checkLength(options.envToken, 'NASHRA_TOKEN');
    return { token: options.envToken, created: false };
  }
  const existing = await readTokenFile(options.file);
  if (existing !== undefined) {
    checkLength(existing, options.file);
    return { token: existing, created: false };
  }
  const token = randomBytes(32).toString('base64url');
  // O_EXCL: a link (even a dangling one) or a file made meanwhile makes this fail instead of being written through.
  const handle = await open(options.file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(`${token}\n`);
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
  return { token, created: true };
}

/** The trimmed token of an existing regular file (made 0600 when others could read it), or undefined when there is none. */
async function readTokenFile(file: string): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NOFOLLOW: a symbolic link fails with ELOOP rather than being read and its target chmodded.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP' || code === 'EMLINK')
      throw new LocalTokenError(
        `${file} is a symbolic link; nashra does not follow it (it would change the target's mode). Replace it with a regular file, or set NASHRA_TOKEN`,
      );
    throw e;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw new LocalTokenError(`${file} is not a regular file; remove it (a new token is generated) or set NASHRA_TOKEN`);
    if (info.mode & 0o077) await handle.chmod(0o600);
    return (await handle.readFile('utf8')).trim();
  } finally {
    await handle.close();
  }
}

function checkLength(token: string, source: string): void {
  if (token.length >= MIN_TOKEN_LENGTH) return;
  throw new LocalTokenError(
    `${source} holds a token of ${token.length} character${token.length === 1 ? '' : 's'}; use at least ${MIN_TOKEN_LENGTH} ` +
      `(or remove ${source === 'NASHRA_TOKEN' ? 'NASHRA_TOKEN' : 'the file'} to have a long one generated)`,
  );
}
