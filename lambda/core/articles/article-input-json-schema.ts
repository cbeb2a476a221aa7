// The published JSON Schema of the article input, generated from the one validator. Pure: imports only zod/mini.
// Kept apart from article-input-schema.ts so the Lambda bundles (which import the parser, never this) leave out
// zod's JSON Schema generator.
import * as z from 'zod/mini';
import { articleInputSchema } from './article-input-schema.ts';

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
