// The groups feeds are listed in on the index and in feeds.opml (all, topics, sources, authors). Pure.

/** The groups of the index and the OPML file, in order, with their Arabic labels. */
export const FEED_GROUPS = [
  { kind: 'all', label: 'كل الأخبار' },
  { kind: 'category', label: 'المواضيع' },
  { kind: 'source', label: 'المصادر' },
  { kind: 'author', label: 'الكتّاب' },
] as const;

/**
 * The kind of a feed key: "all", "category", "source" or "author".
 *
 * @example
 * feedKindOf('category:سياسه') //=> 'category'
 */
export function feedKindOf(key: string): string {
  return key === 'all' ? 'all' : key.slice(0, key.indexOf(':'));
}
