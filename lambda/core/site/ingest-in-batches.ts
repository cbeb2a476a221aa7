// Ingests a JSON array or NDJSON stream of any size as a run of small bodies of the same format (the limit is per article), with errors at their place in the file. Pure: ports only.
import type { ArticleError } from '../articles/article-error.ts';
import { pushCappedErrors } from '../articles/cap-errors.ts';
import { notJsonError, splitArticleElements } from '../articles/split-article-elements.ts';
import type { IngestInput } from './store-articles.ts';

/** What one batch's ingest must say: the (capped) errors of its rejected articles, with paths into the batch. */
export interface BatchOutcome {
  errors: ArticleError[];
  omittedErrors?: number;
  rejectedArticles?: number;
}

export interface IngestInBatchesOptions<R extends BatchOutcome> {
  /** The file or object name: in errors, and given to `ingest`. */
  name: string;
  format: 'json' | 'ndjson';
  /** Largest batch body, and so largest article, in bytes (the ingest's body limit). */
  maxBatchBytes: number;
  /** Most articles in one batch. Default 250. */
  maxBatchArticles?: number;
  /** Errors listed in the report; the rest are counted. Default 100. */
  reportedErrors?: number;
  /** Elements before this index were stored by an earlier try: they are skipped (split, not read). Default 0. */
  startAt?: number;
  /** Stores one batch (a body in the file's own format: a JSON array, or NDJSON). A throw stops the run (a storage failure: the caller retries the file). */
  ingest(input: IngestInput): Promise<R>;
  /** After each batch: its outcome and the position in the file of each of its lines. */
  onBatch?(outcome: R, indices: readonly number[]): void | Promise<void>;
  /** Asked before each batch is sent: false stops the run there (a time budget); `nextIndex` says where. */
  canContinue?(): boolean;
}

export interface BatchedIngestReport {
  /** The first `reportedErrors` errors, with paths into the file ("$[4812].published"). */
  errors: ArticleError[];
  omittedErrors: number;
  rejectedArticles: number;
  /** Articles sent to `ingest` in this run (valid or not). */
  sent: number;
  batches: number;
  /** False when `canContinue` stopped the run; the file is then not finished. */
  done: boolean;
  /** The first element not sent yet (when not done: where the next try starts). */
  nextIndex: number;
}

/** "$[3].title" in a batch → "$[4812].title" in the file. */
function remapPath(path: string, indices: readonly number[]): string {
  const m = /^\$\[(\d+)\]/.exec(path);
  if (!m) return path;
  const at = indices[Number(m[1])];
  return at === undefined ? path : `$[${at}]${path.slice(m[0].length)}`;
}

/**
 * Splits the stream into articles and sends them to `ingest` in bodies of the file's format (a JSON array, or NDJSON) of at most `maxBatchBytes` and
 * `maxBatchArticles`, so memory holds one batch whatever the file's size. Elements that cannot be an article (over
 * the limit, not JSON, not UTF-8, the unfinished tail of a file cut short) are rejected here with their index; the
 * batch's own errors come back with their paths moved to the element's place in the file.
 *
 * @example
 * await ingestInBatches(createReadStream('export.json'), { name: 'export.json', format: 'json', maxBatchBytes: 1_048_576, ingest: (input) => site.ingest(input) })
 * //=> { errors: [], omittedErrors: 0, rejectedArticles: 0, sent: 5000, batches: 20, done: true, nextIndex: 5000 }
 */
export async function ingestInBatches<R extends BatchOutcome>(
  chunks: AsyncIterable<Uint8Array>,
  options: IngestInBatchesOptions<R>,
): Promise<BatchedIngestReport> {
  const maxArticles = options.maxBatchArticles ?? 250;
  const maxErrors = options.reportedErrors ?? 100;
  const startAt = options.startAt ?? 0;
  const report: BatchedIngestReport = {
    errors: [],
    omittedErrors: 0,
    rejectedArticles: 0,
    sent: 0,
    batches: 0,
    done: true,
    nextIndex: startAt,
  };
  const named = (e: ArticleError): ArticleError => ({ ...e, name: options.name });
  let lines: string[] = [];
  let indices: number[] = [];
  /** A batch's body is in the file's format: "[a,b]" (2 bytes of brackets) or "a\nb". */
  const empty = options.format === 'json' ? 2 : 0;
  let bytes = empty;

  /** Sends the batch; false when the budget says stop (nothing sent). */
  const send = async (): Promise<boolean> => {
    if (lines.length === 0) return true;
    if (options.canContinue && !options.canContinue()) {
      report.done = false;
      report.nextIndex = indices[0] as number;
      return false;
    }
    const body = options.format === 'json' ? `[${lines.join(',')}]` : lines.join('\n');
    const at = indices;
    lines = [];
    indices = [];
    bytes = empty;
    const outcome = await options.ingest({ body, format: options.format, name: options.name });
    report.batches++;
    report.sent += at.length;
    report.nextIndex = (at[at.length - 1] as number) + 1;
    const remapped = outcome.errors.map((e) => named({ ...e, path: remapPath(e.path, at) }));
    const room = Math.max(0, maxErrors - report.errors.length);
    report.errors.push(...remapped.slice(0, room));
    report.omittedErrors += (outcome.omittedErrors ?? 0) + Math.max(0, remapped.length - room);
    report.rejectedArticles += outcome.rejectedArticles ?? (outcome.errors.length > 0 ? 1 : 0);
    await options.onBatch?.(outcome, at);
    return true;
  };

  for await (const element of splitArticleElements(chunks, { format: options.format, maxElementBytes: options.maxBatchBytes - empty })) {
    if (element.index < startAt) continue;
    if ('error' in element) {
      pushCappedErrors(report, [named(element.error)], maxErrors);
      continue;
    }
    // Parsed here too, so a broken element is named by its place in the file (not its line in a batch).
    let value: unknown;
    try {
      value = JSON.parse(element.text);
    } catch (e) {
      pushCappedErrors(report, [named(notJsonError(element, options.format, (e as Error).message))], maxErrors);
      continue;
    }
    let line = element.text.trim();
    let size = element.bytes;
    if (/[\r\n]/.test(line)) {
      // A pretty-printed element: one line of NDJSON holds the same value, so the same article.
      line = JSON.stringify(value);
      size = new TextEncoder().encode(line).byteLength;
      if (size + empty > options.maxBatchBytes) {
        const message = `element ${element.index} is ${size} bytes on one line, over the limit of ${options.maxBatchBytes - empty} bytes for one article`;
        pushCappedErrors(report, [named({ path: element.path, field: '', code: 'TOO_LARGE', message })], maxErrors);
        continue;
      }
    }
    if (lines.length > 0 && (bytes + 1 + size > options.maxBatchBytes || lines.length >= maxArticles)) {
      if (!(await send())) return report;
    }
    lines.push(line);
    indices.push(element.index);
    bytes += size + (lines.length > 1 ? 1 : 0);
  }
  if (!(await send())) return report;
  // Every element was read: the next try (if any) has nothing left to send.
  return report;
}
