// Runs the ArticleStore contract against MemoryArticleStore.
import { MemoryArticleStore } from '../../lambda/adapters/memory-article-store.ts';
import { describeArticleStoreContract } from './article-store.contract.ts';

describeArticleStoreContract('MemoryArticleStore', async (clock) => new MemoryArticleStore({ clock }), { propertyRuns: 200 });
