// The site config (nashra.config.json): zod schema, parser with path-listing errors, and its JSON Schema. Pure: no fs, no env.
import { z } from 'zod';

function isIanaZone(zone: string): boolean {
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

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/?#]+/i, 'must be an http:// or https:// URL')
  .url();

/** Which feeds the site publishes; each key kind is all-or-nothing, with optional titles per feed key. */
export const feedSelectionSchema = z
  .object({
    all: z.boolean().default(true).describe('Publish the "all" feed.'),
    category: z.boolean().default(true).describe('Publish one feed per category ("category:<slug>").'),
    source: z.boolean().default(true).describe('Publish one feed per source ("source:<slug>").'),
    author: z.boolean().default(true).describe('Publish one feed per author ("author:<slug>").'),
    titles: z
      .record(z.string().regex(/^(all|(category|source|author):.+)$/, 'must be a feed key like "category:سياسة"'), z.string().min(1))
      .default({})
      .describe('Optional title per feed key; others get "<site title> — <name>".'),
  })
  .strict();

/** The zod schema of `nashra.config.json`; `schemas/site-config.schema.json` is generated from it. */
export const siteConfigSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    title: z.string().min(1).describe('Site title, used as the "all" feed title.'),
    description: z.string().min(1).describe('Site description (RSS <description>, Atom <subtitle>).'),
    baseUrl: httpUrl.describe('Public base URL the feeds are served under, e.g. "https://news.example/".'),
    language: z
      .string()
      .refine(isLanguageTag, { message: 'must be a BCP 47 language tag such as "ar" or "ar-EG"' })
      .default('ar')
      .describe('Feed language (RSS <language>, Atom xml:lang, JSON Feed language).'),
    timeZone: z
      .string()
      .refine(isIanaZone, { message: 'must be an IANA time zone such as "Asia/Riyadh"' })
      .describe('Default IANA zone that article dates are read in.'),
    itemLimit: z.number().int().min(1).max(10_000).default(50).describe('Items in each current feed (the newest N).'),
    archivePageSize: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(50)
      .describe('Items per RFC 5005 archive page; must not exceed itemLimit.'),
    ttl: z.number().int().min(1).max(10_080).default(5).describe('Minutes a reader may cache a feed (RSS <ttl>).'),
    maxAge: z
      .number()
      .int()
      .min(0)
      .max(31_536_000)
      .optional()
      .describe('Seconds for Cache-Control max-age; defaults to ttl × 60.'),
    hub: httpUrl.optional().describe('WebSub hub URL, advertised with rel="hub".'),
    author: z.string().min(1).optional().describe('Feed-level author name (Atom requires one); defaults to the title.'),
    feeds: feedSelectionSchema.default({ all: true, category: true, source: true, author: true, titles: {} }),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.archivePageSize > c.itemLimit) {
      ctx.addIssue({
        code: 'custom',
        path: ['archivePageSize'],
        message: `must not exceed itemLimit (${c.itemLimit}), or the newest partial archive page would not be covered by the current feed`,
      });
    }
  });

/** A validated site config; `baseUrl` always ends with "/". */
export type SiteConfig = Omit<z.output<typeof siteConfigSchema>, '$schema'>;

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
    (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `${acc}.${String(p)}` : `${acc}[${JSON.stringify(String(p))}]`),
    '$',
  );
}

/**
 * Validates a parsed `nashra.config.json` and fills defaults.
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
  const { $schema: _ignored, ...config } = r.data;
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
