// The build nashra had before it streamed, kept for the benches' baseline: every article of every file in one Map, every document rendered in memory, then written.
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readArticleStream, type Article } from '../../lambda/core/articles/index.ts';
import { articlesBaseUrlOf, parseSiteConfig } from '../../lambda/core/config/index.ts';
import { renderSiteDocuments } from '../../lambda/core/feeds/index.ts';
import { FolderFeedPublisher } from '../../lambda/adapters/folder-feed-publisher.ts';

// Usage: node in-memory-build.mjs ARTICLES_DIR OUT_DIR NOW CONFIG (compiled by compileInMemoryBuild). Files are read with the streaming reader (so
// files over 1 MiB are read at all); everything after that is the old build: one Map, renderSiteDocuments, write.
const [dir, out, now, configFile] = process.argv.slice(2) as [string, string, string, string];
const config = parseSiteConfig(JSON.parse(readFileSync(configFile, 'utf8')));
const started = performance.now();
const byId = new Map<string, Article>();
const files = readdirSync(dir).sort();
for (const name of files) {
  await readArticleStream(
    { chunks: createReadStream(path.join(dir, name)), name },
    { timeZone: config.timeZone, now: new Date(now), baseUrl: articlesBaseUrlOf(config) },
    ({ article }) => {
      byId.set(article.id, article);
    },
  );
}
const { documents, feeds } = renderSiteDocuments(config, [...byId.values()]);
const publisher = new FolderFeedPublisher({ root: out, durable: false });
for (const doc of documents) await publisher.publish(doc);
process.stderr.write(
  `in-memory build: ${byId.size} articles read from ${files.length} files, ${feeds.length} feeds written (${documents.length} documents) in ${((performance.now() - started) / 1000).toFixed(2)} s\n`,
);
