// The published JSON Schema is generated from the one zod validator and must not drift from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleInputJsonSchema, articleInputSchema } from '../../../lambda/core/articles/article-input-schema.ts';

const committed = path.resolve(import.meta.dirname, '../../../schemas/article.schema.json');

describe('schemas/article.schema.json', () => {
  it('equals the schema generated from the zod validator (regenerate with `npm run schema:article`)', () => {
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(articleInputJsonSchema());
  });

  it('requires url, title and published, like the validator', () => {
    const schema = articleInputJsonSchema() as { required: string[]; properties: Record<string, unknown> };
    expect([...schema.required].sort()).toEqual(['published', 'title', 'url']);
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(articleInputSchema.shape).sort());
  });
});
