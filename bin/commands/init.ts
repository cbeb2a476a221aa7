// `nashra init`: writes a commented nashra.config.json in the current folder, so build and serve run there with defaults.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseSiteConfig } from '../../lambda/core/config/index.ts';
import { isKnownTimeZone } from '../../lambda/core/dates/index.ts';
import { CliError, describeFsError } from '../support/cli-error.ts';
import { EXIT, EXIT_STATUS_HELP } from '../support/exit-codes.ts';
import { packageRoot } from '../support/package-root.ts';
import { parseCommandArgs } from '../support/parse-command-args.ts';
import { DEFAULT_CONFIG_FILE } from '../support/read-site-config.ts';

export const usage = `usage: nashra init [--title TEXT] [--base-url URL] [--tz ZONE] [--force]

Writes ./nashra.config.json: the site config every other command reads, with each setting explained in its
"//" key (JSON has no comments; nashra ignores "//") and a "$schema" for editors. Then, in this folder:
  nashra serve                                     serve the sample articles on http://127.0.0.1:3000/
  nashra build --articles DIR --out site           write every feed from your article files

  --title TEXT     site title (default "نشرة")
  --base-url URL   public URL the feeds will be served under (default http://localhost:3000/)
  --tz ZONE        IANA zone article dates are read in when they name none (default Asia/Riyadh)
  --force          replace an existing nashra.config.json

${EXIT_STATUS_HELP}`;

const COMMENT = [
  'nashra site config. Keys named "//" are comments; nashra ignores them. Every key: docs/cli.md and the $schema.',
  'title, description: the site name and summary, used by the "all" feed and the index page.',
  'baseUrl: the public URL of the feeds; nashra serve uses its own address while this is localhost or *.example.',
  'language: BCP 47 tag of the feeds (ar, ar-EG, …). timeZone: IANA zone dates are read in when they name none.',
  'itemLimit: items in each feed (the newest); archivePageSize: items per archive page (at most itemLimit).',
  'ttl: minutes a reader may cache a feed. Optional: maxAge (seconds, Cache-Control), hub (WebSub URL), author.',
  'feeds: which feeds exist besides "all": one per category, per source, per author; titles: a title per feed key.',
];

/**
 * The text of a new nashra.config.json (valid: it passes the same reader every command uses).
 *
 * @example
 * JSON.parse(configText({ title: 'نشرة', baseUrl: 'http://localhost:3000/', timeZone: 'Asia/Riyadh', schema: 'schema.json' })).timeZone
 * //=> 'Asia/Riyadh'
 */
export function configText(o: { title: string; baseUrl: string; timeZone: string; schema: string }): string {
  const config = {
    $schema: o.schema,
    '//': COMMENT,
    title: o.title,
    description: `${o.title}: آخر الأخبار`,
    baseUrl: o.baseUrl,
    language: 'ar',
    timeZone: o.timeZone,
    itemLimit: 50,
    archivePageSize: 50,
    ttl: 5,
    feeds: { all: true, category: true, source: true, author: true, titles: {} },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Runs `nashra init`; returns the exit status (2 when the file exists without --force, or an option is invalid). */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(
    argv,
    { title: { type: 'string' }, 'base-url': { type: 'string' }, tz: { type: 'string' }, force: { type: 'boolean' } },
    usage,
  );
  if (values.help) {
    process.stdout.write(usage);
    return EXIT.OK;
  }
  const timeZone = values.tz ?? 'Asia/Riyadh';
  if (!isKnownTimeZone(timeZone)) throw new CliError(`--tz "${timeZone}" is not an IANA time zone (e.g. Asia/Riyadh)`);
  const file = path.resolve(DEFAULT_CONFIG_FILE);
  // The schema by a path relative to this folder, so an editor finds it wherever nashra is installed.
  const schema = path
    .relative(process.cwd(), path.join(packageRoot(), 'schemas', 'site-config.schema.json'))
    .split(path.sep)
    .join('/');
  const text = configText({ title: values.title ?? 'نشرة', baseUrl: values['base-url'] ?? 'http://localhost:3000/', timeZone, schema });
  try {
    parseSiteConfig(JSON.parse(text));
  } catch (error) {
    throw new CliError((error as Error).message.replace('invalid site config', 'these options make an invalid site config'));
  }
  try {
    writeFileSync(file, text, { flag: values.force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(`${DEFAULT_CONFIG_FILE} already exists here: edit it, or run "nashra init --force" to replace it`);
    }
    throw new CliError(`cannot write ${file}: ${describeFsError(error)}`);
  }
  process.stdout.write(
    `wrote ${file}\nnext: "nashra serve" serves the sample articles; "nashra build --articles DIR --out site" writes the feeds of yours.\n`,
  );
  return EXIT.OK;
}
