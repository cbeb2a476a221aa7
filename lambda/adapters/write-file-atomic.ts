// Atomic file writes for the file-backed adapters: temp file beside the target, fsync, rename, fsync the folder.
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Every temp file `writeFileAtomic` makes has this in its name, so a reader can skip and clean leftovers. */
export const TEMP_FILE_MARK = '.tmp-';

/**
 * Writes `data` to `file` so a reader sees the old bytes or the new ones, never a torn mix: a temp file
 * in the same folder is written (and fsynced when `durable`), renamed over the target, then the folder is
 * fsynced so the rename survives a crash. On failure the temp file is removed.
 *
 * @example
 * await writeFileAtomic('/data/articles/a.json', '{"id":"a"}', { durable: true })
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: { durable: boolean }): Promise<void> {
  const tmp = `${file}${TEMP_FILE_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  const fh = await open(tmp, 'wx', 0o644);
  try {
    try {
      await fh.writeFile(data);
      if (options.durable) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (err) {
    // A full disk fails the write half way: the partial temp file goes too.
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  if (options.durable) await syncDirectory(path.dirname(file));
}

/**
 * Removes the temp files `writeFileAtomic` left under `dir` (recursively) when its process died mid-write; returns
 * how many. Run it at start-up, before anything writes there.
 *
 * @example
 * await removeLeftoverTempFiles('.nashra/site') //=> 1 (feeds/all.rss.tmp-4242-9f3a from a crash)
 */
export async function removeLeftoverTempFiles(dir: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const e of entries) {
    if (!e.isFile() || !e.name.includes(TEMP_FILE_MARK)) continue;
    await unlink(path.join(e.parentPath, e.name));
    removed++;
  }
  return removed;
}

/** fsyncs a folder, so renames and unlinks in it are durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
