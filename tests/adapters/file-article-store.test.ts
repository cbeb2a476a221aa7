// FileArticleStore beyond the contract: persistence, two real processes writing at once, crash leftovers, compaction, rebuild.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, rmdir, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Article } from '../../lambda/core/articles/article.ts';
import { articleFileName, FileArticleStore } from '../../lambda/adapters/file-article-store.ts';
import { acquireFolderLock } from '../../lambda/adapters/folder-lock.ts';
import { StoreError } from '../../lambda/ports/article-store.ts';
import { steppingClock } from '../contracts/article-store.contract.ts';
import { createTestArticle, editTestArticle } from '../support/article-factory.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const writerScript = path.join(repoRoot, 'tests/adapters/file-article-store-writer.ts');
const pausedWriterScript = path.join(repoRoot, 'tests/adapters/file-article-store-paused-writer.ts');
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nashra-file-store-'));
  dirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** Every article file parses, matches its name, and the store's index agrees with the folder. */
async function expectConsistent(dir: string): Promise<Article[]> {
  const names = await readdir(path.join(dir, 'articles'));
  expect(names.filter((n) => n.includes('.tmp-'))).toEqual([]);
  const articles: Article[] = [];
  for (const n of names) {
    const a = JSON.parse(await readFile(path.join(dir, 'articles', n), 'utf8')) as Article;
    expect(articleFileName(a.id)).toBe(n);
    articles.push(a);
  }
  const store = new FileArticleStore({ directory: dir, clock: steppingClock() });
  expect(await store.size()).toBe(articles.length);
  const listed: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listFeed('all', { limit: 500, cursor });
    listed.push(...page.items.map((a) => a.id));
    cursor = page.cursor;
  } while (cursor);
  expect(listed.sort()).toEqual(articles.map((a) => a.id).sort());
  for (const line of (await readFile(path.join(dir, 'changes.log'), 'utf8')).split('\n').filter(Boolean)) {
    expect(() => JSON.parse(line)).not.toThrow();
  }
  return articles;
}

/** Starts a writer child that waits for "go" on stdin; resolves once it is ready, with a function that starts it. */
async function startWriter(
  dir: string,
  label: string,
  count: number,
  shared: number,
): Promise<{ go(): void; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dir, label, String(count), String(shared), 'wait'], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`writer ${label} not ready in 20 s`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { go: () => child.stdin!.end('go\n'), exit };
}

describe('FileArticleStore', () => {
  it('keeps everything across a restart (a new instance on the same folder)', async () => {
    const dir = await tempDir();
    const clock = steppingClock();
    const first = new FileArticleStore({ directory: dir, clock });
    const a = createTestArticle({ categories: ['اقتصاد'] });
    const b = createTestArticle();
    await first.put(a);
    await first.put(b);
    const a2 = (await first.put(editTestArticle(a))).article;
    await first.delete(b.id);

    const second = new FileArticleStore({ directory: dir, clock });
    expect(await second.get(a.id)).toEqual(a2);
    expect(await second.get(b.id)).toBeUndefined();
    expect((await second.listFeed('category:اقتصاد', { limit: 5 })).items).toEqual([a2]);
    const changes = (await second.listChangedSince('', { limit: 10 })).items;
    expect(changes.map((c) => [c.id, c.kind])).toEqual([
      [a.id, 'put'],
      [b.id, 'delete'],
    ]);
    expect((await second.put(a2)).status).toBe('unchanged');
  });

  it('sees writes another instance makes after it opened', async () => {
    const dir = await tempDir();
    const one = new FileArticleStore({ directory: dir, clock: steppingClock() });
    const two = new FileArticleStore({ directory: dir, clock: steppingClock('2026-01-01T00:00:00Z') });
    await one.open();
    await two.open();
    const a = createTestArticle();
    await two.put(a);
    expect((await one.listFeed('all', { limit: 5 })).items.map((x) => x.id)).toEqual([a.id]);
    expect((await one.put(a)).status).toBe('unchanged');
    expect((await one.put(editTestArticle(a))).status).toBe('updated');
    expect((await two.get(a.id))?.updated).toBeDefined();
  });

  it('loses nothing when two processes ingest into the same folder at once', async () => {
    const dir = await tempDir();
    const count = 50;
    const shared = 15;
    const writers = await Promise.all([startWriter(dir, 'left', count, shared), startWriter(dir, 'right', count, shared)]);
    for (const w of writers) w.go();
    const codes = await Promise.all(writers.map((w) => w.exit));
    expect(codes).toEqual([0, 0]);
    // The writes really interleaved: the log switches between the two writers several times.
    const order = (await readFile(path.join(dir, 'changes.log'), 'utf8'))
      .split('\n')
      .filter((l) => /"id":"(left|right)-/.test(l))
      .map((l) => (l.includes('"id":"left-') ? 'L' : 'R'));
    expect(order.join('').match(/LR|RL/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    const articles = await expectConsistent(dir);
    const ids = new Set(articles.map((a) => a.id));
    expect(ids.size).toBe(2 * count + shared);
    for (let i = 0; i < count; i++) {
      expect(ids.has(`left-${i}`)).toBe(true);
      expect(ids.has(`right-${i}`)).toBe(true);
    }
    const store = new FileArticleStore({ directory: dir, clock: steppingClock() });
    for (let i = 0; i < shared; i++) {
      const s = await store.get(`shared-${i}`);
      expect(s?.title).toMatch(/^shared \d+ by (left|right)$/);
    }
    // The change log names each article once after compaction-equivalent reading.
    const changes: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listChangedSince('', { limit: 100, cursor });
      changes.push(...page.items.map((c) => c.id));
      cursor = page.cursor;
    } while (cursor);
    expect(changes.length).toBe(ids.size);
    expect(await stat(path.join(dir, 'writer.lock')).catch(() => undefined)).toBeUndefined();
  });

  it('recovers from a writer killed mid-stream: no torn article, no leftover temp file', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, dir, 'victim', '100000', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error('writer made no progress in 20 s')), 20_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/progress 25\n/.test(seen)) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const articles = await expectConsistent(dir);
    expect(articles.length).toBeGreaterThanOrEqual(25);
    // And the folder takes new writes afterwards.
    const store = new FileArticleStore({ directory: dir, clock: steppingClock() });
    expect((await store.put(createTestArticle())).status).toBe('created');
  });

  it('repairs what a crash leaves: stale lock, temp file, torn log line, article written but not logged', async () => {
    const dir = await tempDir();
    const clock = steppingClock();
    const store = new FileArticleStore({ directory: dir, clock });
    const kept = createTestArticle();
    await store.put(kept);
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const unlogged = createTestArticle({ categories: ['صحة'] });
    const articles = path.join(dir, 'articles');
    // A dead writer's lock (not refreshed for a minute) and its mark, as a kill -9 mid-write leaves them.
    await mkdir(path.join(dir, 'writer.lock'));
    const minuteAgo = new Date(Date.now() - 60_000);
    await utimes(path.join(dir, 'writer.lock'), minuteAgo, minuteAgo);
    await writeFile(path.join(dir, 'store.needs-repair'), '');
    await writeFile(path.join(articles, `${articleFileName('half')}.tmp-${deadPid}-abcd`), '{"id":"half","tit');
    await writeFile(path.join(articles, articleFileName(unlogged.id)), JSON.stringify(unlogged));
    await writeFile(path.join(dir, 'changes.log'), '{"at":"2025-01-01T00:00:09.000Z","id":"torn","ki', { flag: 'a' });

    const reopened = new FileArticleStore({ directory: dir, clock });
    expect(await reopened.get(kept.id)).toEqual(kept);
    expect((await reopened.listFeed('category:صحة', { limit: 5 })).items.map((a) => a.id)).toEqual([unlogged.id]);
    expect((await readdir(articles)).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(await stat(path.join(dir, 'writer.lock')).catch(() => undefined)).toBeUndefined();
    expect(await stat(path.join(dir, 'store.needs-repair')).catch(() => undefined)).toBeUndefined();
    const log = await readFile(path.join(dir, 'changes.log'), 'utf8');
    expect(log.endsWith('\n')).toBe(true);
    expect(log).not.toContain('"torn"');
    await expectConsistent(dir);
  });

  it('reports a damaged article file as StoreError CORRUPT, and repair sets it aside', async () => {
    const dir = await tempDir();
    const store = new FileArticleStore({ directory: dir, clock: steppingClock() });
    const damaged = createTestArticle();
    const fine = createTestArticle();
    await store.put(damaged);
    await store.put(fine);
    const file = path.join(dir, 'articles', articleFileName(damaged.id));
    await writeFile(file, '{"id": "not json');
    const err = await store.get(damaged.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('CORRUPT');
    // A repair (here: asked for by the marker a lock breaker leaves) moves it to *.corrupt and logs the loss.
    await writeFile(path.join(dir, 'store.needs-repair'), '');
    const reopened = new FileArticleStore({ directory: dir, clock: steppingClock('2026-01-01T00:00:00Z') });
    expect((await reopened.listFeed('all', { limit: 10 })).items.map((a) => a.id)).toEqual([fine.id]);
    expect(await stat(`${file}.corrupt`)).toBeDefined();
    expect((await reopened.listChangedSince('2025-12-31T00:00:00Z', { limit: 10 })).items).toEqual([
      expect.objectContaining({ id: damaged.id, kind: 'delete' }),
    ]);
  });

  it('waits for a live lock and gives up with StoreError UNAVAILABLE', async () => {
    const dir = await tempDir();
    const store = new FileArticleStore({ directory: dir, clock: steppingClock(), lockTimeoutMs: 150 });
    await store.open();
    // Another owner's lock, fresh: not stale for another 5 s.
    await mkdir(path.join(dir, 'writer.lock'));
    const err = await store.put(createTestArticle()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('UNAVAILABLE');
    expect((err as StoreError).message).toMatch(/locked by another process for over 150 ms/);
    await rmdir(path.join(dir, 'writer.lock'));
    expect((await store.put(createTestArticle())).status).toBe('created');
  });

  it('a writer paused past the stale time loses its lock: on resuming it writes nothing, fails cleanly, and leaves the new owner its lock', async () => {
    const dir = await tempDir();
    const staleMs = 2_000;
    const before = createTestArticle({ title: 'قبل التوقف' });
    await new FileArticleStore({ directory: dir, clock: steppingClock(), staleLockMs: staleMs }).put(before);
    const child = spawn(process.execPath, ['--import', 'tsx', pausedWriterScript, dir, String(staleMs)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    await expect.poll(() => out, { timeout: 20_000, interval: 20 }).toContain('paused');
    const lockDir = path.join(dir, 'writer.lock');
    expect((await stat(lockDir)).isDirectory()).toBe(true);
    // The child is stopped holding the lock: it goes stale after staleMs, and this process takes it over.
    const taken = await acquireFolderLock(lockDir, { timeoutMs: 10_000, staleMs });
    const ownerMtime = (await stat(lockDir)).mtimeMs;
    child.kill('SIGCONT');
    expect(await exit).toBe(0);
    const result = JSON.parse(out.split('\n').find((l) => l.startsWith('{')) ?? '{}') as {
      outcome: string;
      id: string;
      code?: string;
      message: string;
    };
    expect(result).toMatchObject({ outcome: 'failed', code: 'UNAVAILABLE' });
    expect(result.message).toMatch(/lost the lock/);
    // The new owner's lock is still there, untouched, and still ours.
    expect((await stat(lockDir)).mtimeMs).toBe(ownerMtime);
    await expect(taken.assertHeld()).resolves.toBeUndefined();
    await taken.release();
    expect(await stat(lockDir).catch(() => undefined)).toBeUndefined();
    // Nothing of the paused writer's article was written; the folder is whole and takes writes.
    expect(await stat(path.join(dir, 'articles', articleFileName(result.id))).catch(() => undefined)).toBeUndefined();
    const store = new FileArticleStore({ directory: dir, clock: steppingClock('2026-01-01T00:00:00Z'), staleLockMs: staleMs });
    expect(await store.get(before.id)).toEqual(before);
    expect((await store.put(createTestArticle())).status).toBe('created');
    const articles = await expectConsistent(dir);
    expect(articles.map((a) => a.id)).not.toContain(result.id);
  });

  it('rebuilds its index from the article files when changes.log is lost', async () => {
    const dir = await tempDir();
    const store = new FileArticleStore({ directory: dir, clock: steppingClock() });
    const all = [createTestArticle(), createTestArticle(), createTestArticle()];
    for (const a of all) await store.put(a);
    await unlink(path.join(dir, 'changes.log'));
    const rebuilt = new FileArticleStore({ directory: dir, clock: steppingClock() });
    expect((await rebuilt.listFeed('all', { limit: 10 })).items.map((a) => a.id).sort()).toEqual(all.map((a) => a.id).sort());
  });

  it('compacts the change log to one line per article', async () => {
    const dir = await tempDir();
    const store = new FileArticleStore({ directory: dir, clock: steppingClock(), durable: false, compactAfterLines: 50 });
    let a = createTestArticle();
    const b = createTestArticle();
    await store.put(b);
    for (let i = 0; i < 120; i++) {
      a = editTestArticle(a, { title: `نسخة ${i}` });
      await store.put(a);
    }
    const lines = (await readFile(path.join(dir, 'changes.log'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.length).toBeLessThanOrEqual(51);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const reopened = new FileArticleStore({ directory: dir, clock: steppingClock() });
    expect((await reopened.get(a.id))?.title).toBe('نسخة 119');
    expect((await reopened.listChangedSince('', { limit: 10 })).items.map((c) => c.id)).toEqual([b.id, a.id]);
  });
});
