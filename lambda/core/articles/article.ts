// The Article model: what every adapter stores and every feed renders. Pure types: imports only core types.
import type { NormalizedDate } from '../dates/types.ts';

/**
 * A date as it crossed into the model: once, with the raw text kept beside it.
 * Everything downstream sorts and renders by `instant`.
 */
export interface ArticleDate {
  /** The text as printed (or the ISO string as given). */
  raw: string;
  /** IANA zone the text was read in. */
  timeZone: string;
  /** The normalizer's result. */
  normalized: NormalizedDate;
  /**
   * The instant used downstream, "…Z". The normalized instant when the text fixed a time;
   * otherwise 12:00 of `normalized.date` (of its first day, for month precision) in `timeZone`.
   */
  instant: string;
}

export interface ArticleImage {
  url: string;
  caption?: string;
  credit?: string;
  /** MIME type, when known (e.g. "image/jpeg"). */
  type?: string;
  /** Size in bytes, when known. */
  length?: number;
}

/** An image caption printed in a page whose image URL is unknown (saved page text carries no image URLs). */
export interface ArticleCaption {
  caption: string;
  /** The credit printed after " - ", e.g. "رويترز". */
  credit?: string;
}

export interface Article {
  /** Stable id from the publisher's key or the canonical URL, never the title. */
  id: string;
  url: string;
  title: string;
  /** The lede, plain text. */
  summary?: string;
  /** Sanitized HTML: paragraphs and subheadings. */
  content: string;
  authors: string[];
  categories: string[];
  /** Agency or site the article came from, e.g. "وكالات". */
  source?: string;
  images: ArticleImage[];
  /** Captions of images whose URL is unknown (from page text); images with a URL keep theirs in `images`. */
  captions?: ArticleCaption[];
  /** BCP 47 language tag, default "ar". */
  language: string;
  direction: 'rtl' | 'ltr';
  published: ArticleDate;
  /** Set only when the article was really updated after publication. */
  updated?: ArticleDate;
  /** sha256 (hex) of the article's content fields, excluding `updated`: equal hash, same article. */
  contentHash: string;
}
