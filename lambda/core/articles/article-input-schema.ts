// The one validator for article input (JSON, and page-text fields once extracted). Pure: imports only zod/mini.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships no messages: the English ones classic zod uses (one global setting; the site config sets the same).
z.config(en());

/** Non-blank text: zod trims first; the `pattern` makes the published JSON Schema reject blank strings too. */
const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.meta({ pattern: '\\S' }));
/** An http(s) URL; the `pattern` carries the scheme rule into the JSON Schema (format "uri" alone allows ftp:). */
const httpUrl = () =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .check(z.maxLength(2048), z.meta({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' }));
const described = <T extends z.ZodMiniType>(schema: T, description: string): T => schema.check(z.describe(description)) as T;
/** At most `max` items. */
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));

/** An image attached to an article. */
const articleImageInputSchema = z.object({
  url: httpUrl(),
  caption: z.optional(text(1000)),
  credit: z.optional(text(200)),
  type: z.optional(z.string().check(z.regex(/^image\/[\w.+-]+$/))),
  length: z.optional(z.number().check(z.int(), z.nonnegative())),
});

/** A caption of an image whose URL is unknown (as read from page text). */
const articleCaptionInputSchema = z.object({
  caption: text(1000),
  credit: z.optional(text(200)),
});

/**
 * The article input: what a CMS or scraper sends, one object per article.
 * `published`/`updated` are ISO instants ("2024-04-29T08:00:00Z") or raw Arabic date text
 * ("الإثنين 29 أبريل 2024"); both go through the date normalizer.
 * Written with `zod/mini` (same checks, issues and messages as classic zod, and the same generated JSON Schema):
 * classic zod is ~420 KiB of the ingest bundle, which node compiles at every cold start (bench/cold-start.bench.ts).
 */
export const articleInputSchema = described(
  z.object({
    key: described(z.optional(text(512)), "The publisher's own stable key; the id is derived from it when given, else from the URL"),
    url: described(httpUrl(), 'Canonical URL of the article'),
    title: text(1000),
    summary: described(z.optional(text(10_000)), 'The lede, plain text'),
    content: described(z.optional(z.string().check(z.maxLength(1_000_000))), 'HTML; sanitized on the way in'),
    authors: z.optional(list(text(200), 50)),
    categories: z.optional(list(text(200), 50)),
    source: described(z.optional(text(200)), 'Agency or site, e.g. "وكالات"'),
    images: z.optional(list(articleImageInputSchema, 50)),
    captions: described(z.optional(list(articleCaptionInputSchema, 50)), 'Captions of images whose URL is unknown'),
    language: described(z.optional(z.string().check(z.minLength(2), z.maxLength(35))), 'BCP 47 tag, default "ar"'),
    published: described(text(200), 'ISO 8601 instant or date, or Arabic date text as printed'),
    updated: z.optional(text(200)),
    timeZone: described(
      z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
      'IANA zone the dates are read in; default: the ingest zone',
    ),
  }),
  'A nashra article',
);

/** The validated input type. */
export type ArticleInput = z.infer<typeof articleInputSchema>;

/** Field names the schema knows; other keys are dropped with an UNKNOWN_FIELD warning. */
export const ARTICLE_INPUT_FIELDS: ReadonlySet<string> = new Set(Object.keys(articleInputSchema.shape));
