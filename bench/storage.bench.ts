// Storage bench: FileArticleStore put/list/startup against plain fs baselines, and DynamoDbArticleStore puts on dynalite against raw PutItem.
import { mkdtemp, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDbArticleStore } from '../lambda/adapters/dynamodb-article-store.ts';
import { FileArticleStore } from '../lambda/adapters/file-article-store.ts';
import { systemClock } from '../lambda/adapters/system-clock.ts';
import type { Article } from '../lambda/core/articles/article.ts';
import { createTestArticle, testArticleDate } from '../tests/support/article-factory.ts';
import { startDynalite } from '../tests/support/dynalite.ts';

const N = 5000;
const N_DURABLE = 300;
const N_DYNAMO = 400;

function articles(n: number): Article[] {
  const cats = ['سياسة', 'اقتصاد', 'رياضة', 'ثقافة', 'صحة'];
  return Array.from({ length: n }, (_, i) =>
    createTestArticle({
      categories: [cats[i % cats.length]!],
      content: `<p>${'نص الخبر '.repeat(80)}${i}</p>`,
      published: testArticleDate(new Date(Date.UTC(2024, 0, 1) + i * 97_000).toISOString()),
    }),
  );
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

function line(label: string, ms: number, n: number, baselineMs: number, baselineLabel: string): void {
  const rate = Math.round((n / ms) * 1000);
  process.stdout.write(
    `${label.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms  ${String(rate).padStart(7)} /s   ${(ms / baselineMs).toFixed(2)}× ${baselineLabel} (${baselineMs.toFixed(0)} ms)\n`,
  );
}

const root = await mkdtemp(path.join(tmpdir(), 'nashra-bench-storage-'));
try {
  const list = articles(N);
  const bytes = list.map((a) => JSON.stringify(a));
  const totalMb = bytes.reduce((s, b) => s + Buffer.byteLength(b), 0) / 1e6;
  process.stdout.write(`${N} articles, ${totalMb.toFixed(1)} MB of JSON\n\n`);

  // Baseline: the same bytes, one plain writeFile per article, no fsync.
  const plainDir = await mkdtemp(path.join(root, 'plain-'));
  const plain = await time(async () => {
    for (let i = 0; i < N; i++) await writeFile(path.join(plainDir, `${i}.json`), bytes[i]!);
  });
  const store = new FileArticleStore({ directory: path.join(root, 'fast'), clock: systemClock, durable: false });
  const put = await time(async () => {
    for (const a of list) await store.put(a);
  });
  line(`FileArticleStore.put, durable: false`, put.ms, N, plain.ms, 'plain writeFile');

  // Durable: fsync file + folder + log per put, against writeFile + fsync per file.
  const syncDir = await mkdtemp(path.join(root, 'plain-sync-'));
  const plainSync = await time(async () => {
    for (let i = 0; i < N_DURABLE; i++) {
      const fh = await open(path.join(syncDir, `${i}.json`), 'w');
      await fh.write(bytes[i]!);
      await fh.sync();
      await fh.close();
    }
  });
  const durable = new FileArticleStore({ directory: path.join(root, 'durable'), clock: systemClock });
  const durablePut = await time(async () => {
    for (const a of list.slice(0, N_DURABLE)) await durable.put(a);
  });
  line(`FileArticleStore.put, durable (${N_DURABLE})`, durablePut.ms, N_DURABLE, plainSync.ms, 'writeFile+fsync');

  // Replays: unchanged puts.
  const replay = await time(async () => {
    for (const a of list.slice(0, 1000)) await store.put(a);
  });
  line('FileArticleStore.put unchanged (1000 replays)', replay.ms, 1000, plain.ms / 5, 'plain writeFile of 1000');

  // Startup: a new process-equivalent instance opening the 5000-article folder, against reading every file.
  const naive = await time(async () => {
    const names = await readdir(plainDir);
    let n = 0;
    for (const f of names) n += (JSON.parse(await readFile(path.join(plainDir, f), 'utf8')) as Article).id ? 1 : 0;
    return n;
  });
  const startup = await time(async () => {
    const s = new FileArticleStore({ directory: path.join(root, 'fast'), clock: systemClock });
    await s.open();
    return (await s.listFeed('all', { limit: 50 })).items.length;
  });
  line(`startup: open + first page (${N} articles)`, startup.ms, N, naive.ms, 'read+parse all files');

  // Listing: page through the whole "all" feed, 100 a page.
  const listing = await time(async () => {
    let cursor: string | undefined;
    let n = 0;
    do {
      const page = await store.listFeed('all', { limit: 100, cursor });
      n += page.items.length;
      cursor = page.cursor;
    } while (cursor);
    return n;
  });
  if (listing.value !== N) throw new Error(`listed ${listing.value}, expected ${N}`);
  line('listFeed all, 100 a page (cold cache)', listing.ms, N, naive.ms, 'read+parse all files');
  const warm = await time(async () => {
    let cursor: string | undefined;
    do cursor = (await store.listFeed('all', { limit: 100, cursor })).cursor;
    while (cursor);
  });
  line('listFeed all, 100 a page (warm cache)', warm.ms, N, naive.ms, 'read+parse all files');

  // DynamoDB on dynalite: store.put (GET + conditional PUT + feed entries) against one raw PutItem per article.
  const db = await startDynalite();
  try {
    const rawTable = await db.createTable();
    const raw = await time(async () => {
      for (const a of list.slice(0, N_DYNAMO)) {
        await db.http.putItem({ TableName: rawTable, Item: { PK: `ARTICLE#${a.id}`, SK: 'ARTICLE', body: JSON.stringify(a) } });
      }
    });
    const dynamo = new DynamoDbArticleStore({ client: db.http, tableName: await db.createTable(), clock: systemClock });
    const dput = await time(async () => {
      for (const a of list.slice(0, N_DYNAMO)) await dynamo.put(a);
    });
    line(`DynamoDbArticleStore.put on dynalite (${N_DYNAMO})`, dput.ms, N_DYNAMO, raw.ms, 'raw PutItem');
    const dreplay = await time(async () => {
      for (const a of list.slice(0, N_DYNAMO)) await dynamo.put(a);
    });
    line(`DynamoDbArticleStore.put unchanged (${N_DYNAMO})`, dreplay.ms, N_DYNAMO, raw.ms, 'raw PutItem');
    const dlist = await time(async () => {
      let cursor: string | undefined;
      let n = 0;
      do {
        const page = await dynamo.listFeed('all', { limit: 100, cursor });
        n += page.items.length;
        cursor = page.cursor;
      } while (cursor);
      return n;
    });
    line(`DynamoDbArticleStore.listFeed all (${dlist.value})`, dlist.ms, dlist.value, raw.ms, 'raw PutItem of as many');
  } finally {
    await db.stop();
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
