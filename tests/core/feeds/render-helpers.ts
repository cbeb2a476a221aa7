// Test helpers: render a feed to text by path, and write documents into a temp folder for the real checkers.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Article } from '../../../lambda/core/articles/article.ts';
import type { SiteConfig } from '../../../lambda/core/config/index.ts';
import { FragmentCache, renderFeedDocuments } from '../../../lambda/core/feeds/index.ts';
import type { FeedDocument } from '../../../lambda/core/feeds/feed-document.ts';

const decoder = new TextDecoder();

/** Renders one feed with a fresh cache; returns path → text. */
export function renderTexts(config: SiteConfig, key: string, articles: Article[]): Map<string, string> {
  const docs = renderFeedDocuments(config, key, articles, { cache: new FragmentCache() });
  return new Map(docs.map((d) => [d.path, decoder.decode(d.body)]));
}

/** The text of one rendered path; throws when the path was not rendered. */
export function textOf(texts: Map<string, string>, p: string): string {
  const t = texts.get(p);
  if (t === undefined) throw new Error(`not rendered: ${p} (have ${[...texts.keys()].join(', ')})`);
  return t;
}

/** Writes documents under `dir`; returns the absolute file paths. */
export function writeDocuments(dir: string, docs: readonly FeedDocument[]): string[] {
  return docs.map((d) => {
    const file = path.join(dir, d.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, d.body);
    return file;
  });
}
