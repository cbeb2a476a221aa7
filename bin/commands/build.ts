// `nashra build --articles DIR --out DIR [--config FILE]`: reads every article file under DIR (recursively) and writes all feeds, archives, index.html and feed.css.
import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { omittedErrorsNote, parseArticlesAsync, type Article, type ArticleError } from '../../lambda/core/articles/index.ts';
import { articlesBaseUrlOf } from '../../lambda/core/config/index.ts';
import { renderSiteDocuments } from '../../lambda/core/feeds/index.ts';
import { FolderFeedPublisher } from '../../lambda/adapters/folder-feed-publisher.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import { CliError, describeFsError } from '../support/cli-error.ts';
import { EXIT, EXIT_STATUS_HELP } from '../support/exit-codes.ts';
import { parseCommandArgs } from '../support/parse-command-args.ts';
import { DEFAULT_CONFIG_FILE, readSiteConfig } from '../support/read-site-config.ts';

export const usage = `usage: nashra build --articles DIR [--articles DIR…] --out DIR [--config FILE] [--now ISO]

Reads every article file under DIR, recursively (.txt saved page text, .json, .ndjson; hidden files and
folders are skipped), and writes into --out:
  feeds/<name>.rss|.atom|.json         every feed (all, per category, per source, per author)
  feeds/<name>/archive/<n>.<format>     RFC 5005 archive pages
  index.html, feed.css                  the feed list with autodiscovery links, and the feed stylesheet
Rejected articles are listed on stderr as "FILE: PATH: CODE: message"; feeds are still written from the
valid ones, and the exit status is then 1. Unchanged files are not rewritten (their headers are kept
in --out/.meta/, as the local server reads them).

  --articles DIR   folder of article files (required; repeat to read several folders)
  --out DIR        output folder (required; created if missing)
  --config FILE    site config (default: ./nashra.config.json)
  --now ISO        clock reading for relative dates such as "منذ ساعتين" (default: the system clock)

${EXIT_STATUS_HELP}`;

const ARTICLE_EXTENSIONS = new Set(['.txt', '.json', '.ndjson', '.html', '.htm']);

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
  const byId = new Map<string, Article>();
  const rejected: ArticleError[] = [];
  const warnings: string[] = [];
  for (const [i, { file, name }] of files.entries()) {
    progress.update('reading files', i, files.length);
    const report = await parseArticlesAsync(
      { body: readFileSync(file), name },
      {
        timeZone: config.timeZone,
        now,
        baseUrl: articlesBaseUrlOf(config),
        ...(config.limits && { limits: config.limits }),
        ...(config.dateOrder && { dateOrder: config.dateOrder }),
      },
    );
    rejected.push(...report.errors.map((e) => ({ ...e, name })));
    if (report.omittedErrors > 0) warnings.push(`${name}: ${omittedErrorsNote(report.omittedErrors)}`);
    for (const { article } of report.articles) {
      const seen = byId.get(article.id);
      if (seen && seen.contentHash !== article.contentHash) warnings.push(`${name}: duplicate id ${article.id}: the later file wins`);
      byId.set(article.id, article);
    }
  }
  progress.update('reading files', files.length, files.length);

  const articles = [...byId.values()];
  const { documents, feeds } = renderSiteDocuments(config, articles);
  // FolderFeedPublisher (helper D's adapter): atomic writes, a .meta/ sidecar with the headers, unchanged hashes skipped.
  // No fsync per file: a build is re-runnable, so speed wins over durability here.
  const publisher = new FolderFeedPublisher({ root: out, durable: false });
  let written = 0;
  try {
    for (const [i, doc] of documents.entries()) {
      progress.update('writing documents', i, documents.length);
      if ((await publisher.publish(doc)).written) written++;
    }
  } catch (error) {
    progress.clear();
    throw new CliError(`cannot write to ${out}: ${describeFsError(error)}`);
  }
  progress.update('writing documents', documents.length, documents.length);
  progress.clear();

  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  for (const e of rejected) process.stderr.write(`rejected: ${e.name}: ${e.path}: ${e.code}: ${e.message}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stderr.write(
    `nashra build: ${articles.length} articles read from ${files.length} files, ${rejected.length} rejected, ${feeds.length} feeds written ` +
      `(${documents.length} documents, ${written} changed) to ${out} in ${seconds} s\n`,
  );
  return rejected.length ? EXIT.REJECTED : EXIT.OK;
}
