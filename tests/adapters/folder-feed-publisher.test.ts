// FolderFeedPublisher: atomic documents with header sidecars, skip on equal hash, path checks, crash leftovers.
import { mkdtemp, readFile, readdir, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderFeedPublisher } from '../../lambda/adapters/folder-feed-publisher.ts';
import { PublishError } from '../../lambda/ports/feed-publisher.ts';
import { createTestDocument } from './feed-document-factory.ts';

const dirs: string[] = [];
async function newPublisher(): Promise<FolderFeedPublisher> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nashra-folder-pub-'));
  dirs.push(dir);
  return new FolderFeedPublisher({ root: dir });
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('FolderFeedPublisher', () => {
  it('writes the body and a sidecar with content type, cache control, hash and last-modified', async () => {
    const pub = await newPublisher();
    const doc = createTestDocument('feeds/category-سياسة.rss', '<rss version="2.0"><channel><title>سياسة</title></channel></rss>');
    expect(await pub.publish(doc)).toEqual({ path: doc.path, written: true });
    expect(new Uint8Array(await readFile(path.join(pub.root, 'feeds', 'category-سياسة.rss')))).toEqual(doc.body);
    const meta = JSON.parse(await readFile(path.join(pub.root, '.meta', 'feeds', 'category-سياسة.rss.json'), 'utf8'));
    expect(meta).toEqual({
      contentType: 'application/rss+xml; charset=utf-8',
      cacheControl: 'public, max-age=300',
      hash: doc.hash,
      lastModified: doc.lastModified,
      size: doc.body.byteLength,
    });
    expect(await pub.get(doc.path)).toEqual(doc);
    expect(await pub.get('feeds/none.rss')).toBeUndefined();
  });

  it('skips a document whose hash is already published, and replaces a changed one', async () => {
    const pub = await newPublisher();
    const doc = createTestDocument('feeds/all/archive/1.atom', '<feed/>', { contentType: 'application/atom+xml; charset=utf-8' });
    await pub.publish(doc);
    const file = path.join(pub.root, 'feeds', 'all', 'archive', '1.atom');
    const before = await stat(file);
    expect(await pub.publish(createTestDocument(doc.path, '<feed/>', { contentType: doc.contentType }))).toEqual({
      path: doc.path,
      written: false,
    });
    expect((await stat(file)).ino).toBe(before.ino);
    const changed = createTestDocument(doc.path, '<feed><entry/></feed>', { contentType: doc.contentType });
    expect(await pub.publish(changed)).toEqual({ path: doc.path, written: true });
    expect(await readFile(file, 'utf8')).toBe('<feed><entry/></feed>');
    expect((await pub.get(doc.path))?.hash).toBe(changed.hash);
    expect((await readdir(path.dirname(file))).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('rewrites a document whose sidecar a crash left missing', async () => {
    const pub = await newPublisher();
    const doc = createTestDocument('index.html', '<!doctype html><html lang="ar" dir="rtl"></html>', {
      contentType: 'text/html; charset=utf-8',
    });
    await pub.publish(doc);
    await unlink(path.join(pub.root, '.meta', 'index.html.json'));
    expect(await pub.get(doc.path)).toBeUndefined();
    expect((await pub.publish(doc)).written).toBe(true);
    expect(await pub.get(doc.path)).toEqual(doc);
  });

  it('removes a document and its sidecar; removing nothing is fine', async () => {
    const pub = await newPublisher();
    const doc = createTestDocument('feeds/author-سارة.json', '{}', { contentType: 'application/feed+json; charset=utf-8' });
    await pub.publish(doc);
    await pub.remove(doc.path);
    expect(await pub.get(doc.path)).toBeUndefined();
    await expect(stat(path.join(pub.root, 'feeds', 'author-سارة.json'))).rejects.toThrow();
    await expect(pub.remove(doc.path)).resolves.toBeUndefined();
    expect((await pub.publish(doc)).written).toBe(true);
  });

  it('keeps body and sidecar matching when one path is published many times at once', async () => {
    const pub = await newPublisher();
    const docs = Array.from({ length: 12 }, (_, i) => createTestDocument('feeds/all.rss', `<rss><!-- ${i} --></rss>`));
    const results = await Promise.all(docs.map((d) => pub.publish(d)));
    expect(results.every((r) => r.written)).toBe(true);
    const got = await pub.get('feeds/all.rss');
    expect(got?.hash).toBe(docs.at(-1)!.hash);
    expect(got?.body).toEqual(docs.at(-1)!.body);
  });

  it('refuses paths that escape the root or collide with the sidecars', async () => {
    const pub = await newPublisher();
    for (const bad of [
      '../outside.rss',
      '/etc/passwd',
      'feeds//all.rss',
      'feeds/./all.rss',
      '.meta/x.json',
      'a\\b',
      '',
      'feeds/\u0000.rss',
    ]) {
      const err = await pub.publish(createTestDocument(bad, 'x')).catch((e: unknown) => e);
      expect(err, bad).toBeInstanceOf(PublishError);
      expect((err as PublishError).code).toBe('INVALID_PATH');
    }
    expect(await readdir(pub.root).catch(() => [])).toEqual([]);
  });
});
