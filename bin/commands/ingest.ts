// `nashra ingest FILE…`: reads article files (page text, JSON, NDJSON, or - for stdin) and prints the normalized articles as JSON.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { articleInputJsonSchema } from '../../lambda/core/articles/article-input-json-schema.ts';
import { omittedErrorsNote, parseArticlesAsync, type Article, type ArticleInputFormat } from '../../lambda/core/articles/index.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import { isKnownTimeZone } from '../../lambda/core/dates/index.ts';
import { articlesBaseUrlOf } from '../../lambda/core/config/index.ts';

const USAGE = `usage: nashra ingest FILE… [--tz ZONE] [--base-url URL] [--format json|ndjson|text|html] [--max-bytes N] [--now ISO]
       nashra ingest --json-schema

Reads articles from .html/.htm (saved pages), .txt (saved page text), .json (an object or an array) and .ndjson
files, or - for stdin,
and prints the normalized articles as JSON on stdout (one object for one article, else an array).
Errors and warnings go to stderr as "FILE: PATH: CODE: message". Exit status 1 when any input was rejected.

  --tz ZONE        IANA zone dates are read in (default: timeZone in ./nashra.config.json, else UTC)
  --base-url URL   page texts without a "url:" header get URL + the file's base name
                   (default: baseUrl in ./nashra.config.json + "articles/", else http://localhost/articles/)
  --format F       force the input format (default: from the extension, else from the content)
  --max-bytes N    reject inputs larger than N bytes (default 1048576)
  --now ISO        the clock reading for relative dates (default: the system clock)
  --json-schema    print the JSON Schema of the article input and exit
`;

/** Runs `nashra ingest`; returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        tz: { type: 'string' },
        'base-url': { type: 'string' },
        format: { type: 'string' },
        'max-bytes': { type: 'string' },
        now: { type: 'string' },
        'json-schema': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`nashra ingest: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values['json-schema']) {
    process.stdout.write(`${JSON.stringify(articleInputJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`nashra ingest: give at least one FILE (or - for stdin)\n\n${USAGE}`);
    return 2;
  }
  const format = values.format as ArticleInputFormat | undefined;
  if (format !== undefined && !['json', 'ndjson', 'text', 'html'].includes(format)) {
    process.stderr.write(`nashra ingest: --format must be json, ndjson, text or html, not "${format}"\n`);
    return 2;
  }
  const maxBodyBytes = values['max-bytes'] !== undefined ? Number(values['max-bytes']) : undefined;
  if (maxBodyBytes !== undefined && !(Number.isInteger(maxBodyBytes) && maxBodyBytes > 0)) {
    process.stderr.write(`nashra ingest: --max-bytes must be a positive whole number\n`);
    return 2;
  }
  const now = values.now !== undefined ? new Date(values.now) : systemClock();
  if (Number.isNaN(now.getTime())) {
    process.stderr.write(`nashra ingest: --now must be an ISO date-time, e.g. 2026-01-01T00:00:00Z\n`);
    return 2;
  }
  const config = readLocalConfig();
  const timeZone = values.tz ?? config.timeZone ?? 'UTC';
  if (!isKnownTimeZone(timeZone)) {
    process.stderr.write(`nashra ingest: "${timeZone}" is not an IANA time zone (e.g. Asia/Riyadh)\n`);
    return 2;
  }
  const baseUrl = values['base-url'] ?? articlesBaseUrlOf({ baseUrl: config.baseUrl ?? 'http://localhost/' });

  const articles: Article[] = [];
  let rejected = false;
  for (const file of positionals) {
    const name = file === '-' ? '<stdin>' : file;
    let body: Uint8Array;
    try {
      body = file === '-' ? await readStdin() : new Uint8Array(readFileSync(file));
    } catch (e) {
      process.stderr.write(`${name}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      rejected = true;
      continue;
    }
    const report = await parseArticlesAsync(
      { body, ...(format && { format }), ...(file !== '-' && { name: file }) },
      { timeZone, now, baseUrl, ...(maxBodyBytes !== undefined && { maxBodyBytes }) },
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
  return rejected ? 1 : 0;
}

/** `timeZone` and `baseUrl` from ./nashra.config.json when it is there (only these two strings are read). */
function readLocalConfig(): { timeZone?: string; baseUrl?: string } {
  const file = path.resolve('nashra.config.json');
  if (!existsSync(file)) return {};
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return {
      ...(typeof value.timeZone === 'string' && { timeZone: value.timeZone }),
      ...(typeof value.baseUrl === 'string' && { baseUrl: value.baseUrl }),
    };
  } catch {
    return {};
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
