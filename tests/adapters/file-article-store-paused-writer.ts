// Child process for the FileArticleStore lock test: takes the store lock for one put, stops itself (SIGSTOP) inside it, and reports how the put ended once continued.
import { FileArticleStore } from '../../lambda/adapters/file-article-store.ts';
import { createTestArticle } from '../support/article-factory.ts';

const [directory = '', staleText = '2000'] = process.argv.slice(2);
let calls = 0;
// The store reads its clock once inside the lock, right before it writes the article: stop there, holding the lock.
const clock = () => {
  if (++calls === 1) {
    process.stdout.write('paused\n');
    process.kill(process.pid, 'SIGSTOP');
  }
  return new Date();
};
const store = new FileArticleStore({ directory, clock, staleLockMs: Number(staleText), lockTimeoutMs: 1_000 });
const article = createTestArticle({ title: 'كتبها الكاتب الموقوف' });
try {
  await store.put(article);
  process.stdout.write(`${JSON.stringify({ outcome: 'written', id: article.id })}\n`);
} catch (err) {
  process.stdout.write(
    `${JSON.stringify({ outcome: 'failed', id: article.id, name: (err as Error).name, code: (err as { code?: string }).code, message: (err as Error).message })}\n`,
  );
}
