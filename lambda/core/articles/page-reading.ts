// What every page reader (text, HTML) returns: article input fields plus where each came from. Pure types: imports only core types.
import type { ArticleError, ArticleWarning } from './article-error.ts';

/**
 * Where a field was read from: JSON-LD, a `<meta>`/`<link>`/`<html>` attribute, a `<time datetime>`, a visible line
 * of the page (headline, date line, byline), the `name: value` header of page text, or the article body.
 */
export type FieldSource = 'json-ld' | 'meta' | 'time' | 'text-line' | 'header' | 'body';

/** Per article field ("title", "published", "summary"…), where its value came from. */
export type ArticleFieldSources = Partial<Record<string, FieldSource>>;

/** One page read: either article input for `createArticle` with its sources and warnings, or the reasons it cannot be. */
export type PageReading =
  | { ok: true; candidate: Record<string, unknown>; from: ArticleFieldSources; warnings: ArticleWarning[] }
  | { ok: false; errors: ArticleError[] };
