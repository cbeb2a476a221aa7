// A cross-process lock over proper-lockfile (a `mkdir` lock kept fresh through its mtime) that knows when it was lost, and then never removes the new owner's lock.
import fs from 'node:fs';
import { stat } from 'node:fs/promises';
import { lock as properLock } from 'proper-lockfile';

export interface FolderLockOptions {
  /** Give up after this long (ms) while another live process holds it; 0 tries once. */
  timeoutMs: number;
  /** A lock whose mtime is older than this (ms, at least 2,000) is stale and may be taken over; the holder refreshes it every half of this. */
  staleMs: number;
  /** Called once when the lock is found lost (taken over while this process was paused or its event loop blocked). */
  onLost?: (error: Error) => void;
}

/** The lock may have been taken over (this process was paused or blocked past a quarter of the stale time): nothing more may be written under it. */
class LockLostError extends Error {
  constructor(
    readonly lockPath: string,
    detail: string,
  ) {
    super(`lost the lock ${lockPath}: ${detail}; another process may hold it now, so nothing more was written under it`);
    this.name = 'LockLostError';
  }
}

/** Another live process holds the lock past the timeout. */
export class LockBusyError extends Error {
  constructor(
    readonly lockPath: string,
    readonly waitedMs: number,
  ) {
    super(`${lockPath} is held by another process (waited ${waitedMs} ms)`);
    this.name = 'LockBusyError';
  }
}

export interface FolderLock {
  /** Throws `LockLostError` when the lock may no longer be ours. Await it right before each write it protects. */
  assertHeld(): Promise<void>;
  /** Whether the lock is known lost. */
  readonly lost: boolean;
  /** Releases the lock if its directory is still ours (same mtime as last set); another owner's lock is left alone. */
  release(): Promise<void>;
}

/** The mtime this process last gave each lock directory: a directory with another mtime is not ours any more. */
const ourMtimes = new Map<string, number>();
/** The `fs` proper-lockfile uses: node's, recording the mtimes it sets (one object, so its precision probe is cached). */
const recordingFs = {
  ...fs,
  utimes(file: fs.PathLike, atime: fs.TimeLike, mtime: Date, callback: (err: NodeJS.ErrnoException | null) => void) {
    fs.utimes(file, atime, mtime, (err) => {
      if (!err && ourMtimes.has(String(file))) ourMtimes.set(String(file), mtime.getTime());
      callback(err);
    });
  },
};

/** Whether the lock directory is still the one this process made and refreshed. */
async function stillOurs(lockPath: string): Promise<boolean> {
  const st = await stat(lockPath).catch(() => undefined);
  return st !== undefined && st.mtime.getTime() === ourMtimes.get(lockPath);
}

/**
 * Takes the lock directory `lockPath`. proper-lockfile creates it with `mkdir` and refreshes its mtime every
 * `staleMs / 2`; another process may take over a lock whose mtime is older than `staleMs`. proper-lockfile notices a
 * takeover only at its next refresh, and its release removes the directory whoever owns it; so besides its check:
 * - a heartbeat every `staleMs / 16` marks the lock lost when this process resumes from a pause over `staleMs / 4`
 *   (a pause that long is what lets another process see the lock as stale);
 * - `assertHeld` also compares the directory's mtime with the one this process last set;
 * - `release` removes the directory only while its mtime is still ours.
 *
 * @example
 * const held = await acquireFolderLock('/data/writer.lock', { timeoutMs: 10_000, staleMs: 5_000 });
 * try { await held.assertHeld(); await writeTheFiles(); } finally { await held.release(); }
 */
export async function acquireFolderLock(lockPath: string, options: FolderLockOptions): Promise<FolderLock> {
  const staleMs = Math.max(2_000, options.staleMs);
  const maxPauseMs = staleMs / 4;
  let lostWith: Error | undefined;
  let released = false;
  const markLost = (error: Error) => {
    if (lostWith || released) return;
    lostWith = error;
    options.onLost?.(error);
  };
  const started = Date.now();
  let release: () => Promise<void>;
  try {
    release = await properLock(lockPath, {
      lockfilePath: lockPath,
      realpath: false,
      fs: recordingFs,
      stale: staleMs,
      retries:
        options.timeoutMs > 0
          ? {
              retries: Math.ceil(options.timeoutMs / 2),
              minTimeout: 1,
              maxTimeout: 20,
              factor: 1.3,
              randomize: true,
              maxRetryTime: options.timeoutMs,
            }
          : 0,
      onCompromised: (err) => markLost(new LockLostError(lockPath, err.message)),
    });
    ourMtimes.set(lockPath, (await stat(lockPath)).mtime.getTime());
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ELOCKED') throw new LockBusyError(lockPath, Date.now() - started);
    throw err;
  }
  let lastBeat = Date.now();
  const beat = () => {
    const now = Date.now();
    if (now - lastBeat > maxPauseMs)
      markLost(new LockLostError(lockPath, `this process was paused for ${now - lastBeat} ms (the lock goes stale after ${staleMs} ms)`));
    lastBeat = now;
  };
  const heartbeat = setInterval(beat, Math.max(10, staleMs / 16));
  heartbeat.unref();
  return {
    async assertHeld() {
      beat();
      if (!lostWith && !(await stillOurs(lockPath))) markLost(new LockLostError(lockPath, 'its directory was replaced by another owner'));
      if (lostWith) throw lostWith;
    },
    get lost() {
      return lostWith !== undefined;
    },
    async release() {
      if (released) return;
      clearInterval(heartbeat);
      beat();
      released = true;
      // Not ours any more: leave it; proper-lockfile sees the changed mtime at its next refresh and stops refreshing.
      if (!(await stillOurs(lockPath))) return;
      ourMtimes.delete(lockPath);
      await release().catch((err: unknown) => {
        // ERELEASED: proper-lockfile found it compromised first.
        if ((err as { code?: unknown }).code !== 'ERELEASED') throw err;
      });
    },
  };
}
