// The published JSON Schema is generated from the one zod validator and must not drift from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { articleInputJsonSchema } from '../../../lambda/core/articles/article-input-json-schema.ts';
import { articleInputSchema } from '../../../lambda/core/articles/article-input-schema.ts';

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

describe('the published JSON Schema agrees with the validator (checked with Ajv, draft 2020-12)', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv); // ajv-formats' CJS default export, typed for CJS consumers
  const validate = ajv.compile(JSON.parse(readFileSync(committed, 'utf8')));
  const samples = path.resolve(import.meta.dirname, '../../../samples/articles');
  const fixtures = path.resolve(import.meta.dirname, '../../fixtures/json');
  const items = (file: string): unknown[] => {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.ndjson'))
      return text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l));
    const v = JSON.parse(text);
    return Array.isArray(v) ? v : [v];
  };

  it('accepts every sample JSON article', () => {
    const all = ['wire-briefs.json', 'culture-desk.ndjson'].flatMap((f) => items(path.join(samples, f)));
    expect(all.length).toBeGreaterThanOrEqual(5);
    for (const a of all) expect(validate(a), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects what zod rejects for shape: missing title, missing url, an ftp: url, a blank title', () => {
    const batch = items(path.join(fixtures, 'batch-mixed.json')) as Array<Record<string, unknown>>;
    expect([1, 2, 3].map((i) => validate(batch[i]))).toEqual([false, false, false]);
    expect(validate({ ...batch[0]!, title: '   ' })).toBe(false);
    for (const i of [1, 2, 3]) expect(articleInputSchema.safeParse(batch[i]).success).toBe(false);
  });
});
