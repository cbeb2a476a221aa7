// Site config: validation with every problem listed by path, defaults, the committed config, and the JSON Schema in sync.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ConfigError, maxAgeOf, parseSiteConfig, siteConfigJsonSchema } from '../../../lambda/core/config/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const minimal = () => ({ title: 'نشرة', description: 'أخبار', baseUrl: 'https://news.example', timeZone: 'Asia/Riyadh' });

function issuesOf(value: unknown): Array<{ path: string; message: string }> {
  try {
    parseSiteConfig(value);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('parseSiteConfig', () => {
  it('fills defaults and ends baseUrl with "/"', () => {
    const c = parseSiteConfig(minimal());
    expect(c).toEqual({
      ...minimal(),
      baseUrl: 'https://news.example/',
      language: 'ar',
      itemLimit: 50,
      archivePageSize: 50,
      feedByteBudget: 5_000_000,
      ttl: 5,
      feeds: { all: true, category: true, source: true, author: true, titles: {} },
    });
    expect(maxAgeOf(c)).toBe(300);
    expect(maxAgeOf({ ...c, ttl: 15 })).toBe(900);
    expect(maxAgeOf({ ...c, maxAge: 60 })).toBe(60);
  });

  it('accepts canonical zones, aliases and UTC, and refuses names Intl does not know', () => {
    for (const timeZone of ['Asia/Riyadh', 'Africa/Casablanca', 'Asia/Calcutta', 'UTC', 'Etc/GMT-3', 'asia/riyadh']) {
      expect(parseSiteConfig({ ...minimal(), timeZone }).timeZone).toBe(timeZone);
    }
    for (const timeZone of ['Mars/Olympus', 'Asia/Riyad', '', '+03:00']) {
      expect(issuesOf({ ...minimal(), timeZone }).map((i) => i.path)).toEqual(['$.timeZone']);
    }
  });

  it('lists every problem with its path', () => {
    const issues = issuesOf({
      title: '',
      baseUrl: 'ftp://news.example',
      timeZone: 'Mars/Olympus',
      language: 'not a tag!',
      itemLimit: 0,
      ttl: 1.5,
      hub: 'javascript:alert(1)',
      feeds: { all: 'yes', titles: { whatever: 'x' } },
      extra: true,
    });
    const paths = issues.map((i) => i.path);
    for (const p of [
      '$.title',
      '$.description',
      '$.baseUrl',
      '$.timeZone',
      '$.language',
      '$.itemLimit',
      '$.ttl',
      '$.hub',
      '$.feeds.all',
      '$.feeds.titles.whatever',
      '$',
    ]) {
      expect(paths, p).toContain(p);
    }
    expect(issues.find((i) => i.path === '$.timeZone')!.message).toMatch(/IANA/);
    expect(issues.find((i) => i.path === '$')!.message).toMatch(/extra/);
  });

  it('rejects an archive page larger than the current feed', () => {
    expect(issuesOf({ ...minimal(), itemLimit: 10, archivePageSize: 20 })).toEqual([
      expect.objectContaining({ path: '$.archivePageSize', message: expect.stringMatching(/itemLimit \(10\)/) }),
    ]);
  });

  it('accepts the committed nashra.config.json', () => {
    const c = parseSiteConfig(JSON.parse(readFileSync(path.join(ROOT, 'nashra.config.json'), 'utf8')));
    expect(c.language).toBe('ar');
    expect(c.archivePageSize).toBeLessThanOrEqual(c.itemLimit);
  });
});

describe('schemas/site-config.schema.json', () => {
  const committed = JSON.parse(readFileSync(path.join(ROOT, 'schemas/site-config.schema.json'), 'utf8'));

  it('is what scripts/generate-site-config-schema.ts generates from the zod schema (no drift)', () => {
    expect(committed).toEqual(siteConfigJsonSchema());
  });

  it('validates the committed config and rejects a broken one', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(committed);
    expect(validate(JSON.parse(readFileSync(path.join(ROOT, 'nashra.config.json'), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...minimal(), baseUrl: 'ftp://x', itemLimit: -1 })).toBe(false);
  });
});
