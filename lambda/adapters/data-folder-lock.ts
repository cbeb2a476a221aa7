// One server per data folder: `nashra serve` holds `<data>/serve.lock` for its whole life, and a second one is refused with the folder and the first one's PID.
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { acquireFolderLock, LockBusyError, type FolderLock } from './folder-lock.ts';

/** A lock not refreshed for this long (the server was killed) may be taken by the next server. */
const SERVE_LOCK_STALE_MS = 10_000;

/** Another live server already serves this data folder. */
class DataFolderBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `the data folder ${dataDir} is already served by another nashra serve (${pid === undefined ? 'PID unknown' : `PID ${pid}`}); ` +
        'stop that one first, or give this one another folder with --data. Two servers on one folder would serve stale feeds.',
    );
    this.name = 'DataFolderBusyError';
  }
}

interface Owner {
  pid: number;
  host: string;
}

async function readOwner(file: string): Promise<Owner | undefined> {
  try {
    const o = JSON.parse(await readFile(file, 'utf8')) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: unknown }).code !== 'ESRCH';
  }
}

/**
 * Takes the data folder for this server's life (`<dataDir>/serve.lock`, with `serve.pid` naming the owner). When a
 * live server holds it, throws `DataFolderBusyError` at once; when its owner died without releasing it (kill -9), waits
 * until the lock goes stale (at most 10 s) and takes it.
 *
 * @example
 * const lock = await lockDataFolder('.nashra'); // DataFolderBusyError: the data folder … is already served by another nashra serve (PID 4242) …
 * await lock.release();
 */
export async function lockDataFolder(dataDir: string, options: { onLost?: (error: Error) => void } = {}): Promise<FolderLock> {
  const lockPath = path.join(dataDir, 'serve.lock');
  const ownerFile = path.join(dataDir, 'serve.pid');
  const take = (timeoutMs: number) => acquireFolderLock(lockPath, { timeoutMs, staleMs: SERVE_LOCK_STALE_MS, ...options });
  let lock: FolderLock;
  try {
    lock = await take(0);
  } catch (err) {
    if (!(err instanceof LockBusyError)) throw err;
    const owner = await readOwner(ownerFile);
    const gone = owner !== undefined && owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid);
    if (!gone) throw new DataFolderBusyError(dataDir, owner?.pid);
    lock = await take(SERVE_LOCK_STALE_MS + 2_000).catch((e: unknown) => {
      throw e instanceof LockBusyError ? new DataFolderBusyError(dataDir, owner.pid) : e;
    });
  }
  await writeFile(ownerFile, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner));
  return lock;
}
