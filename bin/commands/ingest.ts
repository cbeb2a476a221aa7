// `nashra ingest FILE…`: reads article files (page text, JSON, NDJSON, or - for stdin) and prints the normalized articles as JSON.
import { existsSync, readFileSync } from 'node:fs';
import { articleInputJsonSchema } from '../../lambda/core/articles/article-input-json-schema.ts';
import { omittedErrorsNote, parseArticlesAsync, type Article, type ArticleInputFormat } from '../../lambda/core/articles/index.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import { isKnownTimeZone } from '../../lambda/core/dates/index.ts';
import { articlesBaseUrlOf, type SiteConfig } from '../../lambda/core/config/index.ts';
import { CliError, describeFsError } from '../support/cli-error.ts';
import { EXIT, EXIT_STATUS_HELP } from '../support/exit-codes.ts';
import { parseCommandArgs } from '../support/parse-command-args.ts';
import { DEFAULT_CONFIG_FILE, readSiteConfig } from '../support/read-site-config.ts';

export const usage = `usage: nashra ingest FILE… [--config FILE] [--tz ZONE] [--base-url URL] [--format json|ndjson|text|html] [--max-bytes N] [--now ISO]
       nashra ingest --json-schema

Reads articles from .html/.htm (saved pages), .txt (saved page text), .json (an object or an array) and .ndjson
files, or - for stdin,
and prints the normalized articles as JSON on stdout (one object for one article, else an array).
Errors and warnings go to stderr as "FILE: PATH: CODE: message". Exit status 1 when any article was rejected
(the valid ones are still printed); a FILE that cannot be read is exit status 2 and nothing is printed.

  --config FILE    site config for the defaults below (default: ./nashra.config.json when it is there)
  --tz ZONE        IANA zone dates are read in (default: timeZone in the site config, else UTC)
  --base-url URL   page texts without a "url:" header get URL + the file's base name
                   (default: baseUrl in the site config + "articles/", else http://localhost/articles/)
  --format F       force the input format (default: from the extension, else from the content)
  --max-bytes N    reject inputs larger than N bytes (default 1048576)
  --now ISO        the clock reading for relative dates (default: the system clock)
  --json-schema    print the JSON Schema of the article input and exit

${EXIT_STATUS_HELP}`;

/** Runs `nashra ingest`; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      config: { type: 'string' },
      tz: { type: 'string' },
      'base-url': { type: 'string' },
      format: { type: 'string' },
      'max-bytes': { type: 'string' },
      now: { type: 'string' },
      'json-schema': { type: 'boolean' },
    },
    usage,
    true,
  );
  if (values.help) {
    process.stdout.write(usage);
    return EXIT.OK;
  }
  if (values['json-schema']) {
    process.stdout.write(`${JSON.stringify(articleInputJsonSchema(), null, 2)}\n`);
    return EXIT.OK;
  }
  if (positionals.length === 0) throw new CliError('give at least one FILE (or - for stdin)', { hint: usage });
  const format = values.format as ArticleInputFormat | undefined;
  if (format !== undefined && !['json', 'ndjson', 'text', 'html'].includes(format)) {
    throw new CliError(`--format must be json, ndjson, text or html, not "${format}"`);
  }
  const maxBodyBytes = values['max-bytes'] !== undefined ? Number(values['max-bytes']) : undefined;
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    throw new CliError('--max-bytes must be a positive whole number');
  }
  const now = values.now !== undefined ? new Date(values.now) : systemClock();
  if (Number.isNaN(now.getTime())) throw new CliError('--now must be an ISO date-time, e.g. 2026-01-01T00:00:00Z');
  // The site config is optional here: an explicit --config must be readable, ./nashra.config.json is used when present.
  const config: Partial<SiteConfig> =
    values.config !== undefined
      ? readSiteConfig(values.config)
      : existsSync(DEFAULT_CONFIG_FILE)
        ? readSiteConfig(DEFAULT_CONFIG_FILE)
        : {};
  const timeZone = values.tz ?? config.timeZone ?? 'UTC';
  if (!isKnownTimeZone(timeZone)) throw new CliError(`"${timeZone}" is not an IANA time zone (e.g. Asia/Riyadh)`);
  const baseUrl = values['base-url'] ?? articlesBaseUrlOf({ baseUrl: config.baseUrl ?? 'http://localhost/' });

  // Every file is read before any is parsed: a missing one stops the run with nothing printed, not an empty result.
  const inputs: Array<{ file: string; body: Uint8Array }> = [];
  for (const file of positionals) {
    try {
      inputs.push({ file, body: file === '-' ? await readStdin() : new Uint8Array(readFileSync(file)) });
    } catch (error) {
      throw new CliError(`cannot read ${file === '-' ? 'stdin' : file}: ${describeFsError(error)}`);
    }
  }

  const articles: Article[] = [];
  let rejected = false;
  for (const { file, body } of inputs) {
    const name = file === '-' ? '<stdin>' : file;
    const report = await parseArticlesAsync(
      { body, ...(format && { format }), ...(file !== '-' && { name: file }) },
      {
        timeZone,
        now,
        baseUrl,
        ...(maxBodyBytes !== undefined && { maxBodyBytes }),
        ...(config.dateOrder && { dateOrder: config.dateOrder }),
      },
    );
    for (const e of report.errors) process.stderr.write(`${name}: ${e.path}: ${e.code}: ${e.message}\n`);
    if (report.omittedErrors > 0) process.stderr.write(`${name}: ${omittedErrorsNote(report.omittedErrors)}\n`);
    for (const { warnings, from } of report.articles) {
      for (const w of warnings) process.stderr.write(`${name}: warning: ${w.path}: ${w.code}: ${w.message}\n`);
      if (from) {
        const sources = Object.entries(from).map(([field, source]) => `${field}=${source}`);
        process.stderr.write(`${name}: read from: ${sources.join(' ')}\n`);
      }
    }
    if (report.errors.length > 0) rejected = true;
    articles.push(...report.articles.map((a) => a.article));
  }
  const out = articles.length === 1 && positionals.length === 1 ? articles[0] : articles;
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return rejected ? EXIT.REJECTED : EXIT.OK;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
