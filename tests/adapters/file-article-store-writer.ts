// Child process for the FileArticleStore tests: writes articles into a folder, printing progress, so tests can race or kill it.
import { FileArticleStore } from '../../lambda/adapters/file-article-store.ts';
import { systemClock } from '../../lambda/adapters/system-clock.ts';
import { createTestArticle } from '../support/article-factory.ts';

const [directory, label, countText, sharedText] = process.argv.slice(2);
const count = Number(countText);
const shared = Number(sharedText ?? '0');
const store = new FileArticleStore({ directory: directory!, clock: systemClock });

// With a 'wait' argument, start writing only when the parent writes a line to stdin, so two writers start together.
if (process.argv[6] === 'wait') {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
}

for (let i = 0; i < count; i++) {
  await store.put(createTestArticle({ id: `${label}-${i}`, title: `${label} ${i}`, categories: [i % 2 ? 'رياضة' : 'سياسة'] }));
  if (i < shared) await store.put(createTestArticle({ id: `shared-${i}`, title: `shared ${i} by ${label}` }));
  process.stdout.write(`progress ${i + 1}\n`);
}
process.stdout.write('done\n');
