// recordingPublisher over a real publisher (FolderFeedPublisher): records real writes and removals, skips deleting what is absent.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { FolderFeedPublisher } from '../../lambda/adapters/folder-feed-publisher.ts';
import type { FeedPublisher } from '../../lambda/ports/feed-publisher.ts';
import type { FeedDocument } from '../../lambda/core/feeds/feed-document.ts';
import { recordingPublisher } from '../../lambda/handlers/recording-publisher.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function doc(p: string, text: string): FeedDocument {
  const body = new TextEncoder().encode(text);
  return {
    path: p,
    body,
    contentType: 'application/rss+xml; charset=utf-8',
    cacheControl: 'public, max-age=300',
    hash: createHash('sha256').update(body).digest('hex'),
  };
}

it('records written and removed paths, and take() clears them', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'nashra-rec-'));
  dirs.push(root);
  const inner = new FolderFeedPublisher({ root, durable: false });
  const p = recordingPublisher(inner);
  await p.publish(doc('feeds/all.rss', '<rss>1</rss>'));
  await p.publish(doc('feeds/all.rss', '<rss>1</rss>')); // same hash: not written
  await p.publish(doc('feeds/x.rss', '<rss>x</rss>'));
  await p.remove('feeds/x.rss');
  expect(p.take()).toEqual({ written: ['feeds/all.rss', 'feeds/x.rss'], removed: ['feeds/x.rss'] });
  expect(p.take()).toEqual({ written: [], removed: [] });
  expect(await p.get?.('feeds/x.rss')).toBeUndefined();
  expect((await p.get?.('feeds/all.rss'))?.hash).toBe(doc('feeds/all.rss', '<rss>1</rss>').hash);
});

it('does not call the inner remove for a document that is not there', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'nashra-rec-'));
  dirs.push(root);
  const inner = new FolderFeedPublisher({ root, durable: false });
  const removes: string[] = [];
  const spy: FeedPublisher & { get: typeof inner.get } = {
    publish: (d) => inner.publish(d),
    remove: async (p) => {
      removes.push(p);
      await inner.remove(p);
    },
    get: (p) => inner.get(p),
  };
  const p = recordingPublisher(spy);
  await p.remove('feeds/never.rss');
  expect(removes).toEqual([]);
  expect(p.take().removed).toEqual([]);
});
