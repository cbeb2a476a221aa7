// Child process for the FileArticleStore tests: writes articles into a folder, printing progress, so tests can race or kill it.
import { FileArticleStore } from '../../lambda/adapters/file-article-store.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import type { Article } from '../../lambda/core/articles/article.ts';
import { createTestArticle, testArticleDate } from '../support/article-factory.ts';

const [directory, label, countText, sharedText] = process.argv.slice(2);
const count = Number(countText);
const shared = Number(sharedText ?? '0');
const store = new FileArticleStore({ directory: directory ?? '', clock: systemClock });

function article(id: string, title: string, category: string, minute: number): Article {
  const instant = new Date(Date.UTC(2024, 3, 1) + minute * 60_000).toISOString();
  return createTestArticle({
    id,
    url: `https://news.example.sa/${encodeURIComponent(id)}`,
    title,
    categories: [category],
    published: testArticleDate(instant, 'UTC'),
  });
}

// With a 'wait' argument, start writing only when the parent writes a line to stdin, so two writers start together.
if (process.argv[6] === 'wait') {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
}

for (let i = 0; i < count; i++) {
  await store.put(article(`${label}-${i}`, `${label} ${i}`, i % 2 ? 'رياضة' : 'سياسة', i));
  if (i < shared) await store.put(article(`shared-${i}`, `shared ${i} by ${label}`, 'سياسة', i));
  process.stdout.write(`progress ${i + 1}\n`);
}
process.stdout.write('done\n');
