// Benchmark: parseArticles on a sample page text and on a 100-article JSON batch; baselines JSON.parse and sanitize-html alone on the same data.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArticles, sanitizeContent } from '../lambda/core/articles/index.ts';

const root = path.resolve(import.meta.dirname, '..');
const options = { timeZone: 'Asia/Riyadh', now: new Date('2026-11-26T12:00:00Z'), baseUrl: 'https://nashra.example/articles/' };
const pageText = readFileSync(path.join(root, 'samples/articles/gulf-markets-open.txt'), 'utf8');
const one = parseArticles({ body: pageText, name: 'gulf-markets-open.txt' }, options).articles[0]!.article;
const asInput = {
  url: one.url,
  title: one.title,
  summary: one.summary,
  content: one.content,
  source: one.source,
  published: one.published.raw,
};
const batch = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ ...asInput, url: `${asInput.url}-${i}` })));
const oneJson = JSON.stringify(asInput);

/** Median ms per call over `runs` calls (after a warm-up), bounded to ~3 s. */
function measure(fn: () => unknown, runs: number): number {
  for (let i = 0; i < Math.min(20, runs); i++) fn();
  const times: number[] = [];
  const deadline = performance.now() + 3000;
  for (let i = 0; i < runs && performance.now() < deadline; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const kb = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(1);
const rows: Array<[string, number, number, number]> = [
  [
    `page text, 1 article (${kb(pageText)} KB)`,
    measure(() => parseArticles({ body: pageText, format: 'text', name: 'p.txt' }, options), 300),
    measure(() => JSON.parse(oneJson), 300),
    measure(() => sanitizeContent(one.content), 300),
  ],
  [
    `JSON batch, 100 articles (${kb(batch)} KB)`,
    measure(() => parseArticles({ body: batch, format: 'json' }, options), 40),
    measure(() => JSON.parse(batch), 40),
    measure(() => {
      for (let i = 0; i < 100; i++) sanitizeContent(one.content);
    }, 40),
  ],
];
for (const [name, ms, json, sanitize] of rows) {
  console.log(
    `${name.padEnd(34)} parseArticles ${ms.toFixed(3)} ms | JSON.parse ${json.toFixed(4)} ms (${(ms / json).toFixed(0)}x) | sanitize-html alone ${sanitize.toFixed(3)} ms (${(ms / sanitize).toFixed(2)}x)`,
  );
}
