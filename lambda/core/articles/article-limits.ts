// What one article and one body may hold: the error report cap, JSON depth, categories and authors, the year range. Pure: imports nothing.

/** Bounds on one body of articles; every field has a default (`DEFAULT_ARTICLE_LIMITS`). */
export interface ArticleLimits {
  /** Errors listed in a report; the rest are only counted (`omittedErrors`). Default 100. */
  reportedErrors: number;
  /** Deepest JSON nesting accepted in one article (an object or array inside another counts one level). Default 64. */
  jsonDepth: number;
  /** Categories one article may carry; each one is a feed. Default 20. */
  categoriesPerArticle: number;
  /** Authors one article may carry; each one is a feed. Default 20. */
  authorsPerArticle: number;
  /** Earliest publication year accepted. Default 1900. */
  minYear: number;
  /** Latest publication year accepted, as years after the clock's year. Default 1 (next year). */
  yearsAhead: number;
}

/** The defaults: 100 errors listed, 64 levels, 20 categories, 20 authors, years 1900 to next year. */
export const DEFAULT_ARTICLE_LIMITS: Readonly<ArticleLimits> = Object.freeze({
  reportedErrors: 100,
  jsonDepth: 64,
  categoriesPerArticle: 20,
  authorsPerArticle: 20,
  minYear: 1900,
  yearsAhead: 1,
});

/**
 * The defaults with the given fields replaced.
 *
 * @example
 * articleLimitsOf({ categoriesPerArticle: 5 }).categoriesPerArticle //=> 5
 * articleLimitsOf(undefined).jsonDepth //=> 64
 */
export function articleLimitsOf(limits: Partial<ArticleLimits> | undefined): ArticleLimits {
  return { ...DEFAULT_ARTICLE_LIMITS, ...limits };
}
