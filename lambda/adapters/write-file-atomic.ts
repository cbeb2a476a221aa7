// Atomic file writes for the file-backed adapters: temp file beside the target, fsync, rename, fsync the folder.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
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
    await fh.writeFile(data);
    if (options.durable) await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  if (options.durable) await syncDirectory(path.dirname(file));
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
