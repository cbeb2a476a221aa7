// Keeps the article pages (articles/<id>.html) published beside the feeds: one call per render path of the site service. Pure: ports only.
import type { Article } from '../articles/article.ts';
import type { SiteConfig } from '../config/index.ts';
import { articlePagePathOf, renderArticlePage } from '../feeds/index.ts';
import type { ArticleChange, ArticleStore } from '../../ports/article-store.ts';
import type { FeedDocument } from '../feeds/feed-document.ts';

/** How the site service writes a document (remembered and published) and removes one. */
export interface ArticlePageOutput {
  put(doc: FeedDocument): Promise<FeedDocument>;
  drop(path: string): Promise<void>;
}

export interface ArticlePages {
  /** Publishes the page of each article; pushes the documents to `out` when given. */
  publish(articles: Iterable<Article>, out?: FeedDocument[]): Promise<void>;
  /** After a batch of writes: publishes the page of each article still there, removes the page of each id now gone. */
  sync(current: ReadonlyMap<string, Article | undefined>, out?: FeedDocument[]): Promise<void>;
  /** Removes the page of a deleted article. */
  remove(id: string): Promise<void>;
  /**
   * Reads the store's whole change log and, for each id, acts on its last change: a delete removes the page (an
   * article deleted behind the service's back, e.g. by another process), and a put recorded after `since` publishes
   * the page (an article written while a full render or rebuild was reading). Returns the pages it published less
   * those of articles deleted after `since` (which the render had published): the change in the number of pages.
   */
  syncFromChangeLog(since: string): Promise<number>;
}

const PAGE = 1000;

/**
 * The article pages of one site. Publishing an unchanged page costs a render and a hash: the publishers skip
 * documents whose hash they already hold.
 *
 * @example
 * const pages = createArticlePages({ config, store, output: { put, drop } });
 * await pages.publish([article]); // articles/<id>.html
 */
export function createArticlePages(options: { config: SiteConfig; store: ArticleStore; output: ArticlePageOutput }): ArticlePages {
  const { config, store, output } = options;
  async function publish(articles: Iterable<Article>, out?: FeedDocument[]): Promise<void> {
    for (const a of articles) {
      const doc = await output.put(renderArticlePage(config, a));
      out?.push(doc);
    }
  }
  return {
    publish,
    async sync(current, out) {
      for (const [id, a] of current) {
        if (a) await publish([a], out);
        else await output.drop(articlePagePathOf(id));
      }
    },
    remove: (id) => output.drop(articlePagePathOf(id)),
    async syncFromChangeLog(since) {
      // Each id's last change that is acted on, in the order of those changes: deletes and recent puts. An older put
      // only cancels what came before it, so the map holds the deleted and recent ids, not every id of the archive.
      const last = new Map<string, ArticleChange>();
      let cursor: string | undefined;
      do {
        const page = await store.listChangedSince('', { limit: PAGE, ...(cursor ? { cursor } : {}) });
        for (const c of page.items) {
          last.delete(c.id);
          if (c.kind === 'delete' || c.at > since) last.set(c.id, c);
        }
        cursor = page.cursor;
      } while (cursor);
      let published = 0;
      for (const c of last.values()) {
        if (c.kind === 'delete') {
          await output.drop(articlePagePathOf(c.id));
          // Deleted while the render read: its page was published by that read and is gone again.
          if (c.at > since) published--;
        } else if (c.article) {
          await publish([c.article]);
          published++;
        }
      }
      return published;
    },
  };
}
