// `nashra build --articles DIR --out DIR [--config FILE]`: reads every article file under DIR (recursively) and writes all feeds, archives, index.html and feed.css.
import { createReadStream, readdirSync, statSync, type Stats } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  omittedErrorsNote,
  readArticleStream,
  type Article,
  type ArticleError,
  type ArticleStreamReport,
} from '../../lambda/core/articles/index.ts';
import { articlesBaseUrlOf, type SiteConfig } from '../../lambda/core/config/index.ts';
import { feedKeysOf, isFeedPublished } from '../../lambda/core/feeds/index.ts';
import { FEED_SUMMARIES_PATH } from '../../lambda/core/site/feed-summaries-document.ts';
import { createSiteService } from '../../lambda/core/site/site-service.ts';
import { PublishError, type FeedPublisher } from '../../lambda/ports/feed-publisher.ts';
import { StoreError } from '../../lambda/ports/article-store.ts';
import { SpoolFileArticleStore } from '../../lambda/adapters/spool-file-article-store.ts';
import { FolderFeedPublisher } from '../../lambda/adapters/folder-feed-publisher.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import { CliError, describeFsError } from '../support/cli-error.ts';
import { EXIT, EXIT_STATUS_HELP } from '../support/exit-codes.ts';
import { parseCommandArgs } from '../support/parse-command-args.ts';
import { DEFAULT_CONFIG_FILE, readSiteConfig } from '../support/read-site-config.ts';

export const usage = `usage: nashra build --articles DIR [--articles DIR…] --out DIR [--config FILE] [--now ISO]

Reads every article file under DIR, recursively (.txt saved page text, .html saved pages, .json, .ndjson
or .jsonl; hidden files and folders are skipped), and writes into --out:
  feeds/<name>.rss|.atom|.json         every feed (all, per category, per source, per author)
  feeds/<name>/archive/<n>.<format>     RFC 5005 archive pages
  index.html, feed.css                  the feed list with autodiscovery links, and the feed stylesheet
Rejected articles are listed on stderr as "FILE: PATH: CODE: message"; feeds are still written from the
valid ones, and the exit status is then 1. Unchanged files are not rewritten (their headers are kept
in --out/.meta/, as the local server reads them). JSON and NDJSON files of any size are read as
streams: the size limit (1 MiB) is per article, and memory holds one feed window, not the articles or
their keys (the feed listings are sorted on disk, in the OS temp folder; about 30 bytes per article stay).

  --articles DIR   folder of article files (required; repeat to read several folders)
  --out DIR        output folder (required; created if missing)
  --config FILE    site config (default: ./nashra.config.json)
  --now ISO        clock reading for relative dates such as "منذ ساعتين" (default: the system clock)

${EXIT_STATUS_HELP}`;

const ARTICLE_EXTENSIONS = new Set(['.txt', '.json', '.ndjson', '.jsonl', '.html', '.htm']);

/** Every article file under `dir`, recursively, sorted by path so builds are reproducible. */
function articleFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && ARTICLE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(p);
    }
  };
  walk(dir);
  return out;
}

class Progress {
  readonly #tty = Boolean(process.stderr.isTTY);
  #last = 0;
  update(label: string, done: number, total: number): void {
    if (!this.#tty) return;
    const now = performance.now();
    if (done !== total && now - this.#last < 80) return;
    this.#last = now;
    process.stderr.write(`\r\x1b[2K${label} ${done}/${total}`);
  }
  clear(): void {
    if (this.#tty) process.stderr.write('\r\x1b[2K');
  }
}

/** `--out` must be a folder or not exist yet: a file there (or on the way there) stops the build before anything is read. */
function checkOutFolder(out: string): void {
  let dir = path.resolve(out);
  for (;;) {
    let st: Stats | undefined;
    try {
      st = statSync(dir);
    } catch (error) {
      // ENOENT: not there yet; ENOTDIR: a file further up, found on a later turn. Anything else is unusable.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new CliError(`cannot use --out ${out}: ${describeFsError(error)}`);
    }
    if (st) {
      if (st.isDirectory()) return;
      throw new CliError(
        dir === path.resolve(out) ? `--out ${out} is a file, not a folder` : `--out ${out}: ${dir} is a file, not a folder`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/** Runs `nashra build`; returns the exit status (0 ok, 1 some articles rejected, 2 usage or config error). */
export async function run(argv: string[]): Promise<number> {
  const started = performance.now();
  const { values } = parseCommandArgs(
    argv,
    { articles: { type: 'string', multiple: true }, out: { type: 'string' }, config: { type: 'string' }, now: { type: 'string' } },
    usage,
  );
  if (values.help) {
    process.stdout.write(usage);
    return EXIT.OK;
  }
  if (!values.articles?.length || !values.out) throw new CliError('--articles and --out are required', { hint: usage });
  for (const dir of values.articles) {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st) throw new CliError(`cannot read ${dir}: no such folder`);
    if (!st.isDirectory()) throw new CliError(`--articles ${dir} is a file, not a folder`);
  }
  checkOutFolder(values.out);
  const now = values.now ? new Date(values.now) : systemClock();
  if (Number.isNaN(now.getTime())) throw new CliError(`--now "${values.now}" is not an ISO date (e.g. 2026-01-01T00:00:00Z)`);
  const config = readSiteConfig(values.config ?? DEFAULT_CONFIG_FILE);
  const out = values.out;

  const progress = new Progress();
  // Names are shown relative to their --articles folder; several folders are read in the order given.
  const files = values.articles.flatMap((dir) => articleFilesUnder(dir).map((file) => ({ file, name: path.relative(dir, file) })));
  // The articles go to a throwaway store on disk, and the site is rendered from it feed by feed, as the cloud rebuild
  // does: memory holds one store page, one feed's current and archive page, and about 30 bytes per article (where its
  // line is in the store's spool file), never the whole archive or its keys: the feed listings are sorted on disk.
  const storeDir = await mkdtemp(path.join(os.tmpdir(), 'nashra-build-'));
  const store = new SpoolFileArticleStore({ directory: storeDir, clock: () => now });
  try {
    const read = await readInto(store, files, { config, now, progress }).catch((error: unknown) => {
      throw storeFailure(error);
    });
    const { warnings, rejected } = read;

    // The summaries document is bookkeeping for a long-running site; a build writes only what readers fetch.
    const folder = new FolderFeedPublisher({ root: out, durable: false });
    const expected = read.expectedDocuments(config);
    let documents = 0;
    let written = 0;
    const publisher: FeedPublisher = {
      async publish(doc) {
        if (doc.path === FEED_SUMMARIES_PATH) return { path: doc.path, written: false };
        progress.update('writing documents', documents, Math.max(expected, documents));
        const r = await folder.publish(doc).catch((cause: unknown) => {
          throw new OutWriteError(String(cause), { cause });
        });
        documents++;
        if (r.written) written++;
        return r;
      },
      remove: (p) =>
        folder.remove(p).catch((cause: unknown) => {
          throw new OutWriteError(String(cause), { cause });
        }),
    };
    const site = createSiteService({ store, publisher, config, clock: () => now, retainDocuments: false });
    let feeds: number;
    try {
      feeds = (await site.rebuildAll()).feeds;
    } catch (error) {
      progress.clear();
      if (!(error instanceof OutWriteError)) throw storeFailure(error);
      const cause = error.cause instanceof PublishError && error.cause.cause !== undefined ? error.cause.cause : error.cause;
      throw new CliError(`cannot write to ${out}: ${describeFsError(cause)}`);
    }
    progress.update('writing documents', documents, documents);
    progress.clear();

    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
    for (const e of rejected) process.stderr.write(`rejected: ${e.name}: ${e.path}: ${e.code}: ${e.message}\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    process.stderr.write(
      `nashra build: ${read.articles} articles read from ${files.length} files, ${rejected.length} rejected, ${feeds} feeds written ` +
        `(${documents} documents, ${written} changed) to ${out} in ${seconds} s\n`,
    );
    return rejected.length ? EXIT.REJECTED : EXIT.OK;
  } finally {
    await store.close();
    await rm(storeDir, { recursive: true, force: true });
  }
}

/**
 * Reads every file as a stream (any size: the limit is per article) into `store`. A later file's version of an id
 * wins, as it always has: the earlier one is deleted first, so the later one is stored as new (not stamped "updated"
 * by the store); the same version again is skipped. Keeps the member count of each feed (for the progress total), not
 * the articles; whether an id was read before is asked of the store, so no map of every id is kept here.
 */
async function readInto(
  store: SpoolFileArticleStore,
  files: Array<{ file: string; name: string }>,
  context: { config: SiteConfig; now: Date; progress: Progress },
) {
  const { config, now, progress } = context;
  let articles = 0;
  const feedCounts = new Map<string, number>();
  const count = (a: Article, by: number) => {
    for (const k of feedKeysOf(a)) if (isFeedPublished(config, k)) feedCounts.set(k, (feedCounts.get(k) ?? 0) + by);
  };
  const rejected: ArticleError[] = [];
  const warnings: string[] = [];
  const options = {
    timeZone: config.timeZone,
    now,
    baseUrl: articlesBaseUrlOf(config),
    ...(config.limits && { limits: config.limits }),
    ...(config.dateOrder && { dateOrder: config.dateOrder }),
  };
  for (const [i, { file, name }] of files.entries()) {
    progress.update('reading files', i, files.length);
    let report: ArticleStreamReport;
    try {
      report = await readArticleStream({ chunks: readChunks(file), name }, options, async ({ article }) => {
        const previous = await store.get(article.id);
        if (previous === undefined) articles++;
        else {
          if (previous.contentHash === article.contentHash) return;
          warnings.push(`${name}: duplicate id ${article.id}: the later file wins`);
          await store.delete(article.id);
          count(previous, -1);
        }
        count(article, 1);
        await store.put(article);
      });
    } catch (error) {
      if (error instanceof FileReadError) throw new CliError(`cannot read ${file}: ${describeFsError(error.cause)}`);
      throw error;
    }
    rejected.push(...report.errors.map((e) => ({ ...e, name })));
    if (report.omittedErrors > 0) warnings.push(`${name}: ${omittedErrorsNote(report.omittedErrors)}`);
  }
  progress.update('reading files', files.length, files.length);
  return {
    articles,
    rejected,
    warnings,
    /** Documents the render will publish: each article's page, 3 formats of each feed page, the index, feeds.opml and feed.css. */
    expectedDocuments(site: SiteConfig): number {
      let n = articles + 3;
      for (const members of feedCounts.values()) if (members > 0) n += 3 * (1 + Math.floor(members / site.archivePageSize));
      return n;
    },
  };
}

/** A failure of the temporary store (a full temp folder, say) as a CLI error; anything else as it is. */
function storeFailure(error: unknown): unknown {
  if (!(error instanceof StoreError)) return error;
  const cause = error.cause === undefined ? error : error.cause;
  return new CliError(`cannot write the build's temporary files (${os.tmpdir()}): ${describeFsError(cause)}`);
}

/** Writing into --out failed (as opposed to the temporary store). */
class OutWriteError extends Error {}

/** A file read failed (as opposed to a failure of the store or of the reader). */
class FileReadError extends Error {}

/** The file's bytes in chunks; an error reading it becomes a `FileReadError`. */
async function* readChunks(file: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(file);
  const it = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await it.next();
      } catch (cause) {
        throw new FileReadError(String(cause), { cause });
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    stream.destroy();
  }
}
