// The site config (nashra.config.json): zod schema, parser with path-listing errors, and its JSON Schema. Pure: no fs, no env.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships no messages; the English ones are those classic zod uses (one global setting, shared with it).
z.config(en());

/** Canonical zone names: a set lookup costs ≈2 ms at cold start, where the first `Intl.DateTimeFormat` costs ≈22 ms. */
let canonicalZones: Set<string> | undefined;

function isIanaZone(zone: string): boolean {
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(zone)) return true;
  // Aliases ("Asia/Riyadh" is canonical, "Asia/Calcutta" is not) and other spellings Intl accepts.
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

const httpUrl = () => z.string().check(z.regex(/^https?:\/\/[^\s/?#]+/i, 'must be an http:// or https:// URL'), z.url());

/** Which feeds the site publishes; each key kind is all-or-nothing, with optional titles per feed key. */
const feedSelectionSchema = z.strictObject({
  all: z._default(z.boolean(), true).check(z.describe('Publish the "all" feed.')),
  category: z._default(z.boolean(), true).check(z.describe('Publish one feed per category ("category:<slug>").')),
  source: z._default(z.boolean(), true).check(z.describe('Publish one feed per source ("source:<slug>").')),
  author: z._default(z.boolean(), true).check(z.describe('Publish one feed per author ("author:<slug>").')),
  titles: z
    ._default(
      z.record(
        z.string().check(z.regex(/^(all|(category|source|author):.+)$/, 'must be a feed key like "category:سياسة"')),
        z.string().check(z.minLength(1)),
      ),
      {},
    )
    .check(z.describe('Optional title per feed key; others get "<site title> — <name>".')),
});

const wholeNumber = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

/** Bounds on ingest (`lambda/core/articles/article-limits.ts` holds the defaults). */
const articleLimitsSchema = z.strictObject({
  reportedErrors: z
    .optional(wholeNumber(1, 10_000))
    .check(z.describe('Errors listed in one ingest report; the rest are counted (omittedErrors). Default 100.')),
  jsonDepth: z.optional(wholeNumber(3, 1000)).check(z.describe('Deepest JSON nesting of one article. Default 64.')),
  categoriesPerArticle: z.optional(wholeNumber(1, 100)).check(z.describe('Categories one article may carry. Default 20.')),
  authorsPerArticle: z.optional(wholeNumber(1, 100)).check(z.describe('Authors one article may carry. Default 20.')),
  minYear: z.optional(wholeNumber(1, 9999)).check(z.describe('Earliest publication year accepted. Default 1900.')),
  yearsAhead: z
    .optional(wholeNumber(0, 100))
    .check(z.describe("Latest publication year accepted, in years after the clock's year. Default 1.")),
});

/**
 * The zod schema of `nashra.config.json`; `schemas/site-config.schema.json` is generated from it. Written with
 * `zod/mini` (same validation and messages as classic zod): the Lambda handlers validate the bundled config at cold
 * start, and zod/mini costs a few ms there where classic zod cost about 60 (bench/cold-start.bench.ts).
 */
const siteConfigSchema = z
  .strictObject({
    $schema: z.optional(z.string()).check(z.describe('Path or URL of the JSON Schema, for editors.')),
    '//': z
      .optional(z.union([z.string(), z.array(z.string())]))
      .check(z.describe('A comment for people (JSON has none): a string or a list of lines. Ignored by nashra.')),
    title: z.string().check(z.minLength(1), z.describe('Site title, used as the "all" feed title.')),
    description: z.string().check(z.minLength(1), z.describe('Site description (RSS <description>, Atom <subtitle>).')),
    baseUrl: httpUrl().check(z.describe('Public base URL the feeds are served under, e.g. "https://news.example/".')),
    language: z
      ._default(z.string().check(z.refine(isLanguageTag, { message: 'must be a BCP 47 language tag such as "ar" or "ar-EG"' })), 'ar')
      .check(z.describe('Feed language (RSS <language>, Atom xml:lang, JSON Feed language).')),
    timeZone: z
      .string()
      .check(
        z.refine(isIanaZone, { message: 'must be an IANA time zone such as "Asia/Riyadh"' }),
        z.describe('Default IANA zone that article dates are read in.'),
      ),
    dateOrder: z
      .optional(z.enum(['dmy', 'mdy', 'ymd']))
      .check(
        z.describe(
          'Order of all-numeric article dates whose day and month can be swapped ("04/05/2021"): "dmy" (4 May), "mdy" (5 April) or "ymd". Unset: such a date is refused as ambiguous; a date with one reading ("27/03/2021") is always read.',
        ),
      ),
    itemLimit: z._default(wholeNumber(1, 10_000), 50).check(z.describe('Items in each current feed (the newest N).')),
    archivePageSize: z
      ._default(wholeNumber(1, 10_000), 50)
      .check(z.describe('Items per RFC 5005 archive page; must not exceed itemLimit.')),
    feedByteBudget: z
      ._default(wholeNumber(100_000, 1_000_000_000), 5_000_000)
      .check(
        z.describe(
          'Bytes one feed document may hold, about: each item may carry itemLimit-th of it as full content; a larger item carries its summary and a link.',
        ),
      ),
    ttl: z._default(wholeNumber(1, 10_080), 5).check(z.describe('Minutes a reader may cache a feed (RSS <ttl>).')),
    maxAge: z.optional(wholeNumber(0, 31_536_000)).check(z.describe('Seconds for Cache-Control max-age; defaults to ttl × 60.')),
    hub: z.optional(httpUrl()).check(z.describe('WebSub hub URL, advertised with rel="hub".')),
    image: z
      .optional(httpUrl())
      .check(z.describe('Channel image / icon URL: RSS <image>, Atom <icon> and <logo>, JSON Feed icon and favicon, the index page icon.')),
    author: z
      .optional(z.string().check(z.minLength(1)))
      .check(z.describe('Feed-level author name (Atom requires one); defaults to the title.')),
    feeds: z._default(feedSelectionSchema, { all: true, category: true, source: true, author: true, titles: {} }),
    limits: z.optional(articleLimitsSchema).check(z.describe('What one article and one ingest body may hold; each field has a default.')),
  })
  .check(
    z.superRefine((c, ctx) => {
      if (c.archivePageSize > c.itemLimit) {
        ctx.addIssue({
          code: 'custom',
          path: ['archivePageSize'],
          message: `must not exceed itemLimit (${c.itemLimit}), or the newest partial archive page would not be covered by the current feed`,
        });
      }
    }),
  );

/** A validated site config; `baseUrl` always ends with "/". */
export type SiteConfig = Omit<z.output<typeof siteConfigSchema>, '$schema' | '//'>;

/** One problem found in a site config. */
export interface ConfigIssue {
  /** JSON path, e.g. "$.feeds.titles" or "$". */
  path: string;
  message: string;
}

/** Thrown by `parseSiteConfig`; `issues` lists every problem, each with its path. */
export class ConfigError extends Error {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super(`invalid site config:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, p) =>
      typeof p === 'number'
        ? `${acc}[${p}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(p))
          ? `${acc}.${String(p)}`
          : `${acc}[${JSON.stringify(String(p))}]`,
    '$',
  );
}

/**
 * Validates a parsed `nashra.config.json` and fills defaults; `$schema` and the `"//"` comment key are dropped.
 * Throws `ConfigError` listing every problem with its path.
 *
 * @example
 * parseSiteConfig({ title: 'نشرة', description: 'أخبار', baseUrl: 'https://news.example', timeZone: 'Asia/Riyadh' }).baseUrl
 * //=> 'https://news.example/'
 */
export function parseSiteConfig(value: unknown): SiteConfig {
  const r = siteConfigSchema.safeParse(value);
  if (!r.success) {
    throw new ConfigError(r.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })));
  }
  const { $schema: _schema, '//': _comment, ...config } = r.data;
  // URLs are stored in their WHATWG-serialized form (percent-encoded), so every format can emit them as is.
  const baseUrl = new URL(config.baseUrl).href;
  return {
    ...config,
    baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`,
    ...(config.hub !== undefined ? { hub: new URL(config.hub).href } : {}),
  };
}

/**
 * The JSON Schema (draft 2020-12) of the config's input form, generated from `siteConfigSchema`.
 *
 * @example
 * siteConfigJsonSchema().required //=> ['title', 'description', 'baseUrl', 'timeZone']
 */
export function siteConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(siteConfigSchema, { io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://nashra.dev/schemas/site-config.schema.json',
    title: 'nashra site config',
    ...schema,
  };
}
