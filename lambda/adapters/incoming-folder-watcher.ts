// Watches a local incoming/ folder: each complete file is ingested, then moved to processed/ or to rejected/ with its errors beside it.
import { createReadStream, watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleError } from '../core/articles/article-error.ts';
import { ingestInBatches } from '../core/site/ingest-in-batches.ts';

/** `errors` is what the ingest listed (capped there); `omittedErrors` counts the ones it found and did not list. */
type IncomingOutcome = { ok: true; detail?: unknown } | { ok: false; errors: unknown[]; omittedErrors?: number };

interface IncomingEvent {
  kind: 'ingested' | 'rejected' | 'failed';
  name: string;
  /** ingested: what `ingest` returned; rejected: the errors; failed: the thrown error (the file stays for a retry). */
  detail: unknown;
}

export interface IncomingFolderWatcherOptions {
  /** The watched folder, e.g. ".nashra/incoming". Created when missing. */
  dir: string;
  /** Where rejected files go, with `<name>.errors.json` beside them. */
  rejectedDir: string;
  /** Where ingested files go. */
  processedDir: string;
  ingest(file: { name: string; body: Uint8Array }): Promise<IncomingOutcome>;
  /**
   * A file whose name is final (not `.name`, `*.partial`, `*.tmp`…) is taken once its size and mtime
   * stayed the same this long, a convenience for copy tools. Writers that can pause should write
   * `name.partial` and rename it when complete: that is the rule to rely on. Default 2000 ms.
   */
  settleMs?: number;
  /**
   * A .json, .ndjson or .jsonl file larger than this is read as a stream and handed to `ingest` in batches of at most
   * this many bytes (each a body in the file's format, under the file's name), so a file of any size is stored in
   * bounded memory; each article must fit in it. Default 1 MiB (the ingest's body limit).
   */
  maxBatchBytes?: number;
  /** Other files (pages, read whole) larger than this are moved to rejected/ without being read. Default 64 MiB. */
  maxFileBytes?: number;
  /** Tries of a file whose ingest threw before it is moved to rejected/ with the last error. Default 5. */
  maxAttempts?: number;
  /** Fallback poll interval (fs.watch is not reliable on every file system). Default 1000 ms. */
  pollMs?: number;
  /** Wait before retrying a file whose ingest threw (e.g. storage unavailable). Default 5000 ms. */
  retryMs?: number;
  onEvent?(event: IncomingEvent): void;
}

export interface IncomingFolderWatcher {
  /** Resolves once the folder has been scanned (files found at start are being settled). */
  ready: Promise<void>;
  /** Stops watching and waits for the file being processed, if any. */
  close(): Promise<void>;
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
  retryAt?: number;
  attempts: number;
}

/** Names that are still being written or are not ours: dot-files, `.partial`, editor and download temporaries. */
const isTemporary = (name: string) => name.startsWith('.') || /(\.tmp|\.part|\.partial|\.crdownload|~)$/i.test(name);

/** The format of a file read in batches when large, by its name: .json, .ndjson and .jsonl. */
function streamFormatOf(name: string): 'json' | 'ndjson' | undefined {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  return ext === 'json' ? 'json' : ext === 'ndjson' || ext === 'jsonl' ? 'ndjson' : undefined;
}

/** The file changed while it was read: it is left where it is and read again once it is still. */
class ChangedWhileReadError extends Error {}

/**
 * Watches `dir`. The completion rule writers can rely on: write `name.partial` (or `.name`) and rename it
 * to its final name when complete. A final name is also taken once its size and mtime hold still for
 * `settleMs`, and a file that changed while it was read is left in place and read again, never moved.
 * Files over `maxFileBytes`, and files whose ingest threw `maxAttempts` times, go to rejected/ with the
 * reason. Files are handled one at a time, in name order.
 *
 * @example
 * const w = watchIncomingFolder({ dir, rejectedDir, processedDir, ingest: async (f) => ({ ok: true }) });
 * await w.close();
 */
export function watchIncomingFolder(options: IncomingFolderWatcherOptions): IncomingFolderWatcher {
  const settleMs = options.settleMs ?? 2000;
  const maxFileBytes = options.maxFileBytes ?? 64 * 1024 * 1024;
  const maxBatchBytes = options.maxBatchBytes ?? 1024 * 1024;
  const maxAttempts = options.maxAttempts ?? 5;
  const pollMs = options.pollMs ?? 1000;
  const retryMs = options.retryMs ?? 5000;
  const emit = options.onEvent ?? (() => undefined);
  const seen = new Map<string, Seen>();
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let soon: NodeJS.Timeout | undefined;

  function schedule(ms: number): void {
    if (closed) return;
    if (soon) clearTimeout(soon);
    soon = setTimeout(() => void scan(), ms);
  }

  async function moveTo(dir: string, name: string): Promise<string> {
    await mkdir(dir, { recursive: true });
    const to = path.join(dir, name);
    await rename(path.join(options.dir, name), to);
    return to;
  }

  async function reject(name: string, errors: unknown[], omittedErrors = 0): Promise<void> {
    await mkdir(options.rejectedDir, { recursive: true });
    const report = { file: name, rejectedAt: new Date().toISOString(), errors, ...(omittedErrors > 0 && { omittedErrors }) };
    await writeFile(path.join(options.rejectedDir, `${name}.errors.json`), `${JSON.stringify(report, null, 2)}\n`);
    await moveTo(options.rejectedDir, name);
    emit({ kind: 'rejected', name, detail: errors });
  }

  async function handle(name: string, seenAs: Seen): Promise<void> {
    const file = path.join(options.dir, name);
    const streamed = streamFormatOf(name);
    if (streamed && seenAs.size > maxBatchBytes) return handleInBatches(name, seenAs, streamed);
    if (seenAs.size > maxFileBytes) {
      const message = `${name} has ${seenAs.size} bytes, over the ${maxFileBytes}-byte limit for one incoming file; split it`;
      return reject(name, [{ path: '$', field: '$', code: 'TOO_LARGE', message }]);
    }
    const body = new Uint8Array(await readFile(file));
    const outcome = await options.ingest({ name, body });
    await checkUnchanged(file, seenAs, body.length);
    if (outcome.ok) {
      await moveTo(options.processedDir, name);
      emit({ kind: 'ingested', name, detail: outcome.detail });
    } else {
      await reject(name, outcome.errors, outcome.omittedErrors);
    }
  }

  /** Never move a file that changed since it was read: what was added after the read would be lost. */
  async function checkUnchanged(file: string, seenAs: Seen, read: number): Promise<void> {
    const after = await stat(file);
    if (after.size !== seenAs.size || after.mtimeMs !== seenAs.mtimeMs || after.size !== read) throw new ChangedWhileReadError();
  }

  /**
   * A large JSON or NDJSON file: streamed and ingested a batch at a time (memory: one batch). The outcome is the file's:
   * ingested when no article was rejected, else rejected with every error at its place in the file. The detail of an
   * ingested file is `{ batches, results }`, each result's `index` its place in the file and only its `status` kept.
   */
  async function handleInBatches(name: string, seenAs: Seen, format: 'json' | 'ndjson'): Promise<void> {
    const file = path.join(options.dir, name);
    let read = 0;
    const results: Array<{ index: number; status?: unknown }> = [];
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for await (const chunk of createReadStream(file) as AsyncIterable<Uint8Array>) {
        read += chunk.byteLength;
        yield chunk;
      }
    }
    const encoder = new TextEncoder();
    const report = await ingestInBatches(chunks(), {
      name,
      format,
      maxBatchBytes,
      async ingest(input) {
        const body = typeof input.body === 'string' ? encoder.encode(input.body) : input.body;
        const outcome = await options.ingest({ name, body });
        return outcome.ok
          ? { errors: [] as ArticleError[], detail: outcome.detail }
          : { errors: outcome.errors as ArticleError[], omittedErrors: outcome.omittedErrors ?? 0, detail: undefined };
      },
      onBatch(outcome, indices) {
        const listed = (outcome.detail as { results?: unknown } | undefined)?.results;
        if (!Array.isArray(listed)) return;
        for (const r of listed as Array<{ index?: unknown; status?: unknown }>) {
          const at = typeof r.index === 'number' ? indices[r.index] : undefined;
          if (at !== undefined) results.push({ index: at, ...(r.status !== undefined && { status: r.status }) });
        }
      },
    });
    await checkUnchanged(file, seenAs, read);
    if (report.errors.length === 0 && report.omittedErrors === 0) {
      await moveTo(options.processedDir, name);
      emit({ kind: 'ingested', name, detail: { batches: report.batches, results } });
    } else {
      await reject(name, report.errors, report.omittedErrors);
    }
  }

  async function scanOnce(): Promise<void> {
    const now = Date.now();
    const entries = await readdir(options.dir, { withFileTypes: true }).catch(() => []);
    const present = new Set<string>();
    let pending = false;
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (closed) return;
      if (!e.isFile() || isTemporary(e.name)) continue;
      present.add(e.name);
      const st = await stat(path.join(options.dir, e.name)).catch(() => undefined);
      if (!st) continue;
      const prev = seen.get(e.name);
      if (!prev || prev.size !== st.size || prev.mtimeMs !== st.mtimeMs) {
        seen.set(e.name, { size: st.size, mtimeMs: st.mtimeMs, since: now, attempts: prev?.attempts ?? 0 });
        pending = true;
        continue;
      }
      if (now - prev.since < settleMs || (prev.retryAt !== undefined && now < prev.retryAt)) {
        pending = true;
        continue;
      }
      try {
        await handle(e.name, prev);
        seen.delete(e.name);
      } catch (error) {
        if (error instanceof ChangedWhileReadError) {
          // Still being written: read it again once it holds still (ingest is idempotent).
          seen.delete(e.name);
          pending = true;
          continue;
        }
        prev.attempts++;
        emit({ kind: 'failed', name: e.name, detail: error });
        if (prev.attempts >= maxAttempts) {
          const message = `${e.name} could not be read after ${prev.attempts} tries: ${error instanceof Error ? error.message : String(error)}`;
          await reject(e.name, [{ path: '$', field: '$', code: 'UNREADABLE', message }]).then(
            () => seen.delete(e.name),
            () => (prev.retryAt = Date.now() + retryMs),
          );
        } else {
          prev.retryAt = Date.now() + retryMs;
        }
      }
    }
    for (const name of seen.keys()) if (!present.has(name)) seen.delete(name);
    if (pending) schedule(settleMs);
  }

  function scan(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await scanOnce();
      } while (again && !closed);
    })().finally(() => (running = undefined));
    return running;
  }

  const ready = (async () => {
    await mkdir(options.dir, { recursive: true });
    if (closed) return;
    try {
      watcher = watch(options.dir, () => schedule(20));
      watcher.on('error', () => undefined);
    } catch {
      // Polling alone still works.
    }
    timer = setInterval(() => void scan(), pollMs);
    timer.unref();
    await scan();
  })();

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      if (soon) clearTimeout(soon);
      watcher?.close();
      await ready.catch(() => undefined);
      await running;
    },
  };
}
