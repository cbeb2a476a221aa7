// The one validator for article input (JSON, and page-text fields once extracted). Pure: imports only zod.
import { z } from 'zod';

/** Non-blank text: zod trims first; the `pattern` makes the published JSON Schema reject blank strings too. */
const text = (max: number) => z.string().trim().min(1).max(max).meta({ pattern: '\\S' });
/** An http(s) URL; the `pattern` carries the scheme rule into the JSON Schema (format "uri" alone allows ftp:). */
const httpUrl = () => z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048).meta({ pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });

/** An image attached to an article. */
export const articleImageInputSchema = z.object({
  url: httpUrl(),
  caption: text(1000).optional(),
  credit: text(200).optional(),
  type: z.string().regex(/^image\/[\w.+-]+$/).optional(),
  length: z.number().int().nonnegative().optional(),
});

/** A caption of an image whose URL is unknown (as read from page text). */
export const articleCaptionInputSchema = z.object({
  caption: text(1000),
  credit: text(200).optional(),
});

/**
 * The article input: what a CMS or scraper sends, one object per article.
 * `published`/`updated` are ISO instants ("2024-04-29T08:00:00Z") or raw Arabic date text
 * ("الإثنين 29 أبريل 2024"); both go through the date normalizer.
 */
export const articleInputSchema = z
  .object({
    key: text(512).optional().describe("The publisher's own stable key; the id is derived from it when given, else from the URL"),
    url: httpUrl().describe('Canonical URL of the article'),
    title: text(1000),
    summary: text(10_000).optional().describe('The lede, plain text'),
    content: z.string().max(1_000_000).optional().describe('HTML; sanitized on the way in'),
    authors: z.array(text(200)).max(50).optional(),
    categories: z.array(text(200)).max(50).optional(),
    source: text(200).optional().describe('Agency or site, e.g. "وكالات"'),
    images: z.array(articleImageInputSchema).max(50).optional(),
    captions: z.array(articleCaptionInputSchema).max(50).optional().describe('Captions of images whose URL is unknown'),
    language: z.string().min(2).max(35).optional().describe('BCP 47 tag, default "ar"'),
    published: text(200).describe('ISO 8601 instant or date, or Arabic date text as printed'),
    updated: text(200).optional(),
    timeZone: z.string().min(1).max(64).optional().describe('IANA zone the dates are read in; default: the ingest zone'),
  })
  .describe('A nashra article');

/** The validated input type. */
export type ArticleInput = z.infer<typeof articleInputSchema>;

/** Field names the schema knows; other keys are dropped with an UNKNOWN_FIELD warning. */
export const ARTICLE_INPUT_FIELDS: ReadonlySet<string> = new Set(Object.keys(articleInputSchema.shape));

/**
 * The published JSON Schema (draft 2020-12) of the article input, generated from `articleInputSchema`.
 * `schemas/article.schema.json` is this value, written by `npx nashra ingest --json-schema`.
 *
 * @example
 * articleInputJsonSchema().required //=> ['url', 'title', 'published']
 */
export function articleInputJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(articleInputSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    $id: 'https://nashra.dev/schemas/article.schema.json',
    title: 'nashra article input',
    ...schema,
  };
}
